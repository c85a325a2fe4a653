"""Our own reader of HWP 5.0, the binary format of Hangul (한글) 2002–2020.

Libraries that only give plain text flatten every table cell into a line of
its own and refuse 배포용 (distribution) documents, which are most of what
ministries publish for download. This package reads the records themselves
and keeps the structure: paragraphs, outline headings, tables of cells (that
hold paragraphs and tables again), footnotes, text boxes.

- :mod:`records` splits a stream into records and indexes their tree;
- :mod:`container` opens the OLE file, reads FileHeader flags and DocInfo
  styles, inflates streams within a size budget;
- :mod:`distribution` decrypts the ``ViewText`` sections of 배포용 documents;
- :mod:`paratext` decodes a paragraph's text and its control characters;
- :mod:`body` turns a section's records into :mod:`workbench.corpus.doctree` nodes;
- :mod:`summary` reads title, author and dates from the summary stream.

Failures raise :class:`Hwp5Error` with a code the reader turns into a
:class:`~workbench.core.errors.ReadError`. The tree is built recursively (a
table in a cell in a table…); a crafted file nested hundreds deep raises
``RecursionError``, which the reader reports as damage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.corpus.doctree import Node, Para
from workbench.corpus.hwp5 import container as _container
from workbench.corpus.hwp5.body import section_nodes
from workbench.corpus.hwp5.container import MAX_INFLATED, Container, Hwp5Error, damaged, cut_warning
from workbench.corpus.hwp5.records import parse_records
from workbench.corpus.hwp5.summary import parse_summary

__all__ = ["Hwp5Document", "Hwp5Error", "MAX_INFLATED", "read_document"]


@dataclass(slots=True)
class Hwp5Document:
    nodes: list[Node]
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (English, Korean)


def read_document(data: bytes, max_inflated: int | None = None) -> Hwp5Document:
    """The document tree and metadata of an HWP 5.0 file. Raises :class:`Hwp5Error`.
    ``max_inflated`` bounds the inflated size of all streams (default :data:`container.MAX_INFLATED`)."""
    container = Container(data, _container.MAX_INFLATED if max_inflated is None else max_inflated)
    try:
        container.check_protection()
        summary = container.summary()
        metadata = parse_summary(summary) if summary else {}
        styles = container.styles()
        nodes: list[Node] = []
        for name, stream in container.sections():
            records = parse_records(stream)
            if records.truncated and cut_warning(name) not in container.warnings:
                container.warnings.append(cut_warning(name))
            if (warning := _garbled(name, records, len(stream))) is not None:
                container.warnings.append(warning)
            nodes.extend(section_nodes(records, styles))
    finally:
        container.close()
    if container.warnings and not any(_has_text(node) for node in nodes):
        raise damaged("the text breaks off before its first paragraph", "본문이 첫 문단 전에 끊겼습니다")
    return Hwp5Document(nodes, metadata, container.warnings)


# Record tags start at HWPTAG_BEGIN (0x10); a tag below it is not an HWP record.
_HWPTAG_BEGIN = 0x10


def _garbled(name: str, records, size: int) -> tuple[str, str] | None:
    """A warning when most of a section's bytes are not HWP records. A section
    replaced by a valid deflate stream of zeros read as thousands of empty
    "records" and the document was added with 383 of its 20,091 characters,
    without a word."""
    if size < 1024:
        return None
    bad = sum(4 + records.sizes[i] for i, tag in enumerate(records.tags) if tag < _HWPTAG_BEGIN)
    if bad * 2 < size:
        return None
    section = name.rsplit("/", 1)[-1]
    return (f"{section} is damaged: {bad:,} of its {size:,} bytes are not HWP records, so its text is missing "
            "or incomplete; open the file in Hangul and save it again",
            f"{section} 구역이 손상되었습니다: {size:,}바이트 중 {bad:,}바이트가 HWP 레코드가 아니어서 본문이 "
            "빠졌거나 일부만 읽혔습니다. 한글에서 열어 다시 저장하세요")


def _has_text(node: Node) -> bool:
    if isinstance(node, Para):
        return bool(node.text.strip()) or any(map(_has_text, node.tables)) or any(
            _has_text(child) for note in node.notes for child in note.children)
    return any(_has_text(child) for cell in node.cells for child in cell.children)
