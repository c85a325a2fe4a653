"""``workbench kwic QUERY``: keyword in context — every match of a query as
one line, the keyword centred between the text really before and after it.

Without ``--json`` the lines are aligned for a terminal: the left context
right-justified by display width (Hangul takes two columns, cli.common.pad),
line breaks shown as spaces, the match in bold on a terminal (in [brackets]
when piped). ``--json`` gives the rows as they are in the documents:
``left``, ``match`` and ``right`` are exact substrings, ``start``/``end``
code points into the document's text. ``--out FILE.xlsx`` writes the table
(services.kwic.export_kwic_steps) in the command's language.
"""

from __future__ import annotations

import argparse
import sys

from workbench.cli.common import cli_project, pad, print_json, progress_bar, speaker, terminal_safe
from workbench.services import kwic as kwic_service
from workbench.services.jobs import run_job
from workbench.services.search import index_state, update_index


def _width(value: str) -> int:
    try:
        return kwic_service.check_width(value)
    except Exception as exc:  # argparse says "invalid _width value" without the reason otherwise
        raise argparse.ArgumentTypeError(getattr(exc, "message", str(exc))) from None


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("kwic", parents=[common],
                       help="keyword in context: every match of a query as one line, with the text around it")
    p.add_argument("query", metavar="QUERY", help='what to find, as in search: 반도체, "개인 정보", 인공*')
    p.add_argument("--width", type=_width, default=kwic_service.DEFAULT_WIDTH, metavar="N",
                   help=f"characters of context on each side (default {kwic_service.DEFAULT_WIDTH})")
    p.add_argument("--sort", choices=kwic_service.SORTS,
                   help="sort by the words before (left) or after (right) the match; default: document order")
    p.add_argument("--doc", action="extend", nargs="+", metavar="ID", default=[],
                   help="only these documents (id, file name or title prefix; repeatable)")
    p.add_argument("--tag", metavar="PATH", help="only matches inside passages tagged so (or with a tag under it)")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="only documents dated from (2024, 2024-03, …)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="only documents dated up to")
    p.add_argument("--type", dest="doc_type", metavar="TYPE", help="only documents of this type (보도자료, report, …)")
    p.add_argument("--limit", type=int, default=kwic_service.MAX_ROWS, metavar="N",
                   help=f"list at most N lines, in document order (default {kwic_service.MAX_ROWS:,}); "
                        "the total is always counted")
    p.add_argument("--out", metavar="FILE.xlsx", help="also write the table to an Excel workbook")
    p.set_defaults(func=cmd_kwic)


def cmd_kwic(args: argparse.Namespace) -> int:
    project = cli_project(args)
    say = speaker(args)
    bar, update = progress_bar(not args.json, say.lang)
    if index_state(project) != "ready":
        run_job(update_index(project), update)  # an explicit job: the concordance itself never writes the index
    filters = kwic_service.KwicFilters(
        docs=kwic_service.resolve_documents(project, args.doc) if args.doc else (), tag=args.tag,
        date_from=args.date_from, date_to=args.date_to, doc_type=args.doc_type)
    result = run_job(kwic_service.kwic_steps(project, args.query, args.width, args.sort, filters,
                                             limit=max(0, args.limit)), update)
    written = None
    if args.out:
        from workbench.export.page import default_paper

        written = run_job(kwic_service.export_kwic_steps(result, args.out, say.lang, default_paper(), filters),
                          update)
    if bar is not None:
        bar.close()
    if args.json:
        data = result.to_json()
        if written is not None:
            data["written"] = written["path"]
        print_json(data)
        return 0
    _print(result, say)
    if written is not None:
        print(say(f"{written['rows']:,} lines written to {written['path']}",
                  f"{written['rows']:,}줄을 {written['path']}에 썼습니다"))
    return 0


def one_line(text: str) -> str:
    """Context for one terminal line: line breaks and tabs as spaces, controls escaped."""
    return terminal_safe(text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\t", " "))


def _print(result, say) -> None:
    ms = f"{result.milliseconds:.0f} ms"
    if result.capped:
        print(say(f"{result.total:,} matches in {result.documents:,} documents — the first {len(result.rows):,} "
                  f"in document order listed, {ms}",
                  f"문서 {result.documents:,}개에서 {result.total:,}건 — 문서 순서로 처음 {len(result.rows):,}건, {ms}"))
    else:
        print(say(f"{result.total:,} matches in {result.documents:,} documents, {ms}",
                  f"문서 {result.documents:,}개에서 {result.total:,}건, {ms}"))
    for term, names in result.expansions.items():
        print(f"{terminal_safe(term)} → {say('also', '함께 찾음:')} {terminal_safe(', '.join(names))}")
    if result.index_behind:
        print(say("note: the search index is catching up with the latest changes",
                  "참고: 검색 색인이 최근 변경 사항을 반영하는 중입니다"), file=sys.stderr)
    marks = ("\033[1m", "\033[0m") if sys.stdout.isatty() else ("[", "]")
    lefts = [one_line(r.left) for r in result.rows]
    width = max((display_columns(t) for t in lefts), default=0)
    ids = max((len(str(r.doc_id)) for r in result.rows), default=1)
    for row, left in zip(result.rows, lefts):
        print(f"{row.doc_id:>{ids}}  {pad(left, width, right=True)} "
              f"{marks[0]}{one_line(row.match)}{marks[1]} {one_line(row.right)}")


def display_columns(text: str) -> int:
    """Terminal columns ``text`` takes (Hangul and other wide characters two), as ``pad`` counts them."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
