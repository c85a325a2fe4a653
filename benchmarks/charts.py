"""How long each chart's data takes on a generated corpus (the goal: under a
second each on 50 MB, so the charts follow the analyst).

Usage: python benchmarks/charts.py [--mb 50] [--project DIR]
Builds (or reuses, with --project) a project from seed lines, with entities,
the index and 2,000 tagged passages, then times each chart's frame (median
of 3 runs, warm). Prints a table for the README.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from common import build_tagged, machine, peak_rss_mb

from workbench.corpus.kiwi import get_kiwi
from workbench.services import charts
from workbench.services.documents import list_documents
from workbench.store.project import Project

def median_ms(call) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=10)
    parser.add_argument("--project", help="reuse a project built by an earlier run")
    args = parser.parse_args()
    print(f"Machine: {machine()}")
    get_kiwi()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(args.project) if args.project else Path(tmp) / "project"
        fresh = not (root / "workbench.sqlite").exists()
        project = Project.open(root)
        if fresh:
            build_tagged(Path(tmp) / "corpus", args.mb, project)
        docs = list_documents(project)
        size = sum(d.chars for d in docs)
        biggest = max(docs, key=lambda d: d.chars)
        cases = {
            "hits per document (query)": lambda: charts.distribution(project, charts.source_of(query="인공지능 정책")),
            "hits per document (entity)": lambda: charts.distribution(project, charts.source_of(entity="과기정통부")),
            "hits per document (tag)": lambda: charts.distribution(project, charts.source_of(tag="정책")),
            "dispersion (3 series, largest document)": lambda: charts.dispersion(
                project, biggest.id, [charts.source_of(query="반도체"), charts.source_of(entity="미국"),
                                      charts.source_of(tag="산업")]),
            "tags × documents": lambda: charts.tag_matrix(project),
            "entity co-occurrence (top 15 ORG)": lambda: charts.cooccurrence(project, "ORG", 15),
            "timeline": lambda: charts.timeline(project),
        }
        print(f"Corpus: {len(docs)} documents, {size / 1e6:.1f} M characters")
        print("| chart | data (median of 3) |")
        print("|---|---|")
        for label, call in cases.items():
            print(f"| {label} | {median_ms(call):.0f} ms |")
        print(f"Peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
