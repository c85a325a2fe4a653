"""``workbench import FILE.qdpx|.qdc``: another tool's project or codebook
into this project.

A ``.qdpx`` runs the import job (services.refi_import) with the terminal
progress bar; a ``.qdc`` (or a codebook ``.csv``) goes to the codebook
import that ``workbench codebook import`` already uses, so there is one
codebook reader. Exit 1 when something was skipped (listed, with the
reason), as ``ingest`` does when a file failed.

Texts the file names outside its archive are not read unless
``--sources-from DIR`` names the folder that holds them; then only regular
files inside DIR are read (``relative://x`` is DIR/x). What was left out
for want of it is said at the end, with the flag to use.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from workbench.cli.common import cli_project, pad, print_json, progress_bar, speaker
from workbench.core.errors import WorkbenchError

SUFFIXES = (".qdpx", ".qdc", ".csv")


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("import", parents=[common],
                       help="a REFI-QDA project (.qdpx: sources, codebook, codings, notes) or codebook (.qdc)")
    p.add_argument("file", metavar="FILE", help="FILE.qdpx, FILE.qdc or a codebook FILE.csv")
    p.add_argument("-v", "--verbose", action="store_true", help="list every item, not only what was skipped")
    p.add_argument("--sources-from", metavar="DIR", default=None,
                   help="read the texts the file names outside its archive from DIR (only files inside DIR); "
                        "without it, only the archive's own files are read")
    p.set_defaults(func=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise WorkbenchError(f"{path.name}: import reads .qdpx (a REFI-QDA project) or .qdc/.csv (a codebook)",
                             f"{path.name}: 가져오기는 .qdpx(REFI-QDA 프로젝트)나 .qdc/.csv(코드북)만 읽습니다")
    if not path.is_file():
        raise WorkbenchError(f"{path}: no such file", f"{path}: 파일이 없습니다")
    # A project this command would create is removed again when the file is refused:
    # a refused .qdpx left an empty project behind.
    fresh = Path(args.project) if args.project and not Path(args.project).exists() else None
    try:
        return _import(args, path, suffix)
    except WorkbenchError:
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        raise


def _import(args: argparse.Namespace, path: Path, suffix: str) -> int:
    project = cli_project(args)
    say = speaker(args)
    if suffix != ".qdpx":
        from workbench.services.codebook import import_codebook

        from workbench.services.refi_import import codebook_dropped

        count = import_codebook(project, path).value
        sets = codebook_dropped(path).get("Set", 0) if suffix == ".qdc" else 0
        if args.json:
            print_json({"path": str(path), "format": suffix[1:], "codes": count, "dropped": {"Set": sets} if sets else {}})
        else:
            print(say(f"{count} codes read from {path.name}", f"{path.name}에서 코드 {count}개를 읽었습니다")
                  + f" — {say('project', '프로젝트')} {project.root}")
            if sets:  # code groups: Workbench has no place for them, and says so
                print(say(f"{sets} sets (code groups) in the file were not imported: Workbench has no place for them",
                          f"파일의 집합(코드 묶음) {sets}개는 Workbench에 둘 곳이 없어 가져오지 않았습니다"))
        return 1 if sets else 0  # as for a .qdpx: something was left out
    from workbench.services.jobs import run_job
    from workbench.services.refi_import import import_qdpx

    sources_from = getattr(args, "sources_from", None)
    if sources_from is not None and not Path(sources_from).is_dir():
        raise WorkbenchError(f"{sources_from}: no such folder (--sources-from)",
                             f"{sources_from}: 폴더가 없습니다(--sources-from)")
    bar, update = progress_bar(not args.json, say.lang)
    report = run_job(import_qdpx(project, path, sources_from=sources_from), update)
    if bar is not None:
        bar.close()
    if args.json:
        print_json({"project": str(project.root), **report.to_json()})
    else:
        for item in report.items:
            if item.status in ("skipped", "noted") or args.verbose:
                print(f"{pad(_word(say, item.kind), 9)} {pad(_word(say, item.status), 9)} {item.name}: "
                      f"{item.localized(say.lang)}")
        if report.users:
            print(say("users: ", "사용자: ") + ", ".join(report.users))
        outside = [s for s in report.skipped if s.kind == "source" and "--sources-from" in s.message]
        if outside and sources_from is None:
            print(say(f"{len(outside)} texts are outside the archive and were not read; if you have them, "
                      "import again with --sources-from FOLDER",
                      f"압축 파일 밖의 원문 {len(outside)}개는 읽지 않았습니다. 원문이 있다면 "
                      "--sources-from 폴더를 붙여 다시 가져오세요"))
        print(f"{report.headline(say.lang)} — {say('project', '프로젝트')} {project.root}")
    return 1 if report.skipped else 0


# Words of this report that the shared status words lack (in the window: import_dialog).
_WORDS_KO = {"noted": "알림", "set": "집합", "graph": "그래프", "link": "연결", "variable": "변수", "case": "사례"}


def _word(say, code: str) -> str:
    return _WORDS_KO[code] if say.lang.startswith("ko") and code in _WORDS_KO else say.status(code)
