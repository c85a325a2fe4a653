"""Which unit of the old version is which unit of the new: structure first,
text similarity second.

1. Units whose keys (units.key_of: the text, articles' own numbers masked)
   are the same anchor the alignment, as the longest common subsequence of
   the two lists of keys (rapidfuzz's Indel opcodes, in C++).
2. Between two anchors, the old units left over and the new ones are paired
   by a dynamic programme that keeps their order and maximises the summed
   similarity of the pairs it makes (rapidfuzz's normalised Indel similarity
   of the keys, all pairs of a gap at once with ``process.cdist``). Two units
   of different kinds (a heading, a table row) are less alike than their
   words alone say; two articles with the same title (목적) more. Pairs below
   ``THRESHOLD`` are not made: the old unit is deleted, the new inserted.

A big gap (two quite different documents) is paired in a band around its
diagonal, so that the work stays near ``MAX_CELLS`` similarity scores.
"""

from __future__ import annotations

import re

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel

from workbench.compare.units import key_of
from workbench.core.comparison import Unit

THRESHOLD = 0.5
MAX_CELLS = 250_000
_TITLE = re.compile(r"^제#조\s*(\([^)]*\))")


def align(old: list[Unit], new: list[Unit]) -> list[tuple[int | None, int | None]]:
    """(old index, new index) pairs in reading order; None on the side a unit is missing from."""
    old_keys, new_keys = [key_of(u) for u in old], [key_of(u) for u in new]
    out: list[tuple[int | None, int | None]] = []
    gap_old, gap_new = [0, 0], [0, 0]
    for op in Indel.opcodes(old_keys, new_keys):
        if op.tag == "equal":
            out.extend(_pair_gap(old, new, old_keys, new_keys, gap_old, gap_new))
            out.extend(zip(range(op.src_start, op.src_end), range(op.dest_start, op.dest_end)))
            gap_old, gap_new = [op.src_end, op.src_end], [op.dest_end, op.dest_end]
        else:
            gap_old[1], gap_new[1] = op.src_end, op.dest_end
    out.extend(_pair_gap(old, new, old_keys, new_keys, gap_old, gap_new))
    return out


def similarity(old: list[Unit], new: list[Unit], old_keys: list[str], new_keys: list[str]) -> np.ndarray:
    """Similarity 0–1 of every old unit with every new one (rows: old)."""
    scores = process.cdist(old_keys, new_keys, scorer=Indel.normalized_similarity, dtype=np.float32)
    for i, unit in enumerate(old):
        title = _TITLE.match(old_keys[i])
        for j, other in enumerate(new):
            if unit.kind != other.kind and "row" in (unit.kind, other.kind):
                scores[i, j] *= 0.7
            elif title and new_keys[j].startswith("제#조") and _TITLE.match(new_keys[j]) \
                    and _TITLE.match(new_keys[j]).group(1) == title.group(1):
                scores[i, j] = max(scores[i, j], 0.8)  # the same article, its text rewritten
    return scores


def _pair_gap(old, new, old_keys, new_keys, gap_old, gap_new):
    (i1, i2), (j1, j2) = gap_old, gap_new
    if i1 == i2 or j1 == j2:
        return [(i, None) for i in range(i1, i2)] + [(None, j) for j in range(j1, j2)]
    n, m = i2 - i1, j2 - j1
    band = None if n * m <= MAX_CELLS else max(1, MAX_CELLS // (2 * max(n, m)))
    scores = _scores(old[i1:i2], new[j1:j2], old_keys[i1:i2], new_keys[j1:j2], band)
    pairs = _best_pairs(scores, band)
    out: list[tuple[int | None, int | None]] = []
    i, j = 0, 0
    for a, b in pairs:
        out.extend((i1 + k, None) for k in range(i, a))
        out.extend((None, j1 + k) for k in range(j, b))
        out.append((i1 + a, j1 + b))
        i, j = a + 1, b + 1
    out.extend((i1 + k, None) for k in range(i, n))
    out.extend((None, j1 + k) for k in range(j, m))
    return out


def _diagonal(i: int, n: int, m: int) -> int:
    return (i * m) // n


def _scores(old, new, old_keys, new_keys, band: int | None) -> np.ndarray:
    if band is None:
        return similarity(old, new, old_keys, new_keys)
    n, m = len(old), len(new)
    scores = np.zeros((n, m), dtype=np.float32)
    for i in range(n):
        centre = _diagonal(i, n, m)
        lo, hi = max(0, centre - band), min(m, centre + band + 1)
        scores[i, lo:hi] = similarity(old[i:i + 1], new[lo:hi], old_keys[i:i + 1], new_keys[lo:hi])[0]
    return scores


def _best_pairs(scores: np.ndarray, band: int | None) -> list[tuple[int, int]]:
    """The order-keeping set of pairs (score ≥ THRESHOLD) with the largest
    total score: a weighted longest common subsequence."""
    n, m = scores.shape
    best = np.zeros((n + 1, m + 1), dtype=np.float32)
    usable = np.where(scores >= THRESHOLD, scores, -1.0)
    for i in range(1, n + 1):
        row, above, gain = best[i], best[i - 1], usable[i - 1]
        lo, hi = 1, m
        if band is not None:
            centre = _diagonal(i - 1, n, m)
            lo, hi = max(1, centre - band + 1), min(m, centre + band + 1)
            row[:lo] = above[:lo]
        # best[i][j] = max(best[i-1][j], best[i][j-1], best[i-1][j-1] + gain[j-1])
        diagonal = np.where(gain[lo - 1:hi] >= 0, above[lo - 1:hi] + gain[lo - 1:hi], -1.0)
        candidate = np.maximum(above[lo:hi + 1], diagonal)
        candidate[0] = max(candidate[0], row[lo - 1])
        row[lo:hi + 1] = np.maximum.accumulate(candidate)  # best[i][j-1] carried along the row
        if hi < m:
            row[hi + 1:] = np.maximum(above[hi + 1:], row[hi])
    pairs = []
    i, j = n, m
    while i > 0 and j > 0:
        if best[i, j] == best[i - 1, j]:
            i -= 1
        elif best[i, j] == best[i, j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    pairs.reverse()
    return pairs
