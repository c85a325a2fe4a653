"""``workbench agreement --coders A B [--tag PATH] [--doc ID] [--json]
[--out FILE.xlsx]``: how far two coders agree, per tag (character-level
percent agreement and Cohen's kappa, services.agreement), with the total;
``--list-coders`` (or no ``--coders``) lists who has codings.

The human output is a table per tag (and per document when ``--tag`` or
``--doc`` narrows it); ``--json`` gives everything, the spans where the
coders differ included; ``--out`` writes the workbook the window's export
button writes.
"""

from __future__ import annotations

import argparse
import unicodedata

from workbench.cli.common import cli_project, pad, print_json, speaker, terminal_safe
from workbench.core.errors import WorkbenchError


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("agreement", parents=[common],
                       help="coder agreement: percent agreement and Cohen's kappa per tag between two coders")
    p.add_argument("--coders", nargs=2, metavar=("A", "B"), default=None,
                   help="the two coders to compare (names as `--list-coders` shows them)")
    p.add_argument("--list-coders", action="store_true", help="list the coders who have codings, and stop")
    p.add_argument("--tag", default=None, metavar="PATH",
                   help="only this tag and the tags under it (each still on its own row)")
    p.add_argument("--doc", default=None, metavar="ID", help="only this document (id, file name or title)")
    p.add_argument("--all-documents", action="store_true",
                   help="count every document, not only those either coder coded with the tag (QualCoder's way)")
    p.add_argument("--out", default=None, metavar="FILE.xlsx", help="also write the tables to a workbook")
    p.set_defaults(func=cmd_agreement)


def cmd_agreement(args: argparse.Namespace) -> int:
    from workbench.services.agreement import agreement, list_coders

    project = cli_project(args)
    say = speaker(args)
    if args.list_coders or not args.coders:
        coders = list_coders(project)
        if args.json:
            print_json({"coders": [c.to_json() for c in coders]})
        else:
            for c in coders:
                print(f"{pad(terminal_safe(c.name), 20)} {c.codings:>7} {say('codings', '코딩')} "
                      f"{c.documents:>5} {say('documents', '문서')}")
            if not coders:
                print(say("No one has coded a passage in this project yet", "이 프로젝트에는 아직 코딩한 구절이 없습니다"))
            if not args.list_coders:
                print(say("Give two of them: workbench agreement --coders A B",
                          "둘을 고르세요: workbench agreement --coders A B"))
        return 0 if args.list_coders else 2
    if args.out and not args.out.lower().endswith(".xlsx"):
        raise WorkbenchError(f"{args.out}: --out writes an .xlsx workbook", f"{args.out}: --out은 .xlsx 파일로 씁니다")
    report = agreement(project, args.coders[0], args.coders[1], tag=args.tag, doc=args.doc,
                       all_documents=args.all_documents)
    data = report.to_json()
    if args.out:
        from workbench.export.agreement_xlsx import write_agreement_xlsx

        write_agreement_xlsx(data, args.out, say.lang)
    if args.json:
        print_json(data)
        return 0
    _print(data, say, documents=bool(args.tag or args.doc))
    if args.out:
        print(say(f"Written to {args.out}", f"{args.out}에 저장했습니다"))
    return 0


def _print(data: dict, say, documents: bool) -> None:
    from workbench.export.agreement_xlsx import reading

    a, b = (terminal_safe(data["coders"][k]) for k in ("A", "B"))
    print(say(f"Coder agreement: A = {a}, B = {b} (unit: character; each tag on its own)",
              f"코더 간 일치도: A = {a}, B = {b} (단위: 글자, 태그마다 따로)"))
    head = (f"{pad(say('tag', '태그'), 28)} {pad(say('docs', '문서'), 5, True)} {pad(say('agree %', '일치율'), 8, True)} "
            f"{pad(say('kappa', '카파'), 7, True)} {pad(say('A chars', 'A 글자'), 9, True)} {pad(say('B chars', 'B 글자'), 9, True)} "
            f"{pad(say('both', '둘 다'), 9, True)}  {say('reading', '해석')}")
    print(head)

    def line(name: str, docs, row: dict) -> str:
        return (f"{pad(_cut(terminal_safe(name), 28), 28)} {pad(str(docs), 5, True)} {row['agreement']:8.2f} "
                f"{row['kappa']:7.3f} {row['coded_a']:9d} {row['coded_b']:9d} {row['coded_both']:9d}  "
                f"{reading(row['reading'], say.lang)}")

    for row in data["tags"]:
        print(line(row["tag"], row["documents"], row))
    if data["tags"]:
        print(line(say("total", "합계"), data["total"]["documents"], data["total"]))
    else:
        print(say("Neither coder applied these tags", "두 코더 모두 이 태그를 쓰지 않았습니다"))
    if documents and data["documents"]:
        print()
        for row in data["documents"]:
            print(line(f"{row['tag']} · {row['doc_id']} {row['title']}", 1, row))
    if data["disagreements"]:
        only = sum(1 for s in data["disagreements"] if s["who"] != "both")
        print(say(f"{only} spans coded by one coder only (--json or --out lists them)",
                  f"한 코더만 코딩한 구간 {only}개(--json이나 --out으로 볼 수 있음)"))


def _cut(text: str, width: int) -> str:
    """The start of ``text`` that fits ``width`` terminal columns (Hangul takes two)."""
    used = 0
    for i, ch in enumerate(text):
        used += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used > width - 1 and i < len(text) - 1:
            return text[:i] + "…"
    return text
