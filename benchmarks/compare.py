"""How long comparing two versions takes (the goal: the 840 KB report against
an edited copy in ≤ 3 s, issue 26), and what the diff library buys.

Usage: python benchmarks/compare.py

The report is the sample corpus's 838 KB seed. Its edited copy has, at
random (seeded): 1 % of its paragraphs deleted, as many new ones inserted,
2 % with a figure changed and a clause added, and two paragraphs swapped.
Timed (median of 3, warm):
- the comparison alone (units, alignment, words: compare.diff.compare_texts);
- the whole service on a project (reading both texts and their structure
  from SQLite, then comparing: services.compare.compare_documents);
- the worst case for the alignment: the report against a copy with its
  paragraphs shuffled (every paragraph out of place);
- the same anchoring by Python's difflib (SequenceMatcher over the units'
  keys) next to rapidfuzz's, the peer the choice was measured against;
- writing the 신구조문대비표 (.xlsx).
"""

from __future__ import annotations

import argparse
import difflib
import random
import tempfile
import time
from pathlib import Path

from common import machine, median_ms_and_result, peak_rss_mb
from rapidfuzz.distance import Indel

from workbench.compare.diff import compare_texts
from workbench.compare.units import key_of, units_of
from workbench.corpus.extract import extract_file
from workbench.services.compare import compare_documents, write_comparison
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.projects import open_project

REPORT = Path(__file__).resolve().parent.parent / "seeds" / "004_2c1d2e21fcbb52ad.txt"


def edited(text: str, seed: int = 26) -> tuple[str, dict]:
    rng = random.Random(seed)
    lines = text.split("\n")
    n = len(lines)
    done = {"deleted": 0, "inserted": 0, "changed": 0}
    for _ in range(n // 50):
        i = rng.randrange(len(lines))
        if any(ch in "0123456789" for ch in lines[i]):
            digit = next(ch for ch in lines[i] if ch in "0123456789")
            lines[i] = lines[i].replace(digit, str((int(digit) + 3) % 10), 1) + " 다만 세부 사항은 따로 정한다."
            done["changed"] += 1
    for _ in range(n // 100):
        del lines[rng.randrange(len(lines))]
        done["deleted"] += 1
    for k in range(n // 100):
        lines.insert(rng.randrange(len(lines)), f"새로 넣은 문단 {k}: 정부는 2026년까지 {k + 3}천억 원을 투입한다.")
        done["inserted"] += 1
    i = rng.randrange(len(lines) - 1)
    lines[i], lines[i + 1] = lines[i + 1], lines[i]
    return "\n".join(lines), done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args()
    doc = extract_file(REPORT)
    new_text, edits = edited(doc.text)
    print(f"# Comparing versions — {machine()}")
    print(f"report: {REPORT.stat().st_size / 1024:,.0f} KB, {len(doc.text):,} characters, "
          f"{len(units_of(doc.text, doc.blocks)):,} units; edits made: {edits}")

    ms, comparison = median_ms_and_result(lambda: compare_texts(doc.text, doc.blocks, new_text, []))
    print(f"compare (text against edited copy): {ms:,.0f} ms — {comparison.summary()}  (goal ≤ 3,000 ms)")

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        (folder / "report_old.txt").write_text(doc.text, encoding="utf-8")
        (folder / "report_new.txt").write_text(new_text, encoding="utf-8")
        project = open_project(folder / "p")
        run_job(ingest(project, [folder / "report_old.txt", folder / "report_new.txt"], index=False, entities=False))
        ms, comparison = median_ms_and_result(lambda: compare_documents(project, "report_old.txt", "report_new.txt"))
        print(f"compare two documents of a project (read from SQLite + compare): {ms:,.0f} ms")
        began = time.perf_counter()
        written = write_comparison(comparison, folder / "table.xlsx", "ko")
        print(f"신구조문대비표 .xlsx: {(time.perf_counter() - began) * 1000:,.0f} ms, {written['rows']} rows")

    lines = doc.text.split("\n")
    random.Random(1).shuffle(lines)
    ms, shuffled = median_ms_and_result(lambda: compare_texts(doc.text, doc.blocks, "\n".join(lines), []))
    print(f"worst case (paragraphs shuffled): {ms:,.0f} ms — {shuffled.summary()}")

    old_keys = [key_of(u) for u in units_of(doc.text, doc.blocks)]
    new_keys = [key_of(u) for u in units_of(new_text, [])]
    ms_rf, _ = median_ms_and_result(lambda: Indel.opcodes(old_keys, new_keys))
    ms_dl, _ = median_ms_and_result(
        lambda: difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes())
    print(f"anchoring {len(old_keys):,} × {len(new_keys):,} units: rapidfuzz Indel {ms_rf:,.1f} ms, "
          f"difflib SequenceMatcher {ms_dl:,.1f} ms")
    print(f"peak memory: {peak_rss_mb():,.0f} MB")


if __name__ == "__main__":
    main()
