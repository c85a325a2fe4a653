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
