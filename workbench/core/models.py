"""The document model every layer shares.

Offsets are Python ``str`` indices (code points) into the NFC-normalised
document text. ``text[block.start:block.end]`` is always the block's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class BlockKind(StrEnum):
    TITLE = "title"
    HEADING = "heading"
    TOC = "toc"  # a table-of-contents line: kept apart from the body's headings
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"
    CAPTION = "caption"  # <표 2-1> …, [그림 3-10] …
    FOOTNOTE = "footnote"
    SOURCE = "source"  # 출처: …, (<https://…>) — where a figure or table came from


SECTION_SEPARATOR = " › "

# The entity types, in the order menus and legends list them. Search (the
# type: filter) and entities (the EntityType enum) both read this one list.
ENTITY_TYPES = ("PERSON", "ORG", "LOCATION", "DATE", "MONEY", "PERCENT", "QUANTITY", "PRODUCT", "LAW")


@dataclass(slots=True)
class Block:
    kind: BlockKind
    start: int
    end: int
    level: int = 0  # heading level (1 = chapter); 0 for other kinds
    section_path: list[str] = field(default_factory=list)
    # table blocks: {"rows": [[cell, …], …]}; captions: {"label": "표 2-1"}
    meta: dict[str, Any] = field(default_factory=dict)
    seq: int = 0

    @property
    def section(self) -> str:
        return SECTION_SEPARATOR.join(self.section_path)


@dataclass(slots=True)
class ExtractedDocument:
    """What the corpus layer hands to the store: normalised text and structure."""

    text: str
    blocks: list[Block]
    title: str
    format: str
    encoding: str | None = None
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (English, Korean), for the ingest report
    metadata: dict[str, str] = field(default_factory=dict)  # what the file says about itself
    extraction: str = ""  # how the text was obtained when not from a text layer ("ocr")


@dataclass(slots=True)
class DocumentInfo:
    id: int
    source: str
    title: str
    format: str
    size_bytes: int
    chars: int
    blocks: int
    sections: int
    file_sha256: str
    text_sha256: str
    encoding: str | None
    ingested_at: str
    updated_at: str
    missing: bool = False
    entities_sha: str = ""
    metadata: dict[str, str] = field(default_factory=dict)  # from the file: title, author, dates…
    extraction: str = ""  # "ocr" when the text was recognised from page images

    @property
    def file_name(self) -> str:
        return self.source.replace("\\", "/").rsplit("/", 1)[-1]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "format": self.format,
            "size_bytes": self.size_bytes,
            "chars": self.chars,
            "blocks": self.blocks,
            "sections": self.sections,
            "sha256": self.file_sha256,
            "text_sha256": self.text_sha256,
            "encoding": self.encoding,
            "ingested_at": self.ingested_at,
            "updated_at": self.updated_at,
            "missing": self.missing,
            "file_name": self.file_name,
            "metadata": self.metadata,
            "extraction": self.extraction,
        }
