"""Indexing throughput and search latency, on the seeds and a generated corpus.

Usage: python benchmarks/search.py [--mb 10] [--repeat 5]
Latency is for the service call the app and CLI make (index sync check,
query parsing and analysis, Whoosh search, snippets and match offsets from
stored offsets), warm: Kiwi is loaded before timing starts.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from common import SEEDS, generate_corpus, machine, peak_rss_mb

from benchmarks.queries import QUERIES
from workbench.search.analysis import get_kiwi
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.search import search
from workbench.store.project import Project


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def bench(label: str, folder: Path, work: Path, repeat: int) -> None:
    size_mb = sum(p.stat().st_size for p in folder.iterdir()) / 1024 / 1024
    project = Project.open(work / label)
    report = run_job(ingest(project, [folder]))
    index_s = report.index["seconds"]
    queries = [q for q, _ in QUERIES]
    for q in queries:  # warm the OS cache and Whoosh's
        search(project, q)
    passages, docs = [], []
    for _ in range(repeat):
        for q in queries:
            t = time.perf_counter()
            search(project, q, limit=20)
            passages.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            search(project, q, limit=20, docs=True)
            docs.append((time.perf_counter() - t) * 1000)
    index_size = sum(p.stat().st_size for p in project.index_dir.iterdir()) / 1024 / 1024
    print(f"| {label} | {size_mb:.1f} MB | {index_s:.1f} s | {size_mb / index_s * 60:.1f} MB/min | "
          f"{index_size:.1f} MB | {statistics.median(passages):.0f} / {percentile(passages, 0.95):.0f} ms | "
          f"{statistics.median(docs):.0f} / {percentile(docs, 0.95):.0f} ms |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"Machine: {machine()}")
    t = time.perf_counter()
    get_kiwi()
    print(f"Kiwi load: {time.perf_counter() - t:.1f} s")
    print("| corpus | text | index time | indexing | index size | passages p50 / p95 | documents p50 / p95 |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bench("seeds", SEEDS, work, args.repeat)
        generate_corpus(work / "synthetic-files", args.mb)
        bench(f"synthetic-{args.mb:.0f}MB", work / "synthetic-files", work, args.repeat)
    print(f"Peak RSS: {peak_rss_mb():.0f} MB ({len(QUERIES)} queries x {args.repeat})")


if __name__ == "__main__":
    main()
