"""Re-anchoring time for 10,000 annotations after an edit of the 840 KB report.

Usage: python benchmarks/annotations.py [--count 10000]
The edit inserts a paragraph at the top, rewrites a sentence in the middle
and deletes a passage near the end, so annotations move exactly, move
fuzzily and are orphaned.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from common import SEEDS, machine, peak_rss_mb

from workbench.annotations.anchoring import selector
from workbench.corpus.extract import text_sha256
from workbench.services.annotations import reanchor_document
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
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as tmp:
        project = Project.open(Path(tmp) / "p")
        run_job(ingest(project, [SEEDS / "004_2c1d2e21fcbb52ad.txt"], index=False, entities=False))
        conn = project.connect()
        docs, notes = DocumentRepository(conn), AnnotationRepository(conn)
        text = docs.text(1)
        sha = docs.info(1).text_sha256
        with transaction(conn):
            tag = TagRepository(conn).add("bench", None, "#4E79A7", "")
            for _ in range(args.count):
                start = rng.randrange(0, len(text) - 200)
                end = start + rng.randrange(5, 120)
                sel = selector(text, start, end)
                notes.add(1, start, end, sel.quote, sel.prefix, sel.suffix, sha, "", [(tag, "bench")])
        middle = len(text) // 2
        cut = text.find("다.", middle) + 2
        new_text = ("새로 들어간 머리말 문단입니다.\n\n" + text[:middle] + text[middle:cut].replace("AI", "인공지능")
                    + text[cut:len(text) - 20_000] + text[len(text) - 15_000:])
        started = time.perf_counter()
        with transaction(conn):
            counts = reanchor_document(conn, 1, new_text, text_sha256(new_text))
        seconds = time.perf_counter() - started
        conn.close()
    print(f"{args.count:,} annotations re-anchored in {seconds:.2f} s "
          f"({args.count / seconds:,.0f}/s): {counts['anchored']:,} in place, {counts['moved']:,} moved, "
          f"{counts['orphaned']:,} orphaned")
    print(f"Peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
