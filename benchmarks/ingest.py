"""Ingestion throughput on the seeds and on a generated corpus, by phase:
reading (decode, normalise, structure, store) and entity extraction.
Indexing is measured by benchmarks/search.py.

Usage: python benchmarks/ingest.py [--mb 50]
Prints MB/s, files/s and peak memory; the README quotes the latest run.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from common import SEEDS, generate_corpus, machine, peak_rss_mb, timer

from workbench.corpus.kiwi import get_kiwi
from workbench.services.entities import refresh_entities
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.store.project import Project


def bench(label: str, folder: Path, workdir: Path) -> None:
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    files = sum(1 for p in folder.rglob("*") if p.is_file())
    project = Project.open(workdir / f"project-{label}")
    with timer() as t:
        report = run_job(ingest(project, [folder], index=False, entities=False))
    assert not report.failed, report.to_json()
    with timer() as t2:
        again = run_job(ingest(project, [folder], index=False, entities=False))
    assert again.count("unchanged") == files
    with timer() as t3:
        refresh_entities(project)
    mb = size / 1024 / 1024
    print(f"| {label} | {files} | {mb:.1f} MB | {t['seconds']:.2f} s ({mb / t['seconds']:.1f} MB/s) "
          f"| {t3['seconds']:.1f} s ({mb / t3['seconds'] * 60:.1f} MB/min) | {t2['seconds']:.2f} s |")


REAL = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "realfiles"


def bench_real() -> None:
    """Reading real government files, by format: read, decode, structure (no storage)."""
    from collections import Counter

    from workbench.core.errors import ReadError
    from workbench.corpus.extract import extract_file

    print("| format | files | size | read + structure | throughput | blocks | tables | headings |")
    print("|---|---|---|---|---|---|---|---|")
    for fmt in ("hwp", "hwpx", "pdf", "docx"):
        paths = sorted((REAL / fmt).glob(f"*.{fmt}"))
        size = sum(p.stat().st_size for p in paths)
        kinds: Counter = Counter()
        with timer() as t:
            for path in paths:
                try:
                    doc = extract_file(path)
                except ReadError as exc:
                    print(f"  ({path.name}: {exc.code})")
                    continue
                kinds.update(b.kind.value for b in doc.blocks)
        mb = size / 1024 / 1024
        print(f"| {fmt} | {len(paths)} | {mb:.1f} MB | {t['seconds']:.2f} s | {mb / t['seconds'] * 60:.0f} MB/min "
              f"| {sum(kinds.values())} | {kinds['table']} | {kinds['heading']} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=20)
    parser.add_argument("--real-only", action="store_true", help="only the real files, by format")
    args = parser.parse_args()
    print(f"Machine: {machine()}")
    bench_real()
    if args.real_only:
        return
    get_kiwi()  # loaded once per process (1-3 s); not part of the figures
    print("| corpus | files | size | read + store | entities | re-ingest (unchanged) |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bench("seeds", SEEDS, work)
        generate_corpus(work / "synthetic", args.mb)
        bench(f"synthetic ~{args.mb:.0f} MB", work / "synthetic", work)
    print(f"Peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
