"""Commands on tagged passages: tag, annotations, the codebook, exports and batch search.

Tag names, quotes, notes and paths are printed through ``safe``
(common.terminal_safe): a note or a name imported from another tool never
drives the terminal."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.cli.common import cli_project, local_times, pad, print_json, progress_bar, speaker
from workbench.cli.common import terminal_safe as safe


def cmd_tag(args: argparse.Namespace) -> int:
    from workbench.services.annotations import tag_passage

    project = cli_project(args)
    say = speaker(args)
    if args.quote is None and (args.start is None or args.end is None):
        print(say("workbench: tag DOC --quote TEXT | --start N --end N --tag TAG [--tag TAG2] [--note TEXT]",
                  "workbench: tag 문서 --quote 글 | --start N --end N --tag 태그 [--tag 태그2] [--note 메모]"),
              file=sys.stderr)
        return 2
    row = tag_passage(project, args.doc, args.tag, args.start, args.end, args.quote, args.note or "").value
    if args.json:
        print_json(local_times(row.to_json()))
    else:
        print(f"{say('annotation', '구절')} {row.id}: {row.start}-{row.end} [{safe(', '.join(row.tags))}] "
              f"{safe(row.quote[:60])}")
    return 0


def cmd_annotations(args: argparse.Namespace) -> int:
    from workbench.services.annotations import list_annotations

    rows = list_annotations(cli_project(args), args.tag, args.doc, args.status)
    if args.json:
        print_json([local_times(r.to_json()) for r in rows])
        return 0
    say = speaker(args)
    for r in rows:
        note = f"  — {safe(r.note[:40])}" if r.note else ""
        print(f"{r.id:>5} {say('doc', '문서')} {r.doc_id:<4} {r.start:>7}-{r.end:<7} {pad(say.status(r.status), 9)} "
              f"[{safe(', '.join(r.tags))}] {safe(r.quote[:50].replace(chr(10), ' '))}{note}")
    if not rows:
        print(say("No annotations.", "태그 붙인 구절이 없습니다."))
    return 0


def cmd_analyst(args: argparse.Namespace) -> int:
    """Show or set who tags passages from now on: the name stored on them and
    given as their coder in exports (REFI-QDA ``<Users>``)."""
    from workbench.services import analyst

    project = cli_project(args)
    if args.name is not None:
        print(safe(analyst.set_analyst(project, args.name).value))
        return 0
    conn = project.connect()
    try:
        print(safe(analyst.analyst_name(project, conn)))
    finally:
        conn.close()
    return 0


def cmd_codebook(args: argparse.Namespace) -> int:
    from workbench.services import codebook as svc

    project = cli_project(args)
    say = speaker(args)
    a, v = args.action, args.values
    if a == "add" and len(v) == 1:
        svc.create_tag(project, v[0], args.color, args.description or "")
    elif a == "rename" and len(v) == 2:
        svc.rename_tag(project, v[0], v[1])
    elif a == "color" and (len(v) == 2 or (len(v) == 1 and args.color)):  # color NAME #hex, or --color #hex
        svc.recolor_tag(project, v[0], v[1] if len(v) == 2 else args.color)
    elif a == "move" and len(v) in (1, 2):
        svc.move_tag(project, v[0], v[1] if len(v) == 2 else None)
    elif a == "merge" and len(v) == 2:
        n = svc.merge_tags(project, v[0], v[1]).value
        print(say(f"{n} passages moved from {safe(v[0])} to {safe(v[1])}",
                  f"구절 {n}개를 {safe(v[0])}에서 {safe(v[1])}(으)로 옮겼습니다"))
    elif a == "delete" and len(v) == 1:
        n = svc.delete_tag(project, v[0]).value
        print(say(f"deleted; {n} passages keep its name as a record",
                  f"삭제했습니다. 구절 {n}개에는 태그 이름이 기록으로 남습니다"))
    elif a == "export" and len(v) == 1:
        n, renamed = svc.write_codebook(project, Path(v[0]), args.unique_code_names)
        if args.json:  # what was written and renamed; the codebook itself is `codebook list --json`
            print_json({"path": v[0], "format": Path(v[0]).suffix.lower()[1:], "codes": n,
                        "unique_code_names": args.unique_code_names, "renamed_codes": [r.to_json() for r in renamed]})
            return 0
        print(say(f"{n} codes written to {safe(v[0])}", f"코드 {n}개를 {safe(v[0])}에 썼습니다"))
        if args.unique_code_names:
            print_renamed([r.to_json() for r in renamed], say)
    elif a == "import" and len(v) == 1:
        n = svc.import_codebook(project, Path(v[0])).value
        print(say(f"{n} codes read from {safe(v[0])}", f"{safe(v[0])}에서 코드 {n}개를 읽었습니다"))
    elif args.unique_code_names:
        print(say("workbench: --unique-code-names goes with codebook export FILE.qdc",
                  "workbench: --unique-code-names는 codebook export 파일.qdc와 함께 씁니다"), file=sys.stderr)
        return 2
    elif a != "list":
        print(say("workbench: codebook [list | add PATH | rename OLD NEW | color NAME #RRGGBB (or --color) | move NAME [PARENT] | "
                  "merge FROM INTO | delete NAME | import FILE | export FILE.csv|.qdc]",
                  "workbench: codebook [list | add 경로 | rename 이전 새_이름 | color 이름 #RRGGBB(또는 --color) | move 이름 [상위] | "
                  "merge 옮길_태그 받을_태그 | delete 이름 | import 파일 | export 파일.csv|.qdc]"), file=sys.stderr)
        return 2
    tags = svc.codebook(project)
    if args.json:
        print_json([t.to_json() for t in tags])
    elif a == "list":
        for t in tags:
            print(f"{safe(t.color)}  {safe(t.path)}" + (f" — {safe(t.description)}" if t.description else ""))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from workbench.services.export import export_steps
    from workbench.services.jobs import run_job

    project = cli_project(args)
    say = speaker(args)
    bar, update = progress_bar(not args.json, say.lang)
    try:  # the file's words in the command's language, as its messages
        result = run_job(export_steps(project, Path(args.out), args.tag, args.doc, args.query, args.since, args.until,
                                      language=say.lang, paper=getattr(args, "paper", None),
                                      unique_code_names=getattr(args, "unique_code_names", False)), update)
    finally:
        if bar is not None:
            bar.close()
    if args.json:
        print_json(result)
    else:
        where = safe(result["path"])
        print(say(f"{result['passages']} passages from {result['documents']} documents written to {where}",
                  f"문서 {result['documents']}개의 구절 {result['passages']}개를 {where}에 썼습니다"))
        if result.get("unique_code_names"):
            print_renamed(result["renamed_codes"], say)
    return 0


def print_renamed(renamed: list[dict], say) -> None:
    """Which codes were written under another name, so the analyst can find them in QualCoder."""
    if not renamed:
        print(say("Every code's name was already unique: none was changed",
                  "코드 이름이 모두 달라 바꾼 것이 없습니다"))
        return
    print(say(f"{len(renamed)} code names changed so that no two codes share one (QualCoder keeps one code per name):",
              f"코드 이름 {len(renamed)}개를 서로 겹치지 않게 바꿨습니다(QualCoder는 이름마다 코드를 하나만 둡니다):"))
    for r in renamed:
        print(f"  {safe(r['path'])} → {safe(r['name'])}")


def cmd_batch_search(args: argparse.Namespace) -> int:
    from workbench.services.export import batch_search

    say = speaker(args)
    result = batch_search(cli_project(args), Path(args.queries), Path(args.out), args.limit, language=say.lang)
    if args.json:
        print_json(result)
    else:
        where = safe(result["path"])
        print(say(f"{result['queries']} queries, {result['hits']} hits written to {where}",
                  f"검색어 {result['queries']}개, 검색 결과 {result['hits']}개를 {where}에 썼습니다"))
    return 0
