"""Two versions of a text compared: units aligned, then the words of each
aligned pair that differ (see units, align and words)."""

from __future__ import annotations

import time

from workbench.compare.align import align
from workbench.compare.units import key_of, units_of
from workbench.compare.words import word_changes
from workbench.core.comparison import CHANGED, DELETED, EQUAL, INSERTED, Comparison, Pair, Side


def compare_texts(old_text: str, old_blocks, new_text: str, new_blocks,
                  old_side: Side | None = None, new_side: Side | None = None) -> Comparison:
    """The comparison of ``old_text`` (with its structure blocks) against ``new_text``."""
    began = time.perf_counter()
    old_units, new_units = units_of(old_text, old_blocks), units_of(new_text, new_blocks)
    pairs: list[Pair] = []
    for i, j in align(old_units, new_units):
        old = old_units[i] if i is not None else None
        new = new_units[j] if j is not None else None
        if new is None:
            pairs.append(Pair(DELETED, old, None))
        elif old is None:
            pairs.append(Pair(INSERTED, None, new))
        elif old.text == new.text or key_of(old) == key_of(new) and _same_words(old.text, new.text):
            pairs.append(Pair(EQUAL, old, new))
        else:
            changes = tuple(word_changes(old.text, old.start, new.text, new.start))
            pairs.append(Pair(CHANGED if changes else EQUAL, old, new, changes))
    comparison = Comparison(old_side or Side(0, ""), new_side or Side(0, ""), pairs)
    comparison.milliseconds = (time.perf_counter() - began) * 1000
    return comparison


def _same_words(a: str, b: str) -> bool:
    """Only white space differs (a line broken elsewhere, two spaces for one)."""
    return a.split() == b.split()
