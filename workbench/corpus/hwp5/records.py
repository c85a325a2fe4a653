"""HWP 5.0 record streams, read into flat arrays.

``DocInfo`` and every ``BodyText/Section{n}`` stream is a sequence of records,
each a 32-bit header — tag id (10 bits), level (10 bits), size (12 bits; 0xFFF
means a uint32 size follows) — and its payload. The level makes a tree: a
record's children are the records after it with a deeper level (a table's
cells under its control header, a cell's paragraphs under those).

The sections of a long report hold hundreds of thousands of records, so they
are kept as parallel lists of integers instead of one object per record, and
the tree is an index: ``ends[i]`` is the index just past record ``i``'s last
descendant. Walking children is then ``j = i + 1; … j = ends[j]``.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass, field

HWPTAG_BEGIN = 0x10
# DocInfo
TAG_DOCUMENT_PROPERTIES = HWPTAG_BEGIN + 0
TAG_PARA_SHAPE = HWPTAG_BEGIN + 9
TAG_STYLE = HWPTAG_BEGIN + 10
TAG_DISTRIBUTE_DOC_DATA = HWPTAG_BEGIN + 12
# BodyText
TAG_PARA_HEADER = HWPTAG_BEGIN + 50
TAG_PARA_TEXT = HWPTAG_BEGIN + 51
TAG_CTRL_HEADER = HWPTAG_BEGIN + 55
TAG_LIST_HEADER = HWPTAG_BEGIN + 56
TAG_SHAPE_COMPONENT = HWPTAG_BEGIN + 60
TAG_TABLE = HWPTAG_BEGIN + 61

_U32 = struct.Struct("<I")


@dataclass(slots=True)
class Records:
    """The records of one stream: tag, level and payload span of each, and the tree index."""

    data: bytes
    tags: list[int] = field(default_factory=list)
    levels: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    truncated: bool = False  # the stream stopped in the middle of a record

    def __len__(self) -> int:
        return len(self.tags)

    def payload(self, i: int) -> bytes:
        start = self.starts[i]
        return self.data[start:start + self.sizes[i]]

    def children(self, i: int) -> Iterator[int]:
        """Indices of record ``i``'s direct children, in order."""
        j, stop, ends = i + 1, self.ends[i], self.ends
        while j < stop:
            yield j
            j = ends[j]

    def top(self) -> Iterator[int]:
        """Indices of the records that are nobody's child."""
        j, ends = 0, self.ends
        while j < len(ends):
            yield j
            j = ends[j]


def parse_records(data: bytes, offset: int = 0) -> Records:
    """Split ``data`` into records from ``offset`` on. A record cut off by the
    end of the stream ends the list and sets ``truncated``; what came before stays."""
    records = Records(data)
    tags, levels, starts, sizes = records.tags, records.levels, records.starts, records.sizes
    unpack = _U32.unpack_from
    pos, n = offset, len(data)
    while pos < n:
        if pos + 4 > n:
            records.truncated = True
            break
        (header,) = unpack(data, pos)
        pos += 4
        size = header >> 20
        if size == 0xFFF:
            if pos + 4 > n:
                records.truncated = True
                break
            (size,) = unpack(data, pos)
            pos += 4
        if pos + size > n:
            records.truncated = True
            break
        tags.append(header & 0x3FF)
        levels.append((header >> 10) & 0x3FF)
        starts.append(pos)
        sizes.append(size)
        pos += size
    records.ends = _subtree_ends(levels)
    return records


def _subtree_ends(levels: list[int]) -> list[int]:
    """For each record, the index just past its last descendant (a deeper-level follower)."""
    count = len(levels)
    ends = [count] * count
    stack: list[int] = []
    for i, level in enumerate(levels):
        while stack and levels[stack[-1]] >= level:
            ends[stack.pop()] = i
        stack.append(i)
    return ends
