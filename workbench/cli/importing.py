"""``workbench import FILE.qdpx|.qdc``: another tool's project or codebook
into this project.

A ``.qdpx`` runs the import job (services.refi_import) with the terminal
progress bar; a ``.qdc`` (or a codebook ``.csv``) goes to the codebook
import that ``workbench codebook import`` already uses, so there is one
codebook reader. Exit 1 when something was skipped (listed, with the
reason), as ``ingest`` does when a file failed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.common import cli_project, pad, print_json, progress_bar, speaker
from workbench.core.errors import WorkbenchError

SUFFIXES = (".qdpx", ".qdc", ".csv")


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("import", parents=[common],
                       help="a REFI-QDA project (.qdpx: sources, codebook, codings, notes) or codebook (.qdc)")
    p.add_argument("file", metavar="FILE", help="FILE.qdpx, FILE.qdc or a codebook FILE.csv")
    p.add_argument("-v", "--verbose", action="store_true", help="list every item, not only what was skipped")
    p.set_defaults(func=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise WorkbenchError(f"{path.name}: import reads .qdpx (a REFI-QDA project) or .qdc/.csv (a codebook)",
                             f"{path.name}: 가져오기는 .qdpx(REFI-QDA 프로젝트)나 .qdc/.csv(코드북)만 읽습니다")
    if not path.is_file():
        raise WorkbenchError(f"{path}: no such file", f"{path}: 파일이 없습니다")
    project = cli_project(args)
    say = speaker(args)
    if suffix != ".qdpx":
        from workbench.services.codebook import import_codebook

        count = import_codebook(project, path).value
        if args.json:
            print_json({"path": str(path), "format": suffix[1:], "codes": count})
        else:
            print(say(f"{count} codes read from {path.name}", f"{path.name}에서 코드 {count}개를 읽었습니다")
                  + f" — {say('project', '프로젝트')} {project.root}")
        return 0
    from workbench.services.jobs import run_job
    from workbench.services.refi_import import import_qdpx

    bar, update = progress_bar(not args.json, say.lang)
    report = run_job(import_qdpx(project, path), update)
    if bar is not None:
        bar.close()
    if args.json:
        print_json({"project": str(project.root), **report.to_json()})
    else:
        for item in report.items:
            if item.status == "skipped" or args.verbose:
                print(f"{pad(say.status(item.kind), 9)} {pad(say.status(item.status), 9)} {item.name}: "
                      f"{item.localized(say.lang)}")
        if report.users:
            print(say("users: ", "사용자: ") + ", ".join(report.users))
        print(f"{report.headline(say.lang)} — {say('project', '프로젝트')} {project.root}")
    return 1 if report.skipped else 0
