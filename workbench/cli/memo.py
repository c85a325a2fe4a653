"""``workbench memo``: the project journal, a document's memo and a tag's
definition and memo, headless (services.memos).

    workbench memo show --doc 3            a document's memo
    workbench memo set --doc 3 "검토 필요"   write it (an empty text deletes it)
    workbench memo show --tag "정책 / 규제"  a tag's definition and memo
    workbench memo set --tag 규제 "메모"
    workbench memo define --tag 규제 "규제 조항"   its definition and rules (the description)
    workbench memo set --journal "오늘 한 일"  add a journal entry (--entry N: change entry N)
    workbench memo show --journal          every journal entry
    workbench memo delete --journal --entry 4
    workbench memo list                    every memo, with what it is about

``--json`` prints the memos as data (author, dates, GUID); human output is
in the command's language, and text from the project is terminal-safe.
"""

from __future__ import annotations

import argparse

from workbench.cli.common import cli_project, local_times, print_json, speaker, terminal_safe
from workbench.core.errors import WorkbenchError

ACTIONS = ("show", "set", "delete", "list")


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("memo",  # the options (--project, --json, --lang) go after the action
                       help="the project journal, a document's memo, a tag's definition and memo")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    # TEXT is required where it is taken: argparse gives an optional positional
    # nothing when options come first (memo set --doc 3 "검토" left "검토" over).
    for name, helped in (("show", "show a memo, or the whole journal"), ("set", "write a memo or a journal entry"),
                         ("define", "write a tag's definition and rules"), ("delete", "delete a memo or an entry"),
                         ("list", "every memo, with what it is about")):
        a = actions.add_parser(name, parents=[common], help=helped)
        if name in ("set", "define"):
            a.add_argument("text", metavar="TEXT", help="the text (\"\" deletes a document's or a tag's memo)")
        if name != "list":
            target = a.add_mutually_exclusive_group()  # none: a message in both languages
            target.add_argument("--doc", metavar="ID", help="a document: its id, file name or title")
            target.add_argument("--tag", metavar="PATH", help="a tag: its path (정책 / 규제) or unique name")
            if name != "define":
                target.add_argument("--journal", action="store_true", help="the project journal")
                a.add_argument("--entry", type=int, metavar="N", help="a journal entry's id")
        a.set_defaults(func=cmd_memo)
    p.set_defaults(func=cmd_memo)


def _refuse(en: str, ko: str) -> WorkbenchError:
    return WorkbenchError(en, ko)


def cmd_memo(args: argparse.Namespace) -> int:
    from workbench.services import memos

    project = cli_project(args)
    say = speaker(args)
    if args.action == "list":
        return _print(args, say, memos.list_memos(project))
    args.journal = getattr(args, "journal", False)
    args.entry = getattr(args, "entry", None)
    if not (args.doc or args.tag or args.journal):
        raise _refuse("Say which memo: --doc ID, --tag PATH or --journal",
                      "어느 메모인지 밝히세요: --doc ID, --tag 경로, --journal")
    if args.entry is not None and not args.journal:
        raise _refuse("--entry goes with --journal", "--entry는 --journal과 함께 씁니다")
    if args.action == "define":
        if not args.tag:
            raise _refuse("define is for a tag: memo define --tag PATH TEXT",
                          "define은 태그에 씁니다: memo define --tag 경로 내용")
        args.definition, args.action, args.text = args.text, "set", None
    else:
        args.definition = None
    if args.journal:
        return _journal(args, say, project, memos)
    if args.action == "show":
        memo = memos.document_memo(project, args.doc) if args.doc else memos.tag_memo(project, args.tag)
    elif args.action == "delete":
        memo = (memos.set_document_memo(project, args.doc, "") if args.doc
                else memos.set_tag_memo(project, args.tag, "")).value
    elif args.doc:
        memo = memos.set_document_memo(project, args.doc, args.text).value
    else:
        memo = memos.set_tag_memo(project, args.tag, args.text, definition=args.definition).value
    definition = None
    if args.tag:
        from workbench.services.codebook import codebook

        tag = next((t for t in codebook(project) if t.path == args.tag or t.name == args.tag), None)
        definition = tag.description if tag is not None else None
    if args.json:
        print_json({"memo": memo.to_json() if memo else None,
                    **({"definition": definition} if definition is not None else {})})
        return 0
    if definition:
        print(say("definition: ", "정의: ") + terminal_safe(definition, one_line=False))
    if memo is None:
        print(say("no memo", "메모 없음") if args.action != "delete" else say("memo deleted", "메모를 지웠습니다"))
    else:
        _say_memo(say, memo)
    return 0


def _journal(args, say, project, memos) -> int:
    if args.action == "show":
        entries = memos.journal(project)
        if args.entry is not None:
            entries = [e for e in entries if e.id == args.entry]
        return _print(args, say, entries)
    if args.action == "delete":
        if args.entry is None:
            raise _refuse("Say which journal entry to delete: --entry N (memo show --journal lists them)",
                          "지울 일지 항목을 --entry N으로 밝히세요(memo show --journal로 볼 수 있습니다)")
        memo = memos.delete_journal_entry(project, args.entry).value
        if args.json:
            print_json({"deleted": memo.to_json()})
        else:
            print(say(f"journal entry {memo.id} deleted", f"일지 항목 {memo.id}을(를) 지웠습니다"))
        return 0
    memo = (memos.edit_journal_entry(project, args.entry, args.text) if args.entry is not None
            else memos.add_journal_entry(project, args.text)).value
    if args.json:
        print_json({"memo": memo.to_json()})
    else:
        _say_memo(say, memo)
    return 0


def _print(args, say, items) -> int:
    rows = [item.to_json() for item in items]
    if args.json:
        print_json({"memos": rows})
        return 0
    if not rows:
        print(say("no memos", "메모 없음"))
    kinds = {"project": say("journal", "연구 일지"), "document": say("document", "문서"), "tag": say("tag", "태그")}
    for row in rows:
        about = f" {terminal_safe(row['target'])}" if row.get("target") else ""
        print(f"[{row['id']}] {kinds[row['kind']]}{about} — {terminal_safe(row['author'])}, "
              f"{local_times(row)['created_at']}")
        print("    " + terminal_safe(row["text"], one_line=False).replace("\n", "\n    "))
    return 0


def _say_memo(say, memo) -> None:
    row = local_times(memo.to_json())
    changed = (say(f"; changed by {terminal_safe(row['updated_by'])} {row['updated_at']}",
                   f"; {terminal_safe(row['updated_by'])} {row['updated_at']} 수정")
               if row["updated_at"] != row["created_at"] else "")
    print(f"[{memo.id}] {terminal_safe(memo.author)} {row['created_at']}{changed}")
    print(terminal_safe(memo.text, one_line=False))
