"""The rows of a briefing table, as plain data the writers turn into files."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from workbench.export.words import KOREAN, is_korean


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
    created: datetime | None = None  # local time, zone attached (services.export)
    modified: datetime | None = None
    status: str = "anchored"
    coder: str = ""  # who tagged it (an imported passage keeps its tool's user)

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
    # The analyst's language ("en" or "ko"): the rows are built in it (services.export)
    # and the writers name sheets, headers and pages in it.
    language: str = "en"


COLUMNS = {
    "number": "No.", "title": "Document", "source": "Source file", "section": "Section", "location": "Location",
    "text": "Passage", "tags": "Tags", "note": "Note", "entities": "Entities", "created": "Created",
    "modified": "Modified", "coder": "Coded by",
}
COLUMNS_KO = {key: KOREAN[label] for key, label in COLUMNS.items()}
DEFAULT_COLUMNS = list(COLUMNS)
TIME_COLUMNS = ("created", "modified")


def column_labels(language: str = "en") -> dict[str, str]:
    """Column headers in the analyst's language (the window's, or the CLI's locale)."""
    return dict(COLUMNS_KO if is_korean(language) else COLUMNS)


def zone_label(moments) -> str:
    """The time zone the (local, zone-aware) times are written in, for a
    header: "KST, UTC+09:00". A column that spans a daylight-saving change
    names both: "CET/CEST, UTC+01:00/+02:00". With no times, the zone now."""
    zones = sorted({(m.tzname() or "", m.utcoffset()) for m in moments if m is not None and m.tzinfo is not None},
                   key=lambda z: z[1])
    if not zones:
        now = datetime.now().astimezone()
        zones = [(now.tzname() or "", now.utcoffset())]

    def offset(delta) -> str:
        minutes = int(delta.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"

    # A zone without an abbreviation reports "+09" or "UTC-03:30": the offset says it already.
    names = "/".join(dict.fromkeys(name for name, _ in zones if name and not any(c.isdigit() for c in name)))
    offsets = "UTC" + "/".join(offset(delta) for _, delta in zones)
    if offsets == "UTC+00:00" and names in ("", "UTC", "GMT"):
        return "UTC"
    return f"{names}, {offsets}" if names else offsets


def cell_value(row: PassageRow, key: str):
    if key == "tags":
        return ", ".join(row.tags)
    if key == "entities":
        return row.entities_text()
    return getattr(row, key)
