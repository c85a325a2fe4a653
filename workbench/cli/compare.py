"""``workbench compare OLD NEW [--json] [--out FILE.xlsx|.hwpx|.docx]
[--context]``: two versions of a document compared (services.compare).

The human output lists each changed, deleted and inserted paragraph with
its changed words ("0.42달러 → 0.55달러") and ends with the counts;
``--json`` gives every aligned pair with its kind and changed words;
``--out`` writes the 신구조문대비표 (현행 | 개정안).
"""

from __future__ import annotations

import argparse

from workbench.cli.common import cli_project, print_json, speaker, terminal_safe
from workbench.core.comparison import CHANGED, DELETED, EQUAL, INSERTED


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("compare", parents=[common],
                       help="compare two versions of a document: paragraphs, articles and table rows aligned, "
                            "changed words listed; --out writes a 신구조문대비표")
    p.add_argument("old", metavar="OLD", help="the earlier version (현행): id, file name or title")
    p.add_argument("new", metavar="NEW", help="the later version (개정안): id, file name or title")
    p.add_argument("--out", default=None, metavar="FILE",
                   help="write the comparison table to FILE.xlsx, FILE.hwpx or FILE.docx")
    p.add_argument("--context", action="store_true",
                   help="with --out: list unchanged paragraphs too, as (현행과 같음)")
    p.set_defaults(func=cmd_compare)


def cmd_compare(args: argparse.Namespace) -> int:
    from workbench.services.compare import compare_documents, write_comparison

    project = cli_project(args)
    say = speaker(args)
    comparison = compare_documents(project, args.old, args.new)
    written = write_comparison(comparison, args.out, say.lang, args.context) if args.out else None
    if args.json:
        data = comparison.to_json()
        if written:
            data["written"] = written
        print_json(data)
        return 0
    print(say(f"Comparing {comparison.old.title} (old) with {comparison.new.title} (new)",
              f"{comparison.old.title}(현행)와 {comparison.new.title}(개정안) 비교"))
    marks = {CHANGED: "~", DELETED: "-", INSERTED: "+"}
    for pair in comparison.pairs:
        if pair.kind == EQUAL:
            continue
        unit = pair.new if pair.kind == INSERTED else pair.old
        print(f"{marks[pair.kind]} {terminal_safe(_cut(unit.text, 70))}")
        for change in pair.changes:
            print(f"    {terminal_safe(change.old) or '∅'} → {terminal_safe(change.new) or '∅'}")
    s = comparison.summary()
    print(say(f"{s['equal']} paragraphs unchanged, {s['changed']} changed, {s['deleted']} deleted, "
              f"{s['inserted']} inserted ({comparison.milliseconds:.0f} ms)",
              f"문단 {s['equal']}개 같음, {s['changed']}개 바뀜, {s['deleted']}개 삭제, {s['inserted']}개 신설 "
              f"({comparison.milliseconds:.0f} ms)"))
    if written:
        print(say(f"Written to {args.out}", f"{args.out}에 저장했습니다"))
    return 0


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
