"""Reader open time: the 840 KB report, a generated ~5 MB document and
table-heavy real files (the 1Q press release; the 415-page 교육부 report with
~5,000 table rows, from ../shared/realfiles when it is there), with all entity
highlights, offscreen. Limits (issue 22): the report ≤ 200 ms, the 415-page
report ≤ 2 s.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/viewer.py [--mb 5]
Prints, per document: the time to open it in a pane (read through services,
build the document with its tables, install highlights), the time to scroll to
the end (Qt lays out and highlights the blocks on the way), a scroll step's
redraw (p50/p95 of 40 steps through the document: smooth means well under a
frame's 16 ms), and the number of highlight spans and tables.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import ROOT, SEEDS, machine, peak_rss_mb  # noqa: E402

from workbench.services.ingest import ingest  # noqa: E402
from workbench.services.jobs import run_job  # noqa: E402
from workbench.store.project import Project  # noqa: E402
from workbench.ui.app import ensure_app  # noqa: E402


REALFILES = ROOT / "tests" / "fixtures" / "realfiles"
SHARED = ROOT.parent / "shared" / "realfiles" / "files"
TABLE_FILES = (REALFILES / "hwp" / "2024_1Q_해외직접투자_보도자료.hwp", SHARED / "hwp" / "교육부_범교과_연결맵_연구보고서.hwp")


def scroll_steps(pane, steps: int = 40) -> tuple[float, float]:
    """p50 and p95 of one scroll step with its redraw, through the whole document."""
    app = ensure_app()
    bar = pane.view.verticalScrollBar()
    times = []
    for step in range(steps + 1):
        started = time.perf_counter()
        bar.setValue(bar.maximum() * step // steps)
        pane.view.viewport().repaint()
        app.processEvents()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def measure(window, doc_id: int, repeat: int = 3) -> tuple[float, float, int]:
    app = ensure_app()
    opens, ends = [], []
    for _ in range(repeat):
        window.left.doc_id = None
        started = time.perf_counter()
        window.reading.open_in("left", doc_id)
        app.processEvents()
        opens.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        bar = window.left.view.verticalScrollBar()
        bar.setValue(bar.maximum())
        app.processEvents()
        ends.append((time.perf_counter() - started) * 1000)
    return statistics.median(opens), statistics.median(ends), len(window.left.mentions)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=5)
    args = parser.parse_args()
    app = ensure_app()
    from workbench.ui.main_window import MainWindow

    print(f"Machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        report = (SEEDS / "004_2c1d2e21fcbb52ad.txt").read_text(encoding="utf-8")
        big = work / "big.txt"
        copies = max(1, int(args.mb * 1024 * 1024 / len(report.encode("utf-8"))))
        big.write_text("\n\n".join([report] * copies), encoding="utf-8")
        project = Project.open(work / "project")
        tables = [p for p in TABLE_FILES if p.exists()]
        run_job(ingest(project, [SEEDS / "004_2c1d2e21fcbb52ad.txt", big, *tables], index=False))
        window = MainWindow(project)
        window.resize(1500, 900)
        window.show()
        app.processEvents()
        print("| document | size | tables | open with highlights | scroll to end | scroll step p50 / p95 "
              "| highlight spans |")
        print("|---|---|---|---|---|---|---|")
        for doc_id, path in enumerate((SEEDS / "004_2c1d2e21fcbb52ad.txt", big, *tables), start=1):
            opened, end, spans = measure(window, doc_id)
            p50, p95 = scroll_steps(window.left)
            drawn = sum(1 for b in window.left.blocks if b.kind.value == "table")
            print(f"| {path.name} | {path.stat().st_size / 1024 / 1024:.1f} MB | {drawn:,} | {opened:.0f} ms "
                  f"| {end:.0f} ms | {p50:.1f} / {p95:.1f} ms | {spans:,} |")
        # 1,000 tagged passages in the report: shading, then a redraw.
        import random

        from workbench.annotations.anchoring import selector
        from workbench.store.annotations import AnnotationRepository, TagRepository
        from workbench.store.documents import DocumentRepository
        from workbench.store.project import transaction

        rng = random.Random(5)
        conn = project.connect()
        text = DocumentRepository(conn).text(1)
        sha = DocumentRepository(conn).info(1).text_sha256
        with transaction(conn):
            tags = [TagRepository(conn).add(f"tag{i}", None, f"#{rng.randrange(0x1000000):06x}", "") for i in range(8)]
            for _ in range(1000):
                start = rng.randrange(0, len(text) - 300)
                sel = selector(text, start, start + rng.randrange(10, 300))
                tag = rng.choice(tags)
                AnnotationRepository(conn).add(1, sel.start, sel.end, sel.quote, sel.prefix, sel.suffix, sha, "",
                                               [(tag, f"tag{tags.index(tag)}")])
        conn.close()
        window.reading.open_in("left", 1)
        started = time.perf_counter()
        window.tagging.refresh()
        app.processEvents()
        shade = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        window.left.view.viewport().repaint()
        bar = window.left.view.verticalScrollBar()
        for step in range(1, 11):
            bar.setValue(bar.maximum() * step // 10)
            window.left.view.viewport().repaint()
        redraw = (time.perf_counter() - started) * 1000 / 11
        print(f"\nThe report with 1,000 tagged passages: shading applied in {shade:.0f} ms "
              f"(panel and both panes), a full redraw while scrolling {redraw:.1f} ms on average")
        window.close()
    print(f"Peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
