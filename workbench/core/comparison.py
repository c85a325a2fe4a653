"""Two versions of a document compared: what the comparison finds, as plain
data that the search-free layers all read — the readers' marks (ui), the
신구조문대비표 writers (export) and the CLI's JSON.

A comparison is a list of aligned pairs of *units* (a paragraph, a heading, a
table row, a list item: what a reader sees as one piece), in reading order.
Each pair is ``equal``, ``changed`` (both sides, some words differ),
``deleted`` (only in the old version) or ``inserted`` (only in the new).
Offsets are code points in each document's stored (NFC) text, like every
other offset in Workbench.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

EQUAL, CHANGED, DELETED, INSERTED = "equal", "changed", "deleted", "inserted"
KINDS = (EQUAL, CHANGED, DELETED, INSERTED)


@dataclass(frozen=True, slots=True)
class Unit:
    """One piece of a document the comparison aligns: its place in the text,
    what it is ("heading", "paragraph", "row", …) and its structural label
    ("제3조", "①", "1.", "가.", or "" when it has none)."""

    start: int
    end: int
    kind: str
    label: str
    text: str

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "kind": self.kind, "label": self.label, "text": self.text}


@dataclass(frozen=True, slots=True)
class WordChange:
    """A run of words that differs between the two sides of a changed pair:
    ``old`` replaced by ``new`` ("0.42달러" → "0.55달러"); one side is empty
    when words were only deleted or only inserted. Spans are offsets in each
    document's text; an empty side has an empty span where it would be."""

    old: str
    new: str
    old_span: tuple[int, int]
    new_span: tuple[int, int]

    def to_json(self) -> dict:
        return {"old": self.old, "new": self.new, "old_start": self.old_span[0], "old_end": self.old_span[1],
                "new_start": self.new_span[0], "new_end": self.new_span[1]}


@dataclass(frozen=True, slots=True)
class Pair:
    kind: str
    old: Unit | None
    new: Unit | None
    changes: tuple[WordChange, ...] = ()

    def to_json(self) -> dict:
        return {"kind": self.kind, "old": self.old.to_json() if self.old else None,
                "new": self.new.to_json() if self.new else None,
                "changes": [c.to_json() for c in self.changes]}

    def old_marks(self) -> list[tuple[int, int]]:
        """What the old pane marks: the whole unit when deleted, else the changed words."""
        if self.kind == DELETED and self.old is not None:
            return [(self.old.start, self.old.end)]
        return [c.old_span for c in self.changes if c.old_span[1] > c.old_span[0]]

    def new_marks(self) -> list[tuple[int, int]]:
        if self.kind == INSERTED and self.new is not None:
            return [(self.new.start, self.new.end)]
        return [c.new_span for c in self.changes if c.new_span[1] > c.new_span[0]]


@dataclass(frozen=True, slots=True)
class Side:
    """Which document a side is: enough to name it in a table or a title bar."""

    doc_id: int
    title: str
    source: str = ""
    date: str = ""


@dataclass(slots=True)
class Comparison:
    old: Side
    new: Side
    pairs: list[Pair] = field(default_factory=list)
    milliseconds: float = 0.0

    def summary(self) -> dict[str, int]:
        """How many units are equal, changed, deleted and inserted, and how
        many word runs changed."""
        out = {kind: 0 for kind in KINDS}
        for pair in self.pairs:
            out[pair.kind] += 1
        out["word_changes"] = sum(len(p.changes) for p in self.pairs)
        return out

    def differences(self) -> list[int]:
        """Indexes of the pairs that are not equal, in reading order (F7 walks them)."""
        return [i for i, p in enumerate(self.pairs) if p.kind != EQUAL]

    def aligned_offset(self, side: str, offset: int) -> int | None:
        """Where ``offset`` in the ``side`` ("old" or "new") version is in the
        other: the same fraction of the aligned unit; for a unit the other
        version lacks, where the next unit it has begins (linked scrolling).
        None when the comparison has no unit on either side."""
        here, there = ("old", "new") if side == "old" else ("new", "old")
        units = [(getattr(p, here), getattr(p, there)) for p in self.pairs if getattr(p, here) is not None]
        if not units:
            return None
        i = max(0, bisect_right([u.start for u, _ in units], offset) - 1)
        unit, other = units[i]
        if other is not None:
            fraction = min(max((offset - unit.start) / max(unit.end - unit.start, 1), 0.0), 1.0)
            return other.start + round(fraction * (other.end - other.start))
        following = next((o for _, o in units[i + 1:] if o is not None), None)
        if following is not None:
            return following.start
        before = next((o for _, o in reversed(units[:i]) if o is not None), None)
        return before.end if before is not None else None

    def to_json(self) -> dict:
        def side(s: Side) -> dict:
            return {"doc_id": s.doc_id, "title": s.title, "source": s.source, "date": s.date}

        return {"old": side(self.old), "new": side(self.new), "summary": self.summary(),
                "milliseconds": round(self.milliseconds, 1), "pairs": [p.to_json() for p in self.pairs]}
