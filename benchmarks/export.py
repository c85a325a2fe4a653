"""Export time and file size for 10,000 tagged passages.

Usage: python benchmarks/export.py [--count 10000]
Passages of 50-300 characters are tagged at random in the 840 KB report with
eight tags under two parents, then exported to .xlsx, .csv and .qdpx.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from common import SEEDS, machine, peak_rss_mb

from workbench.annotations.anchoring import selector
from workbench.services.export import export_briefing
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
    print(f"Peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
