"""``workbench chart``: the numbers behind a chart (``--json`` or ``--out
FILE.json``) or the picture (``--out FILE.png|.svg``), headless.

The numbers come from :mod:`workbench.services.charts` (no Qt); a picture is
drawn by the renderer the entry point hands in (``workbench.app``), so this
module never imports Qt.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from workbench.cli.common import Say, cli_project, language, print_json, speaker
from workbench.core.crosstab import GROUPINGS
from workbench.core.errors import WorkbenchError
from workbench.services import charts
from workbench.services.jobs import run_job
from workbench.services.search import index_state, update_index

KINDS = ("distribution", "dispersion", "tags", "cooccurrence", "timeline")
ChartRenderer = Callable[..., Path]


def frame_for(project, args: argparse.Namespace):
    if args.kind in ("distribution", "dispersion") and args.query and index_state(project) != "ready":
        run_job(update_index(project))  # an explicit job: searching itself never writes the index
    sources = ([charts.Source("query", q) for q in args.query or []] + [charts.Source("entity", e) for e in args.entity or []]
               + [charts.Source("tag", t) for t in args.tag or []])
    if args.kind == "distribution":
        if len(sources) != 1:
            raise WorkbenchError("distribution counts one thing: give one --query, --entity or --tag",
                                 "distribution은 하나만 셉니다: --query, --entity, --tag 중 하나를 주세요")
        return charts.distribution(project, sources[0])
    if args.kind == "dispersion":
        if not args.doc or not sources:
            raise WorkbenchError("dispersion needs --doc and at least one --query, --entity or --tag",
                                 "dispersion에는 --doc과 --query, --entity, --tag 중 하나 이상이 필요합니다")
        from workbench.services.documents import show_document

        return charts.dispersion(project, show_document(project, args.doc).info.id, sources)
    if args.kind == "tags":
        return charts.tag_matrix(project, args.by, language(args))
    if args.kind == "cooccurrence":
        return charts.cooccurrence(project, args.type or "ORG", args.top)
    return charts.timeline(project, doctype=args.doctype, tag=(args.tag or [None])[0])


def cmd_chart(args: argparse.Namespace, renderer: ChartRenderer | None) -> int:
    project = cli_project(args)
    frame = frame_for(project, args)
    data = charts.frame_to_json(args.kind, frame)
    if args.json:
        print_json(data)
    if args.out:
        out = Path(args.out)
        suffix = out.suffix.lower()
        if suffix == ".json":
            out.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        elif suffix in (".png", ".svg"):
            if renderer is None:
                print("workbench: pictures need the GUI libraries, not in this build", file=sys.stderr)
                return 2
            renderer(args.kind, frame, out, language=args.lang or language(), relative=args.relative)
        else:
            raise WorkbenchError(f"A chart is written as .png, .svg or .json, not {suffix or 'a name without extension'}",
                                 "차트는 .png, .svg, .json으로만 저장할 수 있습니다")
        if not args.json:
            print(f"{args.kind}: {len(frame)} rows drawn, written to {out}")
    elif not args.json:
        print(frame.to_string(max_rows=40))
    if not args.json and (note := left_out(frame, speaker(args))):
        print(note)
    return 0


def left_out(frame, say: Say) -> str:
    """What the timeline could not place, said rather than hidden (the numbers are in --json too)."""
    parts = []
    if n := frame.attrs.get("unresolved"):
        parts.append(say(f"{n} date mentions left out (no year or month to go by, or not a real day)",
                         f"본문의 날짜 {n}개는 제외했습니다(연도나 월을 알 수 없거나 달력에 없는 날짜)"))
    if n := frame.attrs.get("undated_documents"):
        parts.append(say(f"undated documents: {n}", f"날짜 없는 문서: {n}개"))
    return "; ".join(parts)


def add_parser(sub, common) -> None:
    p = sub.add_parser("chart", parents=[common], help="a chart's numbers (--json) or picture (--out FILE.png|.svg)")
    p.add_argument("kind", choices=KINDS)
    p.add_argument("--query", action="append", help="what to count (repeatable for dispersion)")
    p.add_argument("--entity", action="append", help="an entity, under any of its names (repeatable)")
    p.add_argument("--tag", action="append", help="a tag's full path (repeatable; timeline: only with this tag)")
    p.add_argument("--doc", help="dispersion: the document")
    p.add_argument("--type", help="cooccurrence: the entity type (default ORG)")
    p.add_argument("--by", choices=GROUPINGS, default="document",
                   help="tags: count by document, or by the documents' publisher, type or month")
    p.add_argument("--top", type=int, default=15, help="cooccurrence: how many entities (default 15)")
    p.add_argument("--doctype", help="timeline: only documents of this type (보도자료, report, …)")
    p.add_argument("--relative", action="store_true", help="distribution: per 10,000 characters")
    p.add_argument("--lang", choices=("ko", "en"), help="labels of the picture")
    p.add_argument("--out", metavar="FILE", help="FILE.png, FILE.svg or FILE.json")
