"""Entity extraction against a hand-made gold set: precision, recall and F1 per
type, and the time to analyse the 840 KB report.

The gold set (benchmarks/entities_gold.tsv) covers the four news seeds and two
sections of the report. A predicted mention counts when its span and type
equal a gold mention's. Usage: python benchmarks/entities.py [--errors]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter

from common import ROOT, SEEDS, machine

from workbench.core.aliases import load_resource_aliases
from workbench.corpus.extract import extract_file
from workbench.corpus.kiwi import get_kiwi
from workbench.entities.extract import EntityExtractor
from workbench.entities.types import EntityType

GOLD = ROOT / "benchmarks" / "entities_gold.tsv"


def region_bounds(doc, region: str) -> tuple[int, int]:
    if region == "*":
        return 0, len(doc.text)
    heading, _, section = region.partition("@")
    heads = [b for b in doc.blocks if b.kind.value == "heading"]
    for i, block in enumerate(heads):
        if doc.text[block.start:block.end] == heading and section in block.section:
            end = heads[i + 1].start if i + 1 < len(heads) else len(doc.text)
            return block.start, end
    raise SystemExit(f"region not found: {region}")


def load_gold() -> dict[tuple[str, str], tuple[int, int, set]]:
    """{(file, region): (start, end, {(start, end, type)})}"""
    rows: dict[tuple[str, str], list] = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, region, kind, text, which = line.split("\t")
        rows.setdefault((name, region), []).append((kind, text, which))
    docs = {}
    out = {}
    for (name, region), entries in rows.items():
        doc = docs.setdefault(name, extract_file(SEEDS / name))
        start, end = region_bounds(doc, region)
        body = doc.text[start:end]
        taken: list[tuple[int, int]] = []
        spans = set()
        # Longer strings first, so a name inside a longer gold mention or a mask is not counted.
        for kind, text, which in sorted(entries, key=lambda e: -len(e[1])):
            occurrences = [m.start() for m in re.finditer(re.escape(text), body)]
            free = [o for o in occurrences if not any(a <= o < b or a < o + len(text) <= b for a, b in taken)]
            chosen = free if which == "*" else [free[int(n) - 1] for n in which.split(",")]
            if not chosen and kind != "-":
                print(f"warning: gold mention not found: {name} {text}", file=sys.stderr)
            for o in chosen:
                taken.append((o, o + len(text)))
                if kind != "-":
                    spans.add((start + o, start + o + len(text), kind))
        out[(name, region)] = (start, end, spans)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--errors", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args()
    print(f"Machine: {machine()}")
    t = time.perf_counter()
    get_kiwi()
    print(f"Kiwi load: {time.perf_counter() - t:.1f} s")
    extractor = EntityExtractor(load_resource_aliases(), lambda lines: get_kiwi().tokenize(lines))
    gold = load_gold()
    tp, fp, fn = Counter(), Counter(), Counter()
    errors = []
    predictions_cache = {}
    for (name, region), (start, end, spans) in gold.items():
        if name not in predictions_cache:
            doc = extract_file(SEEDS / name)
            predictions_cache[name] = (doc, extractor.extract(doc.text))
        doc, mentions = predictions_cache[name]
        predicted = {(m.start, m.end, m.type.value) for m in mentions if start <= m.start and m.end <= end}
        for span in predicted & spans:
            tp[span[2]] += 1
        for span in predicted - spans:
            fp[span[2]] += 1
            errors.append(f"  false alarm {span[2]:9} {doc.text[span[0]:span[1]]!r} ({name})")
        for span in spans - predicted:
            fn[span[2]] += 1
            errors.append(f"  missed      {span[2]:9} {doc.text[span[0]:span[1]]!r} ({name})")
    total_gold = sum(len(s) for _, _, s in gold.values())
    print(f"\nGold: {total_gold} mentions in the four news seeds and two report sections\n")
    print("| type | gold | precision | recall | F1 |")
    print("|---|---|---|---|---|")
    for kind in [t.value for t in EntityType] + ["all"]:
        if kind == "all":
            t_, f_, n_ = sum(tp.values()), sum(fp.values()), sum(fn.values())
        else:
            t_, f_, n_ = tp[kind], fp[kind], fn[kind]
        p = t_ / (t_ + f_) if t_ + f_ else 0.0
        r = t_ / (t_ + n_) if t_ + n_ else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"| {kind} | {t_ + n_} | {p:.3f} | {r:.3f} | {f1:.3f} |")
    report = extract_file(SEEDS / "004_2c1d2e21fcbb52ad.txt")
    t = time.perf_counter()
    found = extractor.extract(report.text)
    seconds = time.perf_counter() - t
    print(f"\nThe 840 KB report ({len(report.text):,} characters): {len(found):,} mentions in {seconds:.2f} s "
          f"({len(report.text) / seconds / 1000:.0f}K chars/s)")
    if args.errors:
        print("\n".join(sorted(errors)))


if __name__ == "__main__":
    main()
