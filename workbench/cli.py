"""The ``workbench`` command line: every data operation, headless, with --json.

Exit codes: 0 success; 1 the command ran but some inputs failed (e.g. a file
that could not be ingested); 2 the command could not run (bad arguments, a
locked or unreadable project, an unknown document).
"""

from __future__ import annotations

import argparse
import json
import locale
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from workbench import __version__
from workbench.core.errors import WorkbenchError
from workbench.services.documents import list_documents, show_document
from workbench.services.ingest import FAILED, REMOVED, SKIPPED, ingest
from workbench.services.jobs import run_job
from workbench.services.projects import needs_seeding, open_project, seed_default_project
from workbench.services.search import add_alias, list_aliases, remove_alias, search_in_step, update_index

GuiLauncher = Callable[[argparse.Namespace], int]


def _lang() -> str:
    value = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    if not value:
        value = (locale.getlocale()[0] or "")
    return "ko" if value.lower().startswith("ko") else "en"


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _progress_bar(enabled: bool):
    """A terminal progress bar on stderr (only when a person is watching)."""
    if not enabled or not sys.stderr.isatty():
        return None, lambda p: None
    from tqdm import tqdm

    bar = tqdm(total=0, unit="doc", file=sys.stderr, leave=False)

    def update(progress) -> None:
        bar.total = progress.total
        bar.n = progress.done
        bar.set_description_str({"read": "reading", "index": "indexing"}.get(progress.stage, progress.stage),
                                refresh=False)
        bar.set_postfix_str(progress.message[:40], refresh=False)
        bar.refresh()

    return bar, update


def _project(args: argparse.Namespace):
    project = open_project(args.project)
    if args.project is None and needs_seeding(project):
        bar, update = _progress_bar(not getattr(args, "json", False))
        run_job(seed_default_project(project), update)
        if bar is not None:
            bar.close()
    return project


def cmd_ingest(args: argparse.Namespace) -> int:
    project = _project(args)
    bar, update = _progress_bar(True)
    report = run_job(ingest(project, args.paths), update)
    if bar is not None:
        bar.close()
    if args.json:
        _print_json({"project": str(project.root), **report.to_json()})
    else:
        ko = _lang() == "ko"
        for f in report.files:
            if f.status in (FAILED, REMOVED, SKIPPED) or args.verbose:
                print(f"{f.status:9} {f.message_ko if ko and f.message_ko else f.message}")
        summary = ", ".join(f"{n} {s}" for s, n in report.summary().items() if n)
        if report.index.get("indexed"):
            summary += f"; indexed {report.index['indexed']} in {report.index['seconds']} s"
        if report.cancelled:
            summary += " (cancelled)"
        print(f"{summary or 'nothing to do'} — project {project.root}")
    return 1 if report.failed else 0


def cmd_docs(args: argparse.Namespace) -> int:
    project = _project(args)
    docs = list_documents(project)
    if args.json:
        _print_json([d.to_json() for d in docs])
        return 0
    if not docs:
        print(f"No documents in {project.root}; add some with `workbench ingest PATH`.")
        return 0
    print(f"{'id':>4}  {'format':6} {'chars':>8} {'blocks':>6} {'sect':>4}  title / source")
    for d in docs:
        flag = " (missing)" if d.missing else ""
        print(f"{d.id:>4}  {d.format:6} {d.chars:>8} {d.blocks:>6} {d.sections:>4}  {d.title[:60]}{flag}")
        print(f"{'':>33}{d.source}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    project = _project(args)
    view = show_document(project, args.doc)
    if args.json:
        _print_json(view.to_json())
        return 0
    info = view.info
    print(f"{info.title}\n{info.source}  [{info.format}, {info.chars} chars, {info.blocks} blocks, "
          f"{info.sections} headings]\n")
    if args.text:
        print(view.text)
        return 0
    for b in view.blocks:
        snippet = view.text[b.start:b.end].replace("\n", " ⏎ ").replace("\t", " ⇥ ")
        level = f"h{b.level}" if b.level else "  "
        print(f"{b.seq:>5} {b.kind.value:10}{level} {b.start:>7}-{b.end:<7} {snippet[:70]}")
        if b.kind.value == "heading":
            print(f"{'':>35}§ {b.section}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from workbench.search.highlight import plain_snippet

    project = _project(args)
    bar, update = _progress_bar(not args.json)
    result = search_in_step(project, args.query, limit=args.limit, docs=args.docs, on_progress=update)
    if bar is not None:
        bar.close()
    if args.json:
        _print_json(result.to_json(docs=args.docs))
        return 0
    for warning in result.warnings:
        print(f"note: {warning}", file=sys.stderr)
    for term, names in result.expansions.items():
        print(f"{term} → also {', '.join(names)}")
    bold, reset = ("\033[1m", "\033[0m") if sys.stdout.isatty() else ("[", "]")
    if args.docs:
        print(f"{len(result.docs)} documents ({result.total} passages) in {result.milliseconds:.0f} ms")
        for d in result.docs:
            print(f"\n{d.doc_id:>4}  {d.title[:70]}  ({d.hits} passages, score {d.score:.2f})")
            print(f"      {plain_snippet(d.best.snippet, bold, reset)}")
        return 0
    print(f"{result.total} passages in {result.milliseconds:.0f} ms")
    for h in result.hits:
        print(f"\n{h.doc_id:>4}  {h.title[:60]}  [{h.start}-{h.end}] {h.score:.2f}")
        if h.section:
            print(f"      § {h.section}")
        print(f"      {plain_snippet(h.snippet, bold, reset)}")
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    project = _project(args)
    bar, update = _progress_bar(not args.json)
    report = run_job(update_index(project, rebuild=True), update)
    if bar is not None:
        bar.close()
    data = {"indexed": report.indexed, "seconds": round(report.seconds, 2)}
    if args.json:
        _print_json(data)
    else:
        print(f"Rebuilt the index of {report.indexed} documents in {report.seconds:.1f} s")
    return 0


def cmd_alias(args: argparse.Namespace) -> int:
    project = _project(args)
    if args.action == "add":
        if len(args.names) < 2:
            print("workbench: alias add NAME OTHER_NAME... (at least two names)", file=sys.stderr)
            return 2
        new_id = add_alias(project, args.names[0], args.names[1:], args.type).value
        if args.json:
            _print_json({"id": new_id})
        else:
            print(f"Added alias {new_id}: {' = '.join(args.names)} (the index is rebuilt on the next search)")
        return 0
    if args.action == "remove":
        if len(args.names) != 1 or not args.names[0].isdigit():
            print("workbench: alias remove ID", file=sys.stderr)
            return 2
        ok = remove_alias(project, int(args.names[0])).value
        print("removed" if ok else "no such alias")
        return 0 if ok else 2
    rows = list_aliases(project)
    if args.json:
        _print_json([{"id": r.id, "canonical": r.canonical, "type": r.type, "aliases": list(r.aliases)}
                     for r in rows])
    else:
        for r in rows:
            print(f"{r.id:>4}  {r.type:8} {r.canonical} = {' = '.join(r.aliases)}")
        if not rows:
            print("No project aliases (the bundled list is resources/aliases.tsv).")
    return 0


def cmd_entities(args: argparse.Namespace) -> int:
    from workbench.services.entities import entities_of

    project = _project(args)
    about, mentions = entities_of(project, args.doc)
    rows = [{"text": m.text, "type": m.type if isinstance(m.type, str) else m.type.value, "start": m.start,
             "end": m.end, "canonical": m.canonical, "evidence": m.evidence} for m in mentions]
    if args.type:
        rows = [r for r in rows if r["type"] == args.type.upper()]
    if args.json:
        _print_json(rows)
        return 0
    where = "" if about["in_project"] else " (not in the project: analysed on the fly)"
    print(f"{about['title']}{where}\n{len(rows)} mentions")
    for r in rows:
        canonical = f" → {r['canonical']}" if r["canonical"] != r["text"] else ""
        print(f"{r['start']:>8}-{r['end']:<8} {r['type']:9} {r['text']}{canonical}")
    return 0


def cmd_facets(args: argparse.Namespace) -> int:
    from workbench.services.entities import facets

    project = _project(args)
    rows = facets(project, args.doc, args.type)
    if args.json:
        _print_json(rows)
        return 0
    for r in rows[: args.limit]:
        print(f"{r['type']:9} {r['mentions']:>6} in {r['documents']:>3} docs  {r['canonical']}")
    return 0


def cmd_entity(args: argparse.Namespace) -> int:
    from workbench.services import entities as svc

    project = _project(args)
    action, values = args.action, args.values
    usage = {
        "add": "entity add NAME --type TYPE [--alias OTHER ...]",
        "type": "entity type NAME TYPE",
        "merge": "entity merge NAME INTO_NAME",
        "reject": "entity reject NAME | entity reject --doc DOC --start N --end N",
    }
    if action == "add" and len(values) == 1 and args.type:
        svc.add_entity(project, values[0], args.type, args.alias)
    elif action == "type" and len(values) == 2:
        svc.set_type(project, values[0], values[1])
    elif action == "merge" and len(values) == 2:
        svc.merge_names(project, values[0], values[1])
    elif action == "reject" and len(values) == 1:
        svc.reject_name(project, values[0])
    elif action == "reject" and not values and args.doc and args.start is not None and args.end is not None:
        svc.reject_span(project, args.doc, args.start, args.end)
    else:
        print(f"workbench: usage: workbench {usage[action]}", file=sys.stderr)
        return 2
    print("saved; entities re-extracted (the index catches up on the next search)")
    return 0


def cmd_tag(args: argparse.Namespace) -> int:
    from workbench.services.annotations import tag_passage

    project = _project(args)
    if args.quote is None and (args.start is None or args.end is None):
        print("workbench: tag DOC --quote TEXT | --start N --end N --tag TAG [--tag TAG2] [--note TEXT]",
              file=sys.stderr)
        return 2
    row = tag_passage(project, args.doc, args.tag, args.start, args.end, args.quote, args.note or "").value
    if args.json:
        _print_json(row.to_json())
    else:
        print(f"annotation {row.id}: {row.start}-{row.end} [{', '.join(row.tags)}] {row.quote[:60]}")
    return 0


def cmd_annotations(args: argparse.Namespace) -> int:
    from workbench.services.annotations import list_annotations

    rows = list_annotations(_project(args), args.tag, args.doc, args.status)
    if args.json:
        _print_json([r.to_json() for r in rows])
        return 0
    for r in rows:
        note = f"  — {r.note[:40]}" if r.note else ""
        print(f"{r.id:>5} doc {r.doc_id:<4} {r.start:>7}-{r.end:<7} {r.status:9} [{', '.join(r.tags)}] "
              f"{r.quote[:50].replace(chr(10), ' ')}{note}")
    if not rows:
        print("No annotations.")
    return 0


def cmd_codebook(args: argparse.Namespace) -> int:
    from workbench.services import codebook as svc

    project = _project(args)
    a, v = args.action, args.values
    if a == "add" and len(v) == 1:
        svc.create_tag(project, v[0], args.color, args.description or "")
    elif a == "rename" and len(v) == 2:
        svc.rename_tag(project, v[0], v[1])
    elif a == "color" and len(v) == 2:
        svc.recolor_tag(project, v[0], v[1])
    elif a == "move" and len(v) in (1, 2):
        svc.move_tag(project, v[0], v[1] if len(v) == 2 else None)
    elif a == "merge" and len(v) == 2:
        print(f"{svc.merge_tags(project, v[0], v[1]).value} passages moved from {v[0]} to {v[1]}")
    elif a == "delete" and len(v) == 1:
        print(f"deleted; {svc.delete_tag(project, v[0]).value} passages keep its name as a record")
    elif a == "export" and len(v) == 1:
        print(f"{svc.export_codebook(project, Path(v[0]))} codes written to {v[0]}")
    elif a == "import" and len(v) == 1:
        print(f"{svc.import_codebook(project, Path(v[0])).value} codes read from {v[0]}")
    elif a != "list":
        print("workbench: codebook [list | add PATH | rename OLD NEW | color NAME #RRGGBB | move NAME [PARENT] | "
              "merge FROM INTO | delete NAME | import FILE | export FILE.csv|.qdc]", file=sys.stderr)
        return 2
    tags = svc.codebook(project)
    if args.json:
        _print_json([t.to_json() for t in tags])
    elif a == "list":
        for t in tags:
            print(f"{t.color}  {t.path}" + (f" — {t.description}" if t.description else ""))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from workbench.services.export import export_briefing

    project = _project(args)
    result = export_briefing(project, Path(args.out), args.tag, args.doc, args.query, args.since, args.until)
    if args.json:
        _print_json(result)
    else:
        print(f"{result['passages']} passages from {result['documents']} documents written to {result['path']}")
    return 0


def cmd_batch_search(args: argparse.Namespace) -> int:
    from workbench.services.export import batch_search

    result = batch_search(_project(args), Path(args.queries), Path(args.out), args.limit)
    if args.json:
        _print_json(result)
    else:
        print(f"{result['queries']} queries, {result['hits']} hits written to {result['path']}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--project", metavar="DIR", help="project folder (default: the default project)")
    common.add_argument("--json", action="store_true", help="machine-readable output on stdout")

    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Offline research workbench for Korean and English policy documents.",
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("ingest", parents=[common], help="add or update files and folders (recursive)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("-v", "--verbose", action="store_true", help="list every file, not only problems")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("docs", parents=[common], help="list the documents of the project")
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser("show", parents=[common], help="show a document's text and block structure")
    p.add_argument("doc", metavar="DOC", help="document id, file name, source path or title prefix")
    p.add_argument("--text", action="store_true", help="print the full text instead of the blocks")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("search", parents=[common], help="search passages (Korean-aware)")
    p.add_argument("query", metavar="QUERY", help='e.g. 과기정통부 "AI 기본법" OR 오픈AI -중국 section:미국')
    p.add_argument("--limit", type=int, default=20, help="how many hits (default 20)")
    p.add_argument("--docs", action="store_true", help="one line per document with hit counts")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("reindex", parents=[common], help="rebuild the search index from the database")
    p.set_defaults(func=cmd_reindex)

    p = sub.add_parser("alias", parents=[common], help="a project's own aliases: list | add NAME OTHER... | remove ID")
    p.add_argument("action", choices=("list", "add", "remove"), nargs="?", default="list")
    p.add_argument("names", nargs="*")
    p.add_argument("--type", default="ORG", help="ORG, PERSON, LOCATION, PRODUCT or LAW (default ORG)")
    p.set_defaults(func=cmd_alias)

    p = sub.add_parser("entities", parents=[common], help="entity mentions of a document, or of any file")
    p.add_argument("doc", metavar="DOC_OR_FILE")
    p.add_argument("--type", help="only this type (PERSON, ORG, LOCATION, DATE, MONEY, …)")
    p.set_defaults(func=cmd_entities)

    p = sub.add_parser("facets", parents=[common], help="entities by type and name with counts")
    p.add_argument("--doc", help="only this document")
    p.add_argument("--type", help="only this type")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(func=cmd_facets)

    p = sub.add_parser("entity", parents=[common], help="correct entities: add | type | merge | reject")
    p.add_argument("action", choices=("add", "type", "merge", "reject"))
    p.add_argument("values", nargs="*")
    p.add_argument("--type", help="for add: the entity type")
    p.add_argument("--alias", action="append", default=[], help="for add: another name of it (repeatable)")
    p.add_argument("--doc", help="for reject: the document of the span")
    p.add_argument("--start", type=int)
    p.add_argument("--end", type=int)
    p.set_defaults(func=cmd_entity)

    p = sub.add_parser("tag", parents=[common], help="tag a passage: --quote TEXT or --start N --end N")
    p.add_argument("doc", metavar="DOC")
    p.add_argument("--quote")
    p.add_argument("--start", type=int)
    p.add_argument("--end", type=int)
    p.add_argument("--tag", action="append", required=True, help="a tag (repeatable; created if new; A / B nests)")
    p.add_argument("--note")
    p.set_defaults(func=cmd_tag)

    p = sub.add_parser("annotations", parents=[common], help="tagged passages")
    p.add_argument("--tag", help="a tag's full path (or a last part only one tag has)")
    p.add_argument("--doc")
    p.add_argument("--status", choices=("anchored", "moved", "orphaned"))
    p.set_defaults(func=cmd_annotations)

    p = sub.add_parser("codebook", parents=[common], help="the tags: list | add | rename | color | move | merge | "
                                                          "delete | import | export")
    p.add_argument("action", nargs="?", default="list",
                   choices=("list", "add", "rename", "color", "move", "merge", "delete", "import", "export"))
    p.add_argument("values", nargs="*")
    p.add_argument("--color")
    p.add_argument("--description")
    p.set_defaults(func=cmd_codebook)

    p = sub.add_parser("export", parents=[common], help="tagged passages to a briefing table (.xlsx, .csv, .qdpx)")
    p.add_argument("--out", required=True, metavar="FILE", help="FILE.xlsx, FILE.csv or FILE.qdpx")
    p.add_argument("--tag", action="append",
                   help="only passages with this tag or one under it: a full path such as '정책 / 규제' (repeatable)")
    p.add_argument("--doc", action="append", help="only passages of this document (repeatable)")
    p.add_argument("--query", help="only passages within hits of this search")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="tagged on or after")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="tagged on or before")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("batch-search", parents=[common], help="run a list of queries, write one hit table (.xlsx)")
    p.add_argument("queries", metavar="QUERIES_FILE", help="one query per line, or the first column of an .xlsx")
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.add_argument("--limit", type=int, default=200, help="hits per query (default 200)")
    p.set_defaults(func=cmd_batch_search)

    p = sub.add_parser("gui", parents=[common], help="open the workbench window")
    p.add_argument("--open", nargs="+", metavar="DOC", default=[], help="documents to open side by side")
    p.add_argument("--query", help="a search to run")
    p.add_argument("--lang", choices=("system", "ko", "en"), help="interface language (saved)")
    p.add_argument("--screenshot", metavar="FILE.png", help="save a grab of the window when loaded and exit")
    p.set_defaults(func=None)
    return parser


def main(argv: Sequence[str] | None = None, gui: GuiLauncher | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        if args.command == "gui":
            if gui is None:
                print("The GUI is not available in this build.", file=sys.stderr)
                return 2
            return gui(args)
        return args.func(args)
    except WorkbenchError as exc:
        print(f"workbench: {exc.localized(_lang())}", file=sys.stderr)
        if getattr(args, "json", False):
            _print_json({"error": exc.code, "message": exc.message})
        return 2
    except KeyboardInterrupt:
        print("workbench: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `workbench … | head`: the reader left; not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
