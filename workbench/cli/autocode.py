"""``workbench autocode QUERY --tag PATH --unit …``: tag every hit of a search
(see services/autocode.py). ``--dry-run`` shows what would be tagged."""

from __future__ import annotations

import argparse

from workbench.cli.common import cli_project, print_json, speaker
from workbench.cli.common import terminal_safe as safe

STATE_KO = {"new": "새로", "add-tag": "태그 추가", "tagged": "이미 있음"}


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    from workbench.services.autocode import UNITS

    p = sub.add_parser("autocode", parents=[common],
                       help="tag every hit of a search (aliases, morphology and filters included) at a unit")
    p.add_argument("query", metavar="QUERY", help="a search, as typed in the search box")
    p.add_argument("--tag", required=True, metavar="PATH", help="the tag to apply, e.g. '정책 / 규제' (created if new)")
    p.add_argument("--unit", choices=UNITS, default="match",
                   help="what is tagged: the match, its sentence (Kiwi's Korean sentence), its paragraph, "
                        "or its search passage (default: match)")
    p.add_argument("--dry-run", action="store_true", help="show what would be tagged; change nothing")
    p.add_argument("-v", "--verbose", action="store_true", help="list every span")
    p.set_defaults(func=cmd_autocode)


def cmd_autocode(args: argparse.Namespace) -> int:
    from workbench.services.autocode import apply_plan, plan_autocode

    project = cli_project(args)
    say = speaker(args)
    plan = plan_autocode(project, args.query, args.tag, args.unit)
    result = None if args.dry_run else apply_plan(project, plan).value
    if args.json:
        print_json({**(result.to_json() if result is not None else plan.to_json()), "dry_run": args.dry_run})
        return 0
    for warning in plan.warnings:
        print(say(f"note: {safe(warning)}", f"참고: {safe(warning)}"))
    if args.verbose or args.dry_run:
        for span in plan.spans:
            state = say(span.state, STATE_KO[span.state])
            print(f"  {span.doc_id:>4} {span.start:>7}-{span.end:<7} {state:<8} "
                  f"{safe(span.quote[:60].replace(chr(10), ' '))}")
    docs = len({s.doc_id for s in plan.to_tag})
    if result is None:
        print(say(f"Would tag {len(plan.to_tag)} spans in {docs} documents with “{safe(plan.tag)}” "
                  f"({plan.matches} matches; {plan.skipped} already tagged). Nothing was changed.",
                  f"「{safe(plan.tag)}」 태그를 문서 {docs}개의 {len(plan.to_tag)}곳에 붙이게 됩니다 "
                  f"(일치 {plan.matches}건, 이미 붙은 곳 {plan.skipped}곳). 바뀐 것은 없습니다."))
    else:
        print(say(f"Tagged {len(result.created)} new passages and added the tag to {len(result.extended)} in "
                  f"{docs} documents with “{safe(plan.tag)}” ({plan.matches} matches; {plan.skipped} already tagged)",
                  f"문서 {docs}개에 「{safe(plan.tag)}」 태그를 붙였습니다: 새 구절 {len(result.created)}개, "
                  f"기존 구절에 추가 {len(result.extended)}개 (일치 {plan.matches}건, 이미 붙은 곳 {plan.skipped}곳)"))
    return 0
