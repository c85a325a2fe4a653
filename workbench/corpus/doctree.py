"""What the structured readers (HWP 5.0, HWPX) see in a document — paragraphs,
tables of cells that hold paragraphs and further tables, footnotes — and how
that tree becomes the flat list of parts :func:`structure.build` assembles.

Flattening rules, chosen for Korean government documents:

- A table of one cell is a box (박스: an annex, a summary, "정부혁신 4대 추진전략"):
  its content is read in the flow, paragraphs and tables alike, not hidden in
  a one-cell table.
- A table of several cells becomes a table block: a grid of its rows and
  columns (a merged cell's text at its top-left, the cells it covers empty).
  A cell's own paragraphs are its text; a table nested in a cell follows the
  outer table as a table block of its own, so nothing inside is lost and
  nothing is indexed twice.
- A paragraph with an outline level (개요 1–7 style, or outline numbering) is
  a heading of that level; other paragraphs go to the line classifier, which
  knows 제N장, □ and 가. headings.
- Footnotes and endnotes follow the paragraph they belong to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.core.models import BlockKind
from workbench.corpus.structure import RawPart


@dataclass(slots=True)
class Para:
    text: str
    outline_level: int = 0  # 1-7 for an outline (개요) paragraph, else 0
    notes: list["Note"] = field(default_factory=list)  # footnotes/endnotes anchored in it
    tables: list["Table"] = field(default_factory=list)  # tables anchored in it, in order


@dataclass(slots=True)
class Cell:
    row: int
    col: int
    children: list["Node"] = field(default_factory=list)
    row_span: int = 1
    col_span: int = 1


@dataclass(slots=True)
class Table:
    rows: int
    cols: int
    cells: list[Cell] = field(default_factory=list)


@dataclass(slots=True)
class Note:
    children: list["Node"] = field(default_factory=list)
    kind: str = "footnote"  # or "endnote"


Node = Para | Table


def flatten(nodes: list[Node]) -> list[RawPart]:
    """The reader's parts for :func:`workbench.corpus.structure.build`."""
    parts: list[RawPart] = []
    _flatten(nodes, parts, depth=0)
    return parts


def _flatten(nodes: list[Node], parts: list[RawPart], depth: int) -> None:
    for node in nodes:
        if isinstance(node, Para):
            _para(node, parts, depth)
        else:
            _table(node, parts, depth)


def _para(para: Para, parts: list[RawPart], depth: int) -> None:
    text = para.text.replace("\t", " ")
    if text.strip():
        if para.outline_level:
            parts.append(RawPart(text, BlockKind.HEADING, para.outline_level))
        else:
            parts.append(RawPart(text))  # the line classifier decides: heading, list item, paragraph…
    for table in para.tables:
        _table(table, parts, depth)
    for note in para.notes:
        body = " ".join(" ".join(n.text.split()) for n in _paragraphs(note.children)).strip()
        if body:
            parts.append(RawPart(body, BlockKind.FOOTNOTE, meta={"note": note.kind}))


def _paragraphs(nodes: list[Node]):
    for node in nodes:
        if isinstance(node, Para):
            yield node
        else:
            for cell in node.cells:
                yield from _paragraphs(cell.children)


def _table(table: Table, parts: list[RawPart], depth: int) -> None:
    if len(table.cells) == 1:  # a box: its content belongs to the flow
        parts.append(RawPart(""))
        _flatten(table.cells[0].children, parts, depth)
        parts.append(RawPart(""))
        return
    rows = max(table.rows, max((c.row + c.row_span for c in table.cells), default=0))
    cols = max(table.cols, max((c.col + c.col_span for c in table.cells), default=0))
    grid = [["" for _ in range(cols)] for _ in range(rows)]
    nested: list[Table] = []
    notes: list[Note] = []
    for cell in table.cells:
        texts = []
        for child in cell.children:
            if isinstance(child, Para):
                texts.append(" ".join(child.text.split()))
                nested.extend(child.tables)
                notes.extend(child.notes)
            else:
                nested.append(child)
        if 0 <= cell.row < rows and 0 <= cell.col < cols:
            grid[cell.row][cell.col] = " ".join(t for t in texts if t)
    parts.append(RawPart(rows=grid, meta={"nested": depth} if depth else {}))
    for inner in nested:
        _table(inner, parts, depth + 1)
    for note in notes:
        _para(Para("", notes=[note]), parts, depth)
