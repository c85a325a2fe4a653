"""Find every occurrence of a needle in a text, ignoring case, with offsets
into the original text.

``str.casefold()`` can change a text's length (ß → ss, ﬁ → fi, İ → i̇), so
offsets found in the folded text are not offsets in the original: "Straße …
Ministerium" would mark "inisterium." one character late. When folding keeps
the length (almost always) the offsets are the same; otherwise a map from
folded positions back to original characters is built.

:class:`Finder` is find-as-you-type over one document: the 423K-character
report is folded once, not on every keystroke, and a needle that grows by a
letter only narrows the matches already found.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field


def find_all(text: str, needle: str, limit: int = 10_000) -> list[tuple[int, int]]:
    """(start, end) code-point offsets in ``text`` of case-insensitive matches of ``needle``."""
    needle = unicodedata.normalize("NFC", needle).casefold()
    if not needle:
        return []
    folded = text.casefold()
    same_length = len(folded) == len(text)
    starts: dict[int, int] = {}  # folded position where an original character begins -> its index
    if not same_length:
        position = 0
        for i, ch in enumerate(text):
            starts[position] = i
            position += len(ch.casefold())
        starts[position] = len(text)
    out: list[tuple[int, int]] = []
    pos = folded.find(needle)
    while pos != -1 and len(out) < limit:
        end = pos + len(needle)
        if same_length:
            out.append((pos, end))
        elif pos in starts and end in starts:
            # Only whole original characters match: "s" is not half of "ß",
            # and "ß" (folded "ss") is not found across the ends of two "ß".
            out.append((starts[pos], starts[end]))
        pos = folded.find(needle, pos + 1)
    return out


def _fold(needle: str) -> str:
    return unicodedata.normalize("NFC", needle).casefold()


def _can_overlap(needle: str) -> bool:
    """Whether two matches can overlap ("aa" in "aaa"): the needle begins with its own ending."""
    return any(needle[:k] == needle[-k:] for k in range(1, len(needle)))


@dataclass(frozen=True, slots=True)
class Matches:
    """Where a needle matched, as sorted start offsets (code points) and either
    one length for all (``ends`` None: folding kept the text's length) or an
    end per match. Kept as two lists of ints, not tuples: a space in the
    report matches 80,000 times."""

    starts: list[int] = field(default_factory=list)
    length: int = 0
    ends: list[int] | None = None

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i: int) -> tuple[int, int]:
        a = self.starts[i]
        return a, (a + self.length if self.ends is None else self.ends[i])

    def pairs(self) -> list[tuple[int, int]]:
        return [self[i] for i in range(len(self))]

    def between(self, first: int, last: int) -> list[tuple[int, int]]:
        """The matches overlapping [first, last)."""
        if self.ends is None:
            i = bisect_left(self.starts, first - self.length + 1)
        else:
            i = bisect_left(self.ends, first + 1)
        out = []
        while i < len(self.starts) and self.starts[i] < last:
            out.append(self[i])
            i += 1
        return out

    def first_from(self, offset: int) -> int:
        """Index of the first match starting at or after ``offset``, wrapping to
        the first one; -1 when there is none."""
        if not self.starts:
            return -1
        i = bisect_left(self.starts, offset)
        return i if i < len(self.starts) else 0


class Finder:
    """Case-insensitive matches of a changing needle in one text, all of them
    (the reader draws only those on screen)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None
        self._needle = ""  # the folded needle of ``matches``
        self.matches = Matches()

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = self.text.casefold()
        return self._folded

    def find(self, needle: str) -> Matches:
        """Every match of ``needle``, in order."""
        folded_needle, folded = _fold(needle), self.folded
        size = len(folded_needle)
        if not folded_needle:
            self.matches = Matches()
        elif len(folded) != len(self.text):  # folding changed lengths: map back to the original
            pairs = find_all(self.text, needle, limit=len(folded) + 1)
            self.matches = Matches([a for a, _ in pairs], 0, [b for _, b in pairs])
        elif self._needle and folded_needle.startswith(self._needle):
            # Every match of the longer needle starts where the shorter one matched.
            self.matches = Matches([a for a in self.matches.starts if folded.startswith(folded_needle, a)], size)
        else:
            escaped = re.escape(folded_needle)
            # A lookahead finds overlapping matches too, but tries every position: only when needed.
            pattern = re.compile(f"(?={escaped})" if _can_overlap(folded_needle) else escaped)
            self.matches = Matches([m.start() for m in pattern.finditer(folded)], size)
        self._needle = folded_needle
        return self.matches
