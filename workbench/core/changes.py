"""What a write changed, so every view can decide for itself whether to refresh.

Learned from Anki's ``OpChanges``: a writing service returns a small value that
names the kinds of data it touched (and, where cheap, which documents or
annotations), and the UI broadcasts it once. A reader pane asks "did my
document's text change?", the codebook "did the codebook change?" — nothing
calls another widget's refresh by hand, and nothing is forgotten.

``Outcome`` pairs a service's own return value with its ``Changes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Changes:
    documents_added: frozenset[int] = frozenset()
    documents_removed: frozenset[int] = frozenset()  # gone, or marked missing
    documents_text: frozenset[int] = frozenset()  # text (and structure) replaced
    documents_meta: frozenset[int] = frozenset()  # title, flags or metadata only
    annotations: frozenset[int] = frozenset()  # ids created, edited, moved or deleted
    annotation_docs: frozenset[int] = frozenset()  # documents whose annotations changed
    entities: frozenset[int] = frozenset()  # documents whose mentions changed
    codebook: bool = False
    aliases: bool = False
    index: bool = False  # the search index was written
    memos: bool = False  # a journal entry, document memo or tag memo was written or deleted

    def __or__(self, other: "Changes") -> "Changes":
        values = {}
        for f in fields(self):
            a, b = getattr(self, f.name), getattr(other, f.name)
            values[f.name] = (a or b) if isinstance(a, bool) else a | b
        return Changes(**values)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    @property
    def documents(self) -> frozenset[int]:
        """Every document added, removed, with new text or new metadata."""
        return self.documents_added | self.documents_removed | self.documents_text | self.documents_meta

    def touches_document(self, doc_id: int | None) -> bool:
        """True if what a reader shows of ``doc_id`` (text, entities, tags) may be stale."""
        if doc_id is None:
            return False
        return (doc_id in self.documents_text or doc_id in self.entities or doc_id in self.annotation_docs
                or self.codebook)

    @property
    def searchable(self) -> bool:
        """True if the search index may now be behind the database."""
        return bool(self.documents_added or self.documents_text or self.entities or self.aliases)

    def to_json(self) -> dict:
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = sorted(value) if isinstance(value, frozenset) else value
        return out

    @classmethod
    def of(cls, **values) -> "Changes":
        """Build from plain iterables: ``Changes.of(annotations=[3], annotation_docs=[1])``."""
        return cls(**{k: (frozenset(v) if not isinstance(v, bool) else v) for k, v in values.items()})


NOTHING = Changes()


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """A writing service's result and what it changed."""

    value: T
    changes: Changes = field(default=NOTHING)
