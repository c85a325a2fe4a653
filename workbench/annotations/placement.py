"""Where an imported selection lies in a document's stored text — exactly, or
not at all.

Another tool's positions count characters of *its* copy of the text, and
tools count differently: REFI-QDA means Unicode code points, but tools built
on UTF-16 strings (Java, .NET, JavaScript) count an emoji as two, and some
count a Windows line end (CR LF) as one. Workbench then stores the text
normalised (NFC, one newline convention, no invisible characters, no
trailing blanks), so offsets must also be carried through that change.

Two steps, each refusing rather than guessing:

1. :func:`place_in_source` reads the positions in the file's own text under
   each counting that differs there (code points, UTF-16 units, CR LF as
   one), and picks the one the selection's quote confirms — or, with no
   quote, the one the rest of the file confirmed, else code points as the
   standard says.
2. :class:`OffsetMap` aligns the file's text with the stored text and maps
   a span through it; a boundary inside text that normalisation *replaced*
   (a decomposed Hangul syllable made one) cannot be placed exactly, and the
   span's text must still read the same afterwards (:func:`same_text`).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher

from workbench.corpus.normalise import normalise_line, normalise_newlines

CODE_POINTS, UTF16, CRLF_ONE, CRLF_ONE_UTF16 = "code points", "UTF-16", "CRLF as one", "CRLF as one, UTF-16"
_ELLIPSIS_RE = re.compile(r"(\.\.\.|…)$")


def _key(text: str) -> str:
    """What a reader sees: normalised as ingest does, blanks collapsed."""
    pieces = [p for line in normalise_newlines(text).split("\n") for p in normalise_line(line)]
    return " ".join(" ".join(pieces).split())


def same_text(a: str, b: str) -> bool:
    return _key(a) == _key(b)


def quote_matches(found: str, quote: str) -> bool:
    """The selection's ``name`` confirms ``found``: equal, or its beginning
    when the tool shortened the quote (Workbench writes the first 60)."""
    want = _key(_ELLIPSIS_RE.sub("", quote.strip()))
    have = _key(found)
    return bool(want) and (have == want or (len(want) >= 8 and have.startswith(want)))


def _utf16_to_code_points(text: str, units: int) -> int | None:
    """The code point offset at ``units`` UTF-16 units, None past the end or
    inside a surrogate pair."""
    count = 0
    for i, ch in enumerate(text):
        if count == units:
            return i
        count += 2 if ord(ch) > 0xFFFF else 1
        if count > units:
            return None
    return len(text) if count == units else None


def _crlf_one_to_raw(text: str, position: int) -> int | None:
    """A position counted with every CR LF as one character, in the raw text."""
    raw, seen = 0, 0
    while seen < position:
        if raw >= len(text):
            return None
        raw += 2 if text.startswith("\r\n", raw) else 1
        seen += 1
    return raw


def readings(text: str, start: int, end: int) -> dict[str, tuple[int, int]]:
    """The span under each counting that gives a valid, different span."""
    out: dict[str, tuple[int, int]] = {}
    if 0 <= start < end <= len(text):
        out[CODE_POINTS] = (start, end)
    astral = any(ord(ch) > 0xFFFF for ch in text)
    crlf = "\r\n" in text
    if astral:
        s, e = _utf16_to_code_points(text, start), _utf16_to_code_points(text, end)
        if s is not None and e is not None and s < e and (s, e) not in out.values():
            out[UTF16] = (s, e)
    if crlf:
        s, e = _crlf_one_to_raw(text, start), _crlf_one_to_raw(text, end)
        if s is not None and e is not None and s < e and (s, e) not in out.values():
            out[CRLF_ONE] = (s, e)
        if astral:
            lf = text.replace("\r\n", "\n")
            s16, e16 = _utf16_to_code_points(lf, start), _utf16_to_code_points(lf, end)
            if s16 is not None and e16 is not None:
                s, e = _crlf_one_to_raw(text, s16), _crlf_one_to_raw(text, e16)
                if s is not None and e is not None and s < e and (s, e) not in out.values():
                    out[CRLF_ONE_UTF16] = (s, e)
    return out


@dataclass(slots=True)
class Placed:
    start: int | None  # in the file's text; None when it cannot be placed
    end: int | None
    counting: str = CODE_POINTS
    checked: bool = False  # a quote confirmed it
    reason: tuple[str, str] | None = None  # (English, Korean) when not placed


def place_in_source(text: str, start: int, end: int, quote: str | None, preferred: list[str]) -> Placed:
    """Read ``start``/``end`` in the file's text. ``quote`` is the selection's
    text as the file gives it (None: the file's names are not quotes);
    ``preferred`` orders the countings when no quote decides."""
    found = readings(text, start, end)
    if not found:
        return Placed(None, None, reason=(
            f"positions {start}-{end} are outside the source's text ({len(text)} characters)",
            f"위치 {start}-{end}이(가) 원문({len(text)}자)을 벗어납니다"))
    if quote:
        for counting in sorted(found, key=lambda c: (c not in preferred, preferred.index(c) if c in preferred else 0)):
            s, e = found[counting]
            if quote_matches(text[s:e], quote):
                return Placed(s, e, counting, checked=True)
        return Placed(None, None, reason=(
            f"the text at {start}-{end} is not the selection's quote {quote[:40]!r}",
            f"{start}-{end} 위치의 글이 선택 구간의 인용문 {quote[:40]!r}과(와) 다릅니다"))
    for counting in preferred + [CODE_POINTS, UTF16, CRLF_ONE, CRLF_ONE_UTF16]:
        if counting in found:
            s, e = found[counting]
            return Placed(s, e, counting)
    raise AssertionError("unreachable")  # pragma: no cover


class OffsetMap:
    """Maps offsets in a file's text to offsets in the stored (normalised) text.

    Lines are aligned first (fast; a line equal after normalisation is a
    match), then characters within lines and within changed stretches, so
    a long document costs little more than reading it.
    """

    def __init__(self, raw: str, stored: str) -> None:
        self.identity = raw == stored
        self.raw_len, self.stored_len = len(raw), len(stored)
        self.blocks: list[tuple[int, int, int]] = []  # (raw start, stored start, length)
        self.anchors: dict[int, int] = {}  # exact boundaries around characters NFC joined
        if not self.identity:
            self._align(raw, stored)
        self._starts = [a for a, _, _ in self.blocks]

    def _add(self, a: int, b: int, n: int) -> None:
        if n <= 0:
            return
        if self.blocks:
            pa, pb, pn = self.blocks[-1]
            if pa + pn == a and pb + pn == b:
                self.blocks[-1] = (pa, pb, pn + n)
                return
        self.blocks.append((a, b, n))

    def _chars(self, a_text: str, a0: int, b_text: str, b0: int) -> None:
        if a_text == b_text:
            self._add(a0, b0, len(a_text))
            return
        clusters = _clusters(a_text)
        composed = "".join(piece for _, _, piece in clusters)
        autojunk = len(a_text) * len(b_text) > 4_000_000
        if composed == a_text:
            for i, j, n in SequenceMatcher(None, a_text, b_text, autojunk=autojunk).get_matching_blocks():
                self._add(a0 + i, b0 + j, n)
            return
        # NFC joined some characters (a decomposed Hangul syllable, e + accent): align the
        # composed text, then carry each cluster back; a joined cluster maps at its edges only.
        starts, at = [], 0
        for _, _, piece in clusters:
            starts.append(at)
            at += len(piece)
        for i, j, n in SequenceMatcher(None, composed, b_text, autojunk=autojunk).get_matching_blocks():
            k = bisect_left(starts, i)
            while k < len(clusters) and starts[k] + len(clusters[k][2]) <= i + n:
                raw_start, raw_end, piece = clusters[k]
                b_start = b0 + j + starts[k] - i
                if raw_end - raw_start == len(piece) and a_text[raw_start:raw_end] == piece:
                    self._add(a0 + raw_start, b_start, len(piece))
                else:
                    self.anchors[a0 + raw_start] = b_start
                    self.anchors[a0 + raw_end] = b_start + len(piece)
                k += 1

    def _align(self, raw: str, stored: str) -> None:
        a_lines, b_lines = raw.splitlines(keepends=True), stored.splitlines(keepends=True)
        a_pos, b_pos = _offsets(a_lines), _offsets(b_lines)
        a_keys = ["\n".join(normalise_line(line.rstrip("\r\n"))) for line in a_lines]
        b_keys = [line.rstrip("\n") for line in b_lines]
        matcher = SequenceMatcher(None, a_keys, b_keys)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for i, j in zip(range(i1, i2), range(j1, j2)):
                    self._chars(a_lines[i], a_pos[i], b_lines[j], b_pos[j])
            else:
                self._chars("".join(a_lines[i1:i2]), a_pos[i1], "".join(b_lines[j1:j2]), b_pos[j1])

    def _gap(self, position: int) -> tuple[int, int, int, int]:
        """The unmatched stretch around ``position``: raw [a0, a1) ↔ stored [b0, b1)."""
        k = bisect_right(self._starts, position) - 1
        a0, b0 = (self.blocks[k][0] + self.blocks[k][2], self.blocks[k][1] + self.blocks[k][2]) if k >= 0 else (0, 0)
        if k + 1 < len(self.blocks):
            return a0, self.blocks[k + 1][0], b0, self.blocks[k + 1][1]
        return a0, self.raw_len, b0, self.stored_len

    def start(self, position: int) -> int | None:
        if self.identity:
            return position
        k = bisect_right(self._starts, position) - 1
        if k >= 0 and position < self.blocks[k][0] + self.blocks[k][2]:
            return self.blocks[k][1] + position - self.blocks[k][0]
        return self._snap(position)

    def end(self, position: int) -> int | None:
        if self.identity:
            return position
        k = bisect_left(self._starts, position) - 1
        if k >= 0 and position <= self.blocks[k][0] + self.blocks[k][2]:
            return self.blocks[k][1] + position - self.blocks[k][0]
        return self._snap(position)

    def _snap(self, position: int) -> int | None:
        """A boundary in unmatched text: fine at the stretch's edge, or where the
        stored text has nothing there (only invisible characters, blanks or
        markup were removed); otherwise it cannot be placed exactly."""
        if position in self.anchors:
            return self.anchors[position]
        a0, a1, b0, b1 = self._gap(position)
        if position == a0 or b1 == b0:  # a pure deletion: nothing the stored text shows is skipped over
            return b0
        if position == a1:
            return b1
        return None


def _joins(ch: str) -> bool:
    """A character NFC may join to the one before it: a combining mark, or a
    Hangul medial or final jamo (ᅡ, ᆨ)."""
    code = ord(ch)
    return unicodedata.combining(ch) != 0 or 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FF


def _clusters(text: str) -> list[tuple[int, int, str]]:
    """(start, end, NFC form) of each run a character starts and the marks
    and jamo after it continue."""
    out: list[tuple[int, int, str]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not _joins(text[i]):
            out.append((start, i, unicodedata.normalize("NFC", text[start:i])))
            start = i
    return out


def _offsets(lines: list[str]) -> list[int]:
    out, total = [], 0
    for line in lines:
        out.append(total)
        total += len(line)
    out.append(total)
    return out
