"""The rows of a briefing table, as plain data the writers turn into files."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(slots=True)
class PassageRow:
    number: int
    doc_id: int
    title: str
    source: str
    section: str
    location: str  # "p. 3 · chars 1200-1260" or "chars 1200-1260"
    start: int
    end: int
    text: str
    tags: list[str]
    top_tags: list[str]  # the top-level tag of each tag, for the per-tag sheets
    note: str
    entities: dict[str, list[str]] = field(default_factory=dict)  # type → canonical names
    created: datetime | None = None
    modified: datetime | None = None
    status: str = "anchored"

    def entities_text(self) -> str:
        return "; ".join(f"{kind}: {', '.join(names)}" for kind, names in sorted(self.entities.items()))


@dataclass(slots=True)
class SourceRow:
    doc_id: int
    title: str
    source: str
    format: str
    ingested: datetime | None
    sha256: str
    # The document's effective metadata (the analyst's correction, else the file's or the text's).
    date: str = ""  # ISO, of any precision: 2024, 2024-03, 2024-03-05
    publisher: str = ""
    author: str = ""
    url: str = ""
    doc_type: str = ""  # a label ("Press release") or the analyst's own word


@dataclass(slots=True)
class EntityRow:
    type: str
    canonical: str
    mentions: int
    documents: list[str]


@dataclass(slots=True)
class Briefing:
    title: str
    passages: list[PassageRow]
    sources: list[SourceRow]
    entities: list[EntityRow]
    author: str = "Workbench"


COLUMNS = {
    "number": "No.", "title": "Document", "source": "Source file", "section": "Section", "location": "Location",
    "text": "Passage", "tags": "Tags", "note": "Note", "entities": "Entities", "created": "Created",
    "modified": "Modified",
}
DEFAULT_COLUMNS = list(COLUMNS)


def cell_value(row: PassageRow, key: str):
    if key == "tags":
        return ", ".join(row.tags)
    if key == "entities":
        return row.entities_text()
    return getattr(row, key)
