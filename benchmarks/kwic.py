"""How long keyword in context takes on the 50 MB generated project (the
goal: ≤ 2 s for common queries, so the concordance answers while the
analyst waits).

Usage: python benchmarks/kwic.py [--project DIR] [--queries 반도체 인공지능 …]

The project (built by benchmarks/charts.py) is copied to a temporary folder
with its search index (never written: a concordance only reads). Kiwi is
loaded and the index opened once first (the window does this at start, see
services.search.warm_up). Then, per query, the median of 3 warm runs of:
the rows in document order (what ``workbench kwic QUERY`` does), and the
rows with their sort keys sorted by the words after (what the window does,
and ``--sort right``); and the workbook of the sorted rows. Prints a table
for the README, and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from common import median_ms_and_result, tagged_project, machine, peak_rss_mb

from workbench.services.documents import list_documents
from workbench.services.jobs import run_job
from workbench.services.kwic import MAX_ROWS, export_kwic_steps, kwic
from workbench.services.search import warm_up
from workbench.store.project import Project

QUERIES = ["반도체", "인공지능", "정부", '"개인 정보"', "과기정통부", "AI"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--project", help="a project built by an earlier run (charts.py --project DIR); "
                        "without it, a 50 MB one is built first")
    parser.add_argument("--queries", nargs="+", default=QUERIES)
    args = parser.parse_args()
    print(f"Machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(tagged_project(args.project, Path(tmp)), root,
                        ignore=shutil.ignore_patterns("*.lock", "*.lock.owner"))
        project = Project.open(root)
        size = sum(d.chars for d in list_documents(project))
        started = time.perf_counter()
        warm_up(project)
        print(f"{size / 1e6:.1f} M characters; Kiwi and the index warmed in {time.perf_counter() - started:.1f} s")
        lines = []
        for query in args.queries:
            plain_ms, plain = median_ms_and_result(lambda q=query: kwic(project, q))
            sorted_ms, ranked = median_ms_and_result(lambda q=query: kwic(project, q, sort="right"))
            out = Path(tmp) / "kwic.xlsx"
            xlsx_ms, _ = median_ms_and_result(lambda r=ranked: run_job(export_kwic_steps(r, out, "ko")))
            shown = f"{len(plain.rows):,}" + (f" (first of {plain.total:,})" if plain.capped else "")
            lines.append(f"| {query} | {plain.total:,} | {plain.documents:,} | {shown} | {plain_ms:.0f} ms | "
                         f"{sorted_ms:.0f} ms | {xlsx_ms:.0f} ms |")
            print(f"  {query}: {plain.total:,} matches, {plain_ms:.0f} / {sorted_ms:.0f} / {xlsx_ms:.0f} ms", flush=True)
        print()
        print(f"| KWIC (50 MB, median of 3, warm) | matches | documents | rows listed (cap {MAX_ROWS:,}) "
              "| document order | sorted by the words after | workbook (.xlsx) |")
        print("|---|---|---|---|---|---|---|")
        print("\n".join(lines))
        print(f"\nPeak RSS of the process: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
