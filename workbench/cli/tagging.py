"""Commands on tagged passages: tag, annotations, the codebook, exports and batch search."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.cli.common import cli_project, language, local_times, print_json, progress_bar


def cmd_tag(args: argparse.Namespace) -> int:
    from workbench.services.annotations import tag_passage

    project = cli_project(args)
    if args.quote is None and (args.start is None or args.end is None):
        print("workbench: tag DOC --quote TEXT | --start N --end N --tag TAG [--tag TAG2] [--note TEXT]",
              file=sys.stderr)
        return 2
    row = tag_passage(project, args.doc, args.tag, args.start, args.end, args.quote, args.note or "").value
    if args.json:
        print_json(local_times(row.to_json()))
    else:
        print(f"annotation {row.id}: {row.start}-{row.end} [{', '.join(row.tags)}] {row.quote[:60]}")
    return 0


def cmd_annotations(args: argparse.Namespace) -> int:
    from workbench.services.annotations import list_annotations

    rows = list_annotations(cli_project(args), args.tag, args.doc, args.status)
    if args.json:
        print_json([local_times(r.to_json()) for r in rows])
        return 0
    for r in rows:
        note = f"  — {r.note[:40]}" if r.note else ""
        print(f"{r.id:>5} doc {r.doc_id:<4} {r.start:>7}-{r.end:<7} {r.status:9} [{', '.join(r.tags)}] "
              f"{r.quote[:50].replace(chr(10), ' ')}{note}")
    if not rows:
        print("No annotations.")
    return 0


def cmd_analyst(args: argparse.Namespace) -> int:
    """Show or set who tags passages from now on: the name stored on them and
    given as their coder in exports (REFI-QDA ``<Users>``)."""
    from workbench.services import analyst

    project = cli_project(args)
    if args.name is not None:
        print(analyst.set_analyst(project, args.name).value)
        return 0
    conn = project.connect()
    try:
        print(analyst.analyst_name(project, conn))
    finally:
        conn.close()
    return 0


def cmd_codebook(args: argparse.Namespace) -> int:
    from workbench.services import codebook as svc

    project = cli_project(args)
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
        print_json([t.to_json() for t in tags])
    elif a == "list":
        for t in tags:
            print(f"{t.color}  {t.path}" + (f" — {t.description}" if t.description else ""))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from workbench.services.export import export_steps
    from workbench.services.jobs import run_job

    project = cli_project(args)
    bar, update = progress_bar(not args.json)
    try:
        result = run_job(export_steps(project, Path(args.out), args.tag, args.doc, args.query, args.since, args.until,
                                      language=language(), paper=getattr(args, "paper", None)), update)
    finally:
        if bar is not None:
            bar.close()
    if args.json:
        print_json(result)
    else:
        print(f"{result['passages']} passages from {result['documents']} documents written to {result['path']}")
    return 0


def cmd_batch_search(args: argparse.Namespace) -> int:
    from workbench.services.export import batch_search

    result = batch_search(cli_project(args), Path(args.queries), Path(args.out), args.limit)
    if args.json:
        print_json(result)
    else:
        print(f"{result['queries']} queries, {result['hits']} hits written to {result['path']}")
    return 0
