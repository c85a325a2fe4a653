"""The ``workbench`` command line: every data operation, headless, with --json.

Exit codes: 0 success; 1 the command ran but some inputs failed (e.g. a file
that could not be ingested); 2 the command could not run (bad arguments, a
locked or unreadable project, an unknown document); 70 a defect (an
unexpected error: a crash report is written to the log folder and named).

What it prints for a person is in the analyst's language (``--lang``, else
the locale: cli.common.language); what it prints with ``--json`` is not.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from workbench import __version__
from workbench.cli.charts import ChartRenderer, cmd_chart
from workbench.cli.charts import add_parser as add_chart_parser
from workbench.cli.common import free_text_values, language, pad, print_json, speaker, terminal_safe
from workbench.cli.analysis import add_parsers as add_analysis_parsers
from workbench.cli.importing import add_parser as add_import_parser
from workbench.cli.documents import (
    cmd_alias, cmd_docs, cmd_entities, cmd_entity, cmd_facets, cmd_ingest, cmd_meta, cmd_reindex, cmd_search, cmd_show,
)
from workbench.cli.tagging import cmd_analyst, cmd_annotations, cmd_batch_search, cmd_codebook, cmd_export, cmd_tag
from workbench.core.errors import WorkbenchError

GuiLauncher = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    base = argparse.ArgumentParser(add_help=False)
    base.add_argument("--project", metavar="DIR", help="project folder (default: the default project)")
    base.add_argument("--json", action="store_true", help="machine-readable output on stdout")
    # Every command but gui and chart, which have their own --lang (the window's; a picture's labels).
    common = argparse.ArgumentParser(add_help=False, parents=[base])
    common.add_argument("--lang", choices=("ko", "en"),
                        help="language of messages and of exported files "
                             "(default: the locale's, e.g. LANG=ko_KR.UTF-8)")

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
    p.add_argument("--tag", action="append", required=True,
                   help="a tag (repeatable; created if new; A / B nests; /NAME is NAME at the top level; "
                        "-NAME works as it is, --NAME needs --tag=--NAME)")
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
    p.add_argument("--unique-code-names", action="store_true",
                   help="export FILE.qdc only: give each code a name no other code has ('규제 (정책)' for "
                        "정책 / 규제), for QualCoder, which drops codes whose names repeat; each change is listed")
    p.set_defaults(func=cmd_codebook)

    p = sub.add_parser("analyst", parents=[common], help="who the exports name as the coder: show, or set NAME "
                                                         "(\"\" for the computer's user name)")
    p.add_argument("name", nargs="?", metavar="NAME")
    p.set_defaults(func=cmd_analyst)

    p = sub.add_parser("export", parents=[common], help="tagged passages to a briefing table (.xlsx, .csv, .qdpx) "
                                                          "or a report to hand on (.hwpx for Hangul, .docx for Word)")
    p.add_argument("--out", required=True, metavar="FILE", help="FILE.xlsx, FILE.csv, FILE.qdpx, or a report: "
                                                                 "FILE.hwpx or FILE.docx")
    p.add_argument("--tag", action="append",
                   help="only passages with this tag or one under it: a full path such as '정책 / 규제' (repeatable)")
    p.add_argument("--doc", action="append", help="only passages of this document (repeatable)")
    p.add_argument("--query", help="only passages within hits of this search")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="tagged on or after")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="tagged on or before")
    p.add_argument("--paper", choices=("a4", "letter"),
                   help="paper the .xlsx prints on (default: A4, or Letter where the locale uses it)")
    p.add_argument("--unique-code-names", action="store_true",
                   help=".qdpx only: give each code a name no other code has ('규제 (정책)' for 정책 / 규제, "
                        "'규제 (산업)' for 산업 / 규제; a top-level 규제 keeps its name), for QualCoder, which drops "
                        "codes whose names repeat and the codings on them; each change is listed. Off: names as "
                        "you wrote them, nested")
    p.set_defaults(func=cmd_export)

    add_import_parser(sub, common)
    add_analysis_parsers(sub, common)

    p = sub.add_parser("batch-search", parents=[common], help="run a list of queries, write one hit table (.xlsx)")
    p.add_argument("queries", metavar="QUERIES_FILE", help="one query per line, or the first column of an .xlsx")
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.add_argument("--limit", type=int, default=200, help="hits per query (default 200)")
    p.set_defaults(func=cmd_batch_search)

    p = sub.add_parser("meta", parents=[common], help="a document's date, publisher, author, URL and type; "
                                                      "--set corrects them")
    p.add_argument("doc", metavar="DOC", help="document id, file name, source path or title prefix")
    p.add_argument("--set", action="append", metavar="FIELD=VALUE",
                   help="date, publisher, author, url or type (repeatable); an empty VALUE removes the correction")
    p.set_defaults(func=cmd_meta)

    add_chart_parser(sub, base)

    p = sub.add_parser("gui", parents=[base], help="open the workbench window")
    p.add_argument("--open", nargs="+", metavar="DOC", default=[], help="documents to open side by side")
    p.add_argument("--query", help="a search to run")
    p.add_argument("--lang", choices=("system", "ko", "en"), help="interface language (saved)")
    p.add_argument("--screenshot", metavar="FILE.png", help="save a grab of the window when loaded and exit")
    p.add_argument("--quit-when-shown", action="store_true",
                   help="print 'window shown' once the window is painted, and exit (start-up time checks)")
    p.set_defaults(func=None)

    p = sub.add_parser("about", parents=[common], help="versions, and where the data, projects and logs are")
    p.set_defaults(func=cmd_about)
    return parser


def cmd_about(args: argparse.Namespace) -> int:
    """What a bug report needs: the versions of Workbench and what it is built
    on, and the folders it writes to."""
    from workbench.services.logs import log_dir
    from workbench.services.projects import component_versions, default_project_dir, workbench_home

    info = {"versions": component_versions(), "frozen": bool(getattr(sys, "frozen", False)),
            "data_folder": str(workbench_home()), "default_project": str(default_project_dir()),
            "log_folder": str(log_dir())}
    if args.json:
        print_json(info)
        return 0
    say = speaker(args)
    for name, value in info["versions"].items():
        print(f"{name:18} {value}")
    folders = {"data_folder": say("data folder", "데이터 폴더"), "default_project": say("default project", "기본 프로젝트"),
               "log_folder": say("log folder", "로그 폴더")}
    for key, label in folders.items():
        print(f"{pad(label, 18)} {info[key]}")
    return 0


def main(argv: Sequence[str] | None = None, gui: GuiLauncher | None = None,
         renderer: ChartRenderer | None = None) -> int:
    parser = build_parser()
    # A tag, note, quote or query may start with "-": `--tag -minus` (common.free_text_values).
    args = parser.parse_args(free_text_values(list(sys.argv[1:] if argv is None else argv)))
    if args.command is None:
        parser.print_help()
        return 2
    from workbench.services import scratch

    scratch.begin()  # temporary files where a killed process's are removed at the next start
    try:
        if args.command == "gui":
            if gui is None:
                print(speaker(args)("The GUI is not available in this build.", "이 빌드에는 창(GUI)이 없습니다."),
                      file=sys.stderr)
                return 2
            return gui(args)
        if args.command == "chart":
            return cmd_chart(args, renderer)
        return args.func(args)
    except WorkbenchError as exc:
        print(f"workbench: {terminal_safe(exc.localized(language(args)), one_line=False)}", file=sys.stderr)
        if getattr(args, "json", False):
            print_json({"error": exc.code, "message": exc.message})
        return 2
    except KeyboardInterrupt:
        print(f"workbench: {speaker(args)('interrupted', '중단됨')}", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `workbench … | head`: the reader left; not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a defect: say where the report is rather than dump a traceback
        from workbench.store.project import disk_full

        if disk_full(exc):  # a full disk where no service said so: no crash report (it could not be written)
            say = speaker(args)
            print("workbench: " + say(f"the disk is full ({exc})", f"디스크가 가득 찼습니다({exc})"), file=sys.stderr)
            return 2
        from workbench.services import crash

        crash.tell_on_stderr(crash.write_report(exc, f"workbench {args.command}"), exc)
        return 70  # EX_SOFTWARE
