"""Find every occurrence of a needle in a text, ignoring case, with offsets
into the original text.

``str.casefold()`` can change a text's length (ß → ss, ﬁ → fi, İ → i̇), so
offsets found in the folded text are not offsets in the original: "Straße …
Ministerium" would mark "inisterium." one character late. When folding keeps
the length (almost always) the offsets are the same; otherwise a map from
folded positions back to original characters is built.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right


def find_all(text: str, needle: str, limit: int = 10_000) -> list[tuple[int, int]]:
    """(start, end) code-point offsets in ``text`` of case-insensitive matches of ``needle``."""
    needle = unicodedata.normalize("NFC", needle).casefold()
    if not needle:
        return []
    folded = text.casefold()
    same_length = len(folded) == len(text)
    starts: list[int] = []  # where each original character begins in ``folded``
    if not same_length:
        position = 0
        for ch in text:
            starts.append(position)
            position += len(ch.casefold())
    out: list[tuple[int, int]] = []
    pos = folded.find(needle)
    while pos != -1 and len(out) < limit:
        end = pos + len(needle)
        if same_length:
            out.append((pos, end))
        else:
            # The original characters whose folded forms cover [pos, end).
            first = bisect_right(starts, pos) - 1
            last = bisect_right(starts, end - 1) - 1
            out.append((first, last + 1))
        pos = folded.find(needle, pos + 1)
    return out
