"""How much of an independent extractor's text ours contains.

Whitespace and line breaks differ between extractors (a PDF line break, a
cell separator), so both texts are compared as multisets of character
bigrams with all whitespace removed: the share of the reference's bigrams
found in ours. The reference's bigrams are taken within each of its lines
(a paragraph, a cell): where one extractor puts a table cell's footnote
after the cell and another after the table, the pair of characters that
spans the two is an artefact, not text anyone lost. Order inside a line
does not matter much to an analyst's search; missing text does, and this
measures exactly that.
"""

from __future__ import annotations

import unicodedata
from collections import Counter


def _bigrams(text: str) -> Counter:
    compact = "".join(unicodedata.normalize("NFC", text).split())
    return Counter(compact[i:i + 2] for i in range(len(compact) - 1))


def coverage(ours: str, reference: str) -> float:
    """Share (0-1) of the reference text's character bigrams that ours holds."""
    ref: Counter = Counter()
    for line in reference.splitlines():
        ref.update(_bigrams(line))
    if not ref:
        return 1.0
    mine = _bigrams(ours)
    return sum(min(n, mine[g]) for g, n in ref.items()) / sum(ref.values())


def missing(ours: str, reference: str, context: int = 0) -> list[str]:
    """Reference lines none of whose text appears in ours (for failure messages)."""
    compact = "".join(unicodedata.normalize("NFC", ours).split())
    out = []
    for line in reference.splitlines():
        key = "".join(unicodedata.normalize("NFC", line).split())
        if key and key not in compact:
            out.append(line)
    return out


def _compact(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split())


def in_order(ours: str, reference: str) -> float:
    """Share (0-1) of the reference's text that ours holds *in the reference's
    order*: each reference line (a paragraph, a cell) is looked up in our
    whitespace-free text — the occurrence nearest after the previous line's —
    and the longest run of lines whose places increase, weighted by length,
    is what reads in order. A nested table lifted out of its cell and put
    after the outer table is found, but out of order: it counts as lost.
    Lines of fewer than 4 characters (a bullet, a number) are too ambiguous
    to place and are left out of both sides of the share."""
    from bisect import bisect_left

    text = _compact(ours)
    places: list[tuple[int, int]] = []  # (position in ours, weight)
    total = 0
    cursor = 0
    for line in reference.splitlines():
        key = _compact(line)
        if len(key) < 4:
            continue
        total += len(key)
        at = text.find(key, cursor)
        if at < 0:
            at = text.find(key)
        if at < 0:
            continue
        places.append((at, len(key)))
        cursor = at + len(key)
    if not total:
        return 1.0
    # Heaviest strictly increasing subsequence of positions (patience-style with weights).
    best_ends: list[int] = []  # positions, increasing
    best_weights: list[int] = []  # best total weight of a run ending at or below that position
    for position, weight in places:
        i = bisect_left(best_ends, position)
        value = weight + (best_weights[i - 1] if i else 0)
        # keep the frontier: a run ending at ``position`` with ``value``
        if i < len(best_ends) and best_ends[i] == position:
            best_weights[i] = max(best_weights[i], value)
        else:
            best_ends.insert(i, position)
            best_weights.insert(i, value)
        # later (higher) positions with no more weight are dominated
        j = i + 1
        while j < len(best_ends) and best_weights[j] <= best_weights[i]:
            del best_ends[j], best_weights[j]
    return (best_weights[-1] if best_weights else 0) / total


def five_grams(ours: str, reference: str, n: int = 5) -> float:
    """Share (0-1) of the reference lines' character n-grams (whitespace
    removed, taken within each line) that ours holds: stricter than
    :func:`coverage` about words run together or split across columns."""
    ref: Counter = Counter()
    for line in reference.splitlines():
        key = _compact(line)
        ref.update(key[i:i + n] for i in range(len(key) - n + 1))
    if not ref:
        return 1.0
    text = _compact(ours)
    mine = Counter(text[i:i + n] for i in range(len(text) - n + 1))
    return sum(min(c, mine[g]) for g, c in ref.items()) / sum(ref.values())
