"""Normalise extracted text: NFC, one newline convention, no HTML residue.

Korean reports converted from HWP or web pages carry fragments such as
``<ul style="list-style-type: none">`` inside table cells. We remove markup
tags by name only, so ``<표 2-1>`` captions and ``<https://…>`` links, which an
analyst reads, stay as they are. A tab-separated line is a table row: tags in
it become spaces so the row keeps its cells; elsewhere a block tag ends a
paragraph.
"""

from __future__ import annotations

import re
import unicodedata

_BLOCK_TAGS = r"p|div|ul|ol|li|br|tr|table|tbody|thead|tfoot|h[1-6]|blockquote|section|article|dl|dt|dd|pre"
_INLINE_TAGS = (
    r"span|b|i|u|em|strong|font|sup|sub|a|small|big|code|mark|s|strike|del|ins|img|hr|"
    r"td|th|col|colgroup|caption|center|label|nobr|wbr|o:p"
)
_BLOCK_TAG_RE = re.compile(rf"</?(?:{_BLOCK_TAGS})\b(?:\s[^<>]*)?/?>", re.IGNORECASE)
_INLINE_TAG_RE = re.compile(rf"</?(?:{_INLINE_TAGS})\b(?:\s[^<>]*)?/?>", re.IGNORECASE)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
_ENTITY_RE = re.compile(r"&(?:nbsp|amp|lt|gt|quot|apos|#39|#\d{1,7}|#x[0-9a-fA-F]{1,6});")
_NAMED = {"&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'", "&#39;": "'"}
_SPACES_RE = re.compile(r"[ \u00a0]{2,}")
# Invisible characters that only get in the way of search and offsets.
_INVISIBLE_RE = re.compile("[\ufeff\u200b\u200e\u200f\u2060\u00ad]")
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_NEWLINES_RE = re.compile("\r\n|\r|\u2028|\u2029|\x0b|\x0c|\x85")


def _entity(match: re.Match[str]) -> str:
    token = match.group(0)
    if token in _NAMED:
        return _NAMED[token]
    try:
        if token.startswith("&#x"):
            return chr(int(token[3:-1], 16))
        return chr(int(token[2:-1]))
    except (ValueError, OverflowError):
        return token


def has_markup(line: str) -> bool:
    return bool(_BLOCK_TAG_RE.search(line) or _INLINE_TAG_RE.search(line) or "<!--" in line)


def strip_markup(line: str) -> list[str]:
    """Remove HTML residue from one line; may split a non-table line in several."""
    if "<" not in line and "&" not in line:
        return [line]
    line = _COMMENT_RE.sub("", line)
    is_row = "\t" in line
    line = _INLINE_TAG_RE.sub("", line)
    line = _BLOCK_TAG_RE.sub(" " if is_row else "\n", line)
    line = _ENTITY_RE.sub(_entity, line)
    if is_row:
        cells = [_SPACES_RE.sub(" ", c).strip() for c in line.split("\t")]
        return ["\t".join(cells)]
    pieces = [_SPACES_RE.sub(" ", p).strip() for p in line.split("\n")]
    return [p for p in pieces if p] or [""]


def normalise_newlines(text: str) -> str:
    return _NEWLINES_RE.sub("\n", text)


def normalise_line(line: str) -> list[str]:
    """NFC, no control or invisible characters, no markup, no trailing blanks."""
    line = unicodedata.normalize("NFC", line)
    line = _INVISIBLE_RE.sub("", line)
    line = _CONTROL_RE.sub("", line)
    out = []
    for piece in strip_markup(line):
        piece = piece.rstrip(" \u00a0\u3000")
        if not piece.strip():
            piece = ""
        out.append(piece)
    return out


def normalise_cell(cell: str) -> str:
    """A table cell is one line: inner newlines and tabs become spaces."""
    cell = normalise_newlines(cell).replace("\t", " ").replace("\n", " ")
    return " ".join(" ".join(normalise_line(cell)).split())
