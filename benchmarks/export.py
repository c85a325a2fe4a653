"""Export time and file size for 10,000 tagged passages.

Usage: python benchmarks/export.py [--count 10000]
Passages of 50-300 characters are tagged at random in the 840 KB report with
eight tags under two parents, then exported to .xlsx, .csv and .qdpx. The
workbook is also written by plain openpyxl (the same cell values in the same
sheets, no styles, no page setup), the floor Workbench's writer is measured
against: reading the passages out of the project is timed apart.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from common import SEEDS, machine, peak_rss_mb

from workbench.annotations.anchoring import selector
from workbench.export.rows import COLUMNS, cell_value
from workbench.export.safety import clean
from workbench.export.xlsx import write_xlsx
from workbench.services.export import build_briefing, export_briefing, select_annotations
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.store.annotations import AnnotationRepository, TagRepository
from workbench.store.documents import DocumentRepository
from workbench.store.project import Project, transaction


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    print(f"Machine: {machine()}")
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        project = Project.open(work / "p")
        run_job(ingest(project, [SEEDS / "004_2c1d2e21fcbb52ad.txt"], index=False))
        conn = project.connect()
        text = DocumentRepository(conn).text(1)
        sha = DocumentRepository(conn).info(1).text_sha256
        with transaction(conn):
            repo = TagRepository(conn)
            parents = [repo.add(name, None, "#4E79A7", "") for name in ("정책", "산업")]
            tags = [(repo.add(f"태그{i}", parents[i % 2], "#F28E2B", ""), f"태그{i}") for i in range(8)]
            for _ in range(args.count):
                start = rng.randrange(0, len(text) - 400)
                sel = selector(text, start, start + rng.randrange(50, 300))
                AnnotationRepository(conn).add(1, sel.start, sel.end, sel.quote, sel.prefix, sel.suffix, sha,
                                               "분석 메모: " + sel.quote[:40], rng.sample(tags, 2))
        conn.close()
        print("| format | time | file size |")
        print("|---|---|---|")
        for suffix in (".xlsx", ".csv", ".qdpx"):
            out = work / f"brief{suffix}"
            started = time.perf_counter()
            result = export_briefing(project, out)
            seconds = time.perf_counter() - started
            print(f"| {suffix} ({result['passages']:,} passages) | {seconds:.1f} s | "
                  f"{out.stat().st_size / 1024 / 1024:.1f} MB |")
        started = time.perf_counter()
        briefing = build_briefing(project, select_annotations(project))
        gathered = time.perf_counter() - started
        print(f"\nThe workbook alone, from the {len(briefing.passages):,} rows already gathered "
              f"({gathered:.1f} s to read them from the project):\n")
        print("| writer | time | file size |")
        print("|---|---|---|")
        times = {}
        for name, write in (("plain openpyxl", plain_write), ("Workbench (styled, wrapped, page setup)", write_xlsx)):
            out = work / f"{name.split()[0]}.xlsx"
            started = time.perf_counter()
            write(briefing, out)
            times[name] = seconds = time.perf_counter() - started
            ratio = f" ({seconds / times['plain openpyxl']:.2f}× plain)" if len(times) > 1 else ""
            print(f"| {name} | {seconds:.1f} s{ratio} | {out.stat().st_size / 1024 / 1024:.1f} MB |")
    print(f"Peak RSS: {peak_rss_mb():.0f} MB")


def plain_write(briefing, out: Path) -> None:
    """The same values in the same sheets, written the way an openpyxl tutorial would."""
    from collections import Counter

    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    passages = briefing.passages

    def sheet(name, rows):
        ws = wb.create_sheet(name[:31])
        for row in rows:
            ws.append([clean(v) if isinstance(v, str) else v.replace(tzinfo=None) if hasattr(v, "tzinfo") else v
                       for v in row])

    header = list(COLUMNS.values())
    rows = [[cell_value(p, key) for key in COLUMNS] for p in passages]
    sheet("Passages", [header] + rows)
    for top in sorted({t for p in passages for t in p.top_tags}):
        sheet(top, [header] + [r for p, r in zip(passages, rows) if top in p.top_tags])
    documents = sorted({p.title for p in passages})
    counts = Counter((t, p.title) for p in passages for t in p.tags)
    sheet("Summary", [["Tag"] + documents + ["Total"]] +
          [[t] + [counts[(t, d)] for d in documents] + [sum(counts[(t, d)] for d in documents)]
           for t in sorted({t for p in passages for t in p.tags})])
    sheet("Entities", [["Type", "Canonical name", "Mentions", "Documents"]] +
          [[e.type, e.canonical, e.mentions, "; ".join(e.documents)] for e in briefing.entities])
    sheet("Sources", [["Document", "Source path", "Format", "SHA-256"]] +
          [[s.title, s.source, s.format, s.sha256] for s in briefing.sources])
    wb.save(out)


if __name__ == "__main__":
    main()
