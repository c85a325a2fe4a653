"""The text of one paragraph: a PARA_TEXT record, UTF-16LE with control characters.

Code units below 32 are controls. Some take one unit ("char" controls: line
and paragraph breaks, hyphens, special spaces); the others take eight units
(the code, a 4-byte control id or data, the code again). Of those, "extended"
controls stand for an object described by a CTRL_HEADER record among the
paragraph's children — a table, a drawing, a footnote, a header — one
CTRL_HEADER per extended control, in order; "inline" ones (tab, field end)
have no record.

The objects themselves are read from their records (see :mod:`body`); here
each control becomes the text it stands for: a tab, a space, or nothing.
"""

from __future__ import annotations

import re

# One code unit each.
_CHAR_CONTROLS = frozenset({0, 10, 13, 24, 25, 26, 27, 28, 29, 30, 31})
# Eight code units each, with a CTRL_HEADER record.
EXTENDED_CONTROLS = frozenset({1, 2, 3, 11, 12, 14, 15, 16, 17, 18, 21, 22, 23})
# What the controls that show as text become: line break, hyphen, 묶음 빈칸, 고정폭 빈칸, tab.
_AS_TEXT = {10: " ", 24: "-", 30: " ", 31: " ", 9: "\t"}

_CONTROL_RE = re.compile(r"[\x00-\x1f]")
_LONE_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")


def decode_text(payload: bytes) -> tuple[str, list[tuple[int, int]]]:
    """The paragraph's text, and the code and text offset of each of its
    extended controls, in order (the k-th belongs to the paragraph's k-th
    CTRL_HEADER), so the text an object stands for can be put in its place."""
    raw = payload[: len(payload) - len(payload) % 2].decode("utf-16-le", "surrogatepass")
    if not _CONTROL_RE.search(raw):
        return _clean(raw), []
    pieces: list[str] = []
    extended: list[tuple[int, int]] = []
    length = 0
    pos, n = 0, len(raw)
    search = _CONTROL_RE.search
    while pos < n:
        match = search(raw, pos)
        if match is None:
            pieces.append(_clean(raw[pos:]))
            break
        at = match.start()
        if at > pos:
            piece = _clean(raw[pos:at])
            pieces.append(piece)
            length += len(piece)
        code = ord(raw[at])
        if code in _CHAR_CONTROLS:
            pos = at + 1
        else:
            pos = at + 8
            if code in EXTENDED_CONTROLS:
                extended.append((code, length))
        if code == 13:  # paragraph end: anything after it is not text
            break
        shown = _AS_TEXT.get(code, "")
        pieces.append(shown)
        length += len(shown)
    return "".join(pieces), extended


def _clean(text: str) -> str:
    """Drop half surrogate pairs left by broken text (they cannot be encoded)."""
    return _LONE_SURROGATE_RE.sub("", text)
