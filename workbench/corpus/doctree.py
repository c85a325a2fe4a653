"""What the structured readers (HWP 5.0, HWPX) see in a document — paragraphs,
tables of cells that hold paragraphs and further tables, text boxes,
footnotes — and how that tree becomes the flat list of parts
:func:`structure.build` assembles.

Flattening rules, chosen for Korean government documents:

- A table of one cell is a box (박스: an annex, a summary, "정부혁신 4대 추진전략"):
  in the flow its content is read as paragraphs and tables, not hidden in a
  one-cell table; in a table cell it is just text of that cell.
- A table of several cells becomes a table block: a grid of its rows and
  columns (a merged cell's text at its top-left, the cells it covers empty),
  with ``meta["spans"]`` = ``[[row, col, row_span, col_span], …]`` for the
  merged cells.
- A cell's text is what the cell shows, in reading order: its paragraphs,
  the text boxes anchored in them and the tables nested in it, joined by
  single spaces (never a tab or a newline: the block's text is rows joined by
  "\\n" and cells by "\\t"). A nested table's cells are read in row-major order
  inside the cell, and described in ``meta["nested"]`` —
  ``[{"row", "col", "rows", "spans", "nested"}, …]`` in the order they stand
  in the cell — so the reader can draw the table inside its cell. So the
  stored text reads as the page does, and nothing is indexed twice.
- A paragraph with an outline level (개요 1–7 style, or outline numbering) is
  a heading of that level; other paragraphs go to the line classifier, which
  knows 제N장, □ and 가. headings.
- Footnotes and endnotes follow the paragraph they belong to; those of a
  table's cells follow the table (the page prints them at its foot, not in
  the cell).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from workbench.core.models import BlockKind
from workbench.corpus.normalise import normalise_cell
from workbench.corpus.structure import RawPart, renumber_rows
from workbench.corpus.symbols import map_private_use


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
    # Where in its paragraph's text a table that stands in the line (글자처럼 취급, treat as a
    # character) stands; None for one placed on the page beside its paragraph, which reads after
    # the paragraph's text (Hangul draws such a table below the paragraph's first line, or at a
    # place of its own).
    at: int | None = None


@dataclass(slots=True)
class Note:
    children: list["Node"] = field(default_factory=list)
    kind: str = "footnote"  # or "endnote"


Node = Para | Table


def flatten(nodes: list[Node]) -> list[RawPart]:
    """The reader's parts for :func:`workbench.corpus.structure.build`."""
    parts: list[RawPart] = []
    _flatten(nodes, parts)
    return parts


def map_text(nodes: list[Node], change: Callable[[str], str]) -> None:
    """Apply ``change`` to the text of every paragraph of the tree, in place
    (cells, boxes and notes included)."""
    for node in nodes:
        if isinstance(node, Para):
            node.text = change(node.text)
            map_text(node.tables, change)
            for note in node.notes:
                map_text(note.children, change)
        else:
            for cell in node.cells:
                map_text(cell.children, change)


def _flatten(nodes: list[Node], parts: list[RawPart]) -> None:
    for node in nodes:
        if isinstance(node, Para):
            _para(node, parts)
        else:
            _table(node, parts)


def _para(para: Para, parts: list[RawPart]) -> None:
    level = para.outline_level
    for piece in _in_order(para):
        if isinstance(piece, Table):
            _table(piece, parts)
            continue
        text = piece.replace("\t", " ")
        if text.strip():
            if level:
                parts.append(RawPart(text, BlockKind.HEADING, level))
                level = 0  # the heading is the text before the first table in its line
            else:
                parts.append(RawPart(text))  # the line classifier decides: heading, list item…
    _notes(para.notes, parts)


def _in_order(para: Para) -> list[str | Table]:
    """The paragraph's text and tables as the page reads them: a table that stands in the line
    splits the text where it stands (one at the end of the text follows it); the tables placed
    beside the paragraph come after all that, in order."""
    text = para.text
    out: list[str | Table] = []
    at_end: list[Table] = []
    beside: list[Table] = []
    pos = 0
    for table in para.tables:
        if table.at is None:
            beside.append(table)
        elif table.at >= pos and text[table.at:].strip() and _has_text(table):
            out += [text[pos:table.at], *at_end, table]
            at_end = []
            pos = table.at
        else:
            at_end.append(table)
    return [*out, text[pos:], *at_end, *beside]


def _has_text(table: Table) -> bool:
    return any(p.text.strip() for p in _paragraphs([table]))


def _notes(notes: list[Note], parts: list[RawPart]) -> None:
    for note in notes:
        body = " ".join(" ".join(n.text.split()) for n in _paragraphs(note.children)).strip()
        if body:
            parts.append(RawPart(body, BlockKind.FOOTNOTE, meta={"note": note.kind}))


def _paragraphs(nodes: list[Node]):
    for node in nodes:
        if isinstance(node, Para):
            yield node
            for table in node.tables:
                yield from _paragraphs([table])
        else:
            for cell in node.cells:
                yield from _paragraphs(cell.children)


def _table(table: Table, parts: list[RawPart]) -> None:
    if len(table.cells) == 1:  # a box: its content belongs to the flow
        parts.append(RawPart(""))
        _flatten(table.cells[0].children, parts)
        parts.append(RawPart(""))
        return
    notes: list[Note] = []
    grid, spans, nested = _grid(table, notes, normalise_cell)
    parts.append(RawPart(rows=grid, meta={"spans": spans, "nested": nested}))
    _notes(notes, parts)


def _mapped(text: str) -> str:
    """A nested cell as the stored outer cell will read it: symbols mapped, one line, single spaces.
    (The outer grid's symbols are mapped, and counted, when the document is assembled.)"""
    return normalise_cell(map_private_use(text)[0])


def _grid(table: Table, notes: list[Note], clean: Callable[[str], str]
          ) -> tuple[list[list[str]], list[list[int]], list[dict]]:
    """The table's grid of cell texts, its merged cells and the tables nested in its cells."""
    rows = max(table.rows, max((c.row + c.row_span for c in table.cells), default=0))
    cols = max(table.cols, max((c.col + c.col_span for c in table.cells), default=0))
    grid = [["" for _ in range(cols)] for _ in range(rows)]
    spans: list[list[int]] = []
    nested: list[dict] = []
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        if not (0 <= cell.row < rows and 0 <= cell.col < cols):
            continue
        inner: list[dict] = []
        text = _cell_text(cell.children, inner, notes, clean)
        grid[cell.row][cell.col] = f"{grid[cell.row][cell.col]} {text}".strip() if grid[cell.row][cell.col] else text
        nested.extend({"row": cell.row, "col": cell.col, **spec} for spec in inner)
        row_span, col_span = min(cell.row_span, rows - cell.row), min(cell.col_span, cols - cell.col)
        if row_span > 1 or col_span > 1:
            spans.append([cell.row, cell.col, row_span, col_span])
    return grid, spans, nested


def _cell_text(children: list[Node], nested: list[dict], notes: list[Note], clean: Callable[[str], str]) -> str:
    """A cell's text in reading order: paragraphs, boxes and nested tables, joined by spaces.
    Tables of several cells nested in it are added to ``nested`` as they come."""
    pieces: list[str] = []
    for child in children:
        if isinstance(child, Para):
            sequence = _in_order(child)
            notes.extend(child.notes)
        else:
            sequence = [child]
        for table in sequence:
            if isinstance(table, str):
                pieces.append(clean(table))
                continue
            if len(table.cells) == 1:  # a box in the cell: its text is the cell's
                pieces.append(_cell_text(table.cells[0].children, nested, notes, clean))
                continue
            grid, spans, inner = _grid(table, notes, _mapped)
            kept = [i for i, row in enumerate(grid) if any(row)]
            if kept:  # empty rows go, as they do from the outer table
                spec = renumber_rows({"spans": spans, "nested": inner}, kept)
                nested.append({"rows": [grid[i] for i in kept], **spec})
                pieces.extend(text for i in kept for text in grid[i])
    return " ".join(piece for piece in pieces if piece)
