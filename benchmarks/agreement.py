"""How long coder agreement takes on the 50 MB generated project (the goal:
all tags in under 2 s, so the dialog answers while the analyst waits).

Usage: python benchmarks/agreement.py [--project DIR] [--passages 2000]

The project (built by benchmarks/charts.py: 50 MB of text, 2,000 tagged
passages by one coder) is copied to a temporary folder (never written), then
a second coder's codings are added: half copies of the first coder's
passages with the end moved by up to ±30 characters (near-agreement), half
new passages at random. Then it times the agreement of every tag (median of
3, warm), one tag, and the workbook, and prints a table for the README.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

from common import median_ms_and_result, tagged_project, machine, peak_rss_mb

from workbench.services.agreement import agreement, export_agreement, list_coders
from workbench.services.analyst import set_analyst
from workbench.services.annotations import list_annotations, tag_passage
from workbench.services.documents import list_documents
from workbench.store.project import Project

SECOND = "검토자 B"


def add_second_coder(project: Project, passages: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    first = [a for a in list_annotations(project) if a.tags]
    docs = {d.id: d for d in list_documents(project)}
    tags = sorted({t for a in first for t in a.tags})
    set_analyst(project, SECOND)
    for n in range(passages):
        if n % 2 == 0:
            a = rng.choice(first)
            end = min(docs[a.doc_id].chars, max(a.start + 1, a.end + rng.randint(-30, 30)))
            tag_passage(project, str(a.doc_id), [a.tags[0]], a.start, end)
        else:
            doc = rng.choice(list(docs.values()))
            start = rng.randrange(0, max(1, doc.chars - 200))
            tag_passage(project, str(doc.id), [rng.choice(tags)], start, start + rng.randrange(20, 200))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--project", help="a project built by an earlier run (charts.py --project DIR); "
                        "without it, a 50 MB one is built first")
    parser.add_argument("--passages", type=int, default=2000)
    args = parser.parse_args()
    print(f"Machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        # The database is what agreement reads; the search index is not copied.
        shutil.copytree(tagged_project(args.project, Path(tmp)), root, ignore=shutil.ignore_patterns("index*", "*.lock"))
        project = Project.open(root)
        size = sum(d.chars for d in list_documents(project))
        first = list_coders(project)[0].name
        started = time.perf_counter()
        add_second_coder(project, args.passages)
        print(f"added {args.passages} passages by a second coder in {time.perf_counter() - started:.0f} s")
        coders = {c.name: c.codings for c in list_coders(project)}
        print(f"{size / 1e6:.1f} M characters; codings: {coders}")
        all_ms, report = median_ms_and_result(lambda: agreement(project, first, SECOND))
        one_tag = report.tags[0].tag
        tag_ms, _ = median_ms_and_result(lambda: agreement(project, first, SECOND, tag=one_tag))
        every_ms, _ = median_ms_and_result(lambda: agreement(project, first, SECOND, all_documents=True))
        out = Path(tmp) / "agreement.xlsx"
        xlsx_ms, _ = median_ms_and_result(lambda: export_agreement(report, out, "ko"))
        print(f"{len(report.tags)} tags, {len(report.documents)} tag × document rows, "
              f"{len(report.spans)} spans; total agreement {report.agreement:.2f} %, κ {report.kappa:.3f}")
        print()
        print("| Coder agreement (50 MB, 2 × 2,000 passages) | median of 3 |")
        print("|---|---|")
        print(f"| every tag (per tag, per document, spans with text) | {all_ms:.0f} ms |")
        print(f"| one tag ({one_tag}) | {tag_ms:.0f} ms |")
        print(f"| every tag, every document counted | {every_ms:.0f} ms |")
        print(f"| workbook (.xlsx, {len(report.spans):,} spans) | {xlsx_ms:.0f} ms |")
        print(f"| peak RSS of the process | {peak_rss_mb():.0f} MB |")
        print(f"\nTarget ≤ 2 s for every tag: {'met' if all_ms <= 2000 else 'NOT met'}")


if __name__ == "__main__":
    main()
