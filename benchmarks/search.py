"""Ingest end to end, where the indexing time goes, and search latency, on the
seeds and a generated corpus.

Usage: python benchmarks/search.py [--mb 50] [--repeat 5]

* Ingest: ``ingest`` as the app runs it (read, store, one Kiwi pass shared by
  entities and the index), MB/min end to end against the goal of 20 MB/min,
  and the indexing job's seconds by phase (``IndexReport.phases``: waiting
  for Kiwi, entities, passages, analysis, postings, segments).
* Latency: the service call the app and CLI make (index check, query
  parsing and analysis, Whoosh, snippets and match offsets), 20 hits, warm:
  Kiwi is loaded before timing starts. Goal: p95 < 50 ms at 50 MB.
* First search: a fresh process opens the project, runs ``warm_up`` (what
  the window does behind itself at start), then times its first searches
  against the later ones.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
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
    start = time.perf_counter()
    report = run_job(ingest(project, [folder]))
    ingest_s = time.perf_counter() - start
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
    print(f"| {label} | {size_mb:.1f} MB | {ingest_s:.1f} s | {size_mb / ingest_s * 60:.1f} MB/min | "
          f"{index_size:.1f} MB | {statistics.median(passages):.1f} / {percentile(passages, 0.95):.1f} ms | "
          f"{statistics.median(docs):.1f} / {percentile(docs, 0.95):.1f} ms |")
    phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.index.get("phases", {}).items())
    print(f"|   where the index job's {index_s:.1f} s went | {phases} |||||")
    worst: dict[str, float] = {}
    for ms, q in zip(passages, queries * repeat):
        worst[q] = max(ms, worst.get(q, 0.0))
    slowest = sorted(((ms, q) for q, ms in worst.items()), reverse=True)[:3]
    print("|   slowest passage queries | " + ", ".join(f"{q!r} {ms:.0f} ms" for ms, q in slowest) + " |||||")
    first_search(project.root)


FIRST = r"""
import json, sys, time
from pathlib import Path
from workbench.services.search import search, warm_up
from workbench.store.project import Project
queries = json.loads(sys.argv[2])
project = Project.open(Path(sys.argv[1]))
start = time.perf_counter()
warm_up(project)
warmed = time.perf_counter() - start
times = []
for q in queries:
    t = time.perf_counter()
    search(project, q, limit=20)
    times.append((time.perf_counter() - t) * 1000)
print(json.dumps({"warm_up": warmed, "times": times}))
"""


def first_search(root: Path) -> None:
    """In a fresh process: warm_up, then the first searches against later ones."""
    queries = [q for q, _ in QUERIES][5:15]
    out = subprocess.run([sys.executable, "-c", FIRST, str(root), json.dumps(queries * 2)],
                         capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parent.parent)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    first, later = data["times"][:len(queries)], data["times"][len(queries):]
    print(f"|   new process: warm-up {data['warm_up']:.1f} s, then the first search {first[0]:.1f} ms "
          f"({queries[0]!r}; {later[0]:.1f} ms the second time); "
          f"first pass over {len(queries)} queries p50 {statistics.median(first):.1f} ms, "
          f"the same again {statistics.median(later):.1f} ms |||||")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"Machine: {machine()}")
    t = time.perf_counter()
    get_kiwi()
    print(f"Kiwi load: {time.perf_counter() - t:.1f} s")
    print("| corpus | text | ingest end to end | throughput (goal ≥ 20 MB/min) | index size "
          "| passages p50 / p95 (goal p95 < 50 ms) | documents p50 / p95 |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bench("seeds", SEEDS, work, args.repeat)
        generate_corpus(work / "synthetic-files", args.mb)
        bench(f"synthetic-{args.mb:.0f}MB", work / "synthetic-files", work, args.repeat)
    print(f"Peak RSS: {peak_rss_mb():.0f} MB ({len(QUERIES)} queries x {args.repeat})")


if __name__ == "__main__":
    main()
