"""Code points (the core's offsets) ↔ UTF-16 units (Qt's text positions).

Python indexes a string by code point; QTextDocument counts UTF-16 units, so
every character outside the BMP (an emoji, some Hanja) shifts Qt positions by
one. Conversion happens here, at the UI boundary, and nowhere else.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class Utf16Map:
    def __init__(self, text: str) -> None:
        # Code point indices of astral characters (two UTF-16 units each).
        self._astral = [m.start() for m in _ASTRAL.finditer(text)] if not text.isascii() else []
        # Their UTF-16 positions, for the reverse direction.
        self._astral_qt = [i + n for n, i in enumerate(self._astral)]

    def to_qt(self, index: int) -> int:
        return index + bisect_left(self._astral, index) if self._astral else index

    def from_qt(self, position: int) -> int:
        if not self._astral:
            return position
        return position - bisect_right(self._astral_qt, position - 1)
