"""Split a document into passages: the units the index holds and hits point to.

A passage is a run of blocks of the same section, about 1-2K characters, so
a hit in an 840 KB report lands on the paragraph that matters. A heading opens
a new passage (and belongs to it); a table is a passage of its own; a block
longer than the limit is cut at sentence ends. Tables of contents and junk
lines (image file names) are left out: they would only echo the headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.core.models import Block, BlockKind

TARGET_CHARS = 1200
MAX_CHARS = 2000
_SENTENCE_END_RE = re.compile(r"(?<=[.!?。])\s+|(?<=다\.)\s*|\n")


@dataclass(frozen=True, slots=True)
class Passage:
    seq: int
    start: int
    end: int
    section: str


def _split_long(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """Cut [start, end) at sentence boundaries into pieces of at most MAX_CHARS."""
    pieces: list[tuple[int, int]] = []
    cut_points = [m.end() for m in _SENTENCE_END_RE.finditer(text, start, end)]
    piece_start = start
    last_ok = None
    for point in cut_points + [end]:
        if point - piece_start > TARGET_CHARS and last_ok is not None:
            pieces.append((piece_start, last_ok))
            piece_start = last_ok
        if point - piece_start > MAX_CHARS:
            # No sentence end in reach: cut hard, at a space if there is one.
            while point - piece_start > MAX_CHARS:
                hard = text.rfind(" ", piece_start + TARGET_CHARS, piece_start + MAX_CHARS)
                hard = hard + 1 if hard > piece_start else piece_start + MAX_CHARS
                pieces.append((piece_start, hard))
                piece_start = hard
        last_ok = point
    if piece_start < end:
        pieces.append((piece_start, end))
    # Trim whitespace at the edges so offsets point at text.
    out = []
    for a, b in pieces:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def make_passages(text: str, blocks: list[Block]) -> list[Passage]:
    spans: list[tuple[int, int, str]] = []
    current: list[Block] = []

    def flush() -> None:
        if current:
            a, b = current[0].start, current[-1].end
            for x, y in _split_long(a, b, text) if b - a > MAX_CHARS else [(a, b)]:
                spans.append((x, y, current[0].section))
            current.clear()

    for block in blocks:
        if block.kind is BlockKind.TOC or block.meta.get("junk"):
            continue
        if current:
            prev = current[-1]
            size = prev.end - current[0].start
            starts_new = (
                block.kind in (BlockKind.HEADING, BlockKind.TITLE, BlockKind.TABLE)
                or prev.kind is BlockKind.TABLE
                or block.section_path != prev.section_path
                or size + (block.end - block.start) > TARGET_CHARS
            )
            # A heading stays with the first text of its section.
            heading_then_body = prev.kind is BlockKind.HEADING and block.kind not in (
                BlockKind.HEADING, BlockKind.TITLE, BlockKind.TABLE)
            if starts_new and not heading_then_body:
                flush()
        current.append(block)
    flush()
    return [Passage(i, a, b, section) for i, (a, b, section) in enumerate(spans)]
