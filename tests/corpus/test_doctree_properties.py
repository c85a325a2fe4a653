"""Properties of flattening a document tree (doctree.flatten + structure.build) on random
trees of paragraphs, tables nested in cells, boxes and notes: no text is lost or read twice,
cells never hold a tab or a newline, merged cells stay inside their grid, and every nested
table's cells are found, in order, in the text of the cell that holds it."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.corpus.test_hwp_nested import _check_grid
from workbench.core.models import BlockKind
from workbench.corpus.doctree import Cell, Note, Para, Table, flatten
from workbench.corpus.structure import build

WORDS = st.sampled_from(["예산", "구분", "합계", "가", "나", "2024", "①", "▸ 상자", "비고", "현황 및 계획"])
TEXT = st.lists(WORDS, max_size=4).map(" ".join)


@st.composite
def tables(draw, depth: int):
    rows, cols = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    cells, taken = [], set()
    for r in range(rows):
        for c in range(cols):
            if (r, c) in taken:
                continue
            row_span = draw(st.integers(1, rows - r))
            col_span = draw(st.integers(1, cols - c))
            if any((r + i, c + j) in taken for i in range(row_span) for j in range(col_span)):
                row_span = col_span = 1
            taken |= {(r + i, c + j) for i in range(row_span) for j in range(col_span)}
            cells.append(Cell(r, c, draw(paragraphs(depth + 1)), row_span, col_span))
    return Table(rows, cols, cells)


@st.composite
def paragraphs(draw, depth: int = 0):
    out = []
    for _ in range(draw(st.integers(1, 3))):
        para = Para(draw(TEXT))
        if depth < 3 and draw(st.booleans()):
            table = draw(tables(depth))
            if draw(st.booleans()) and para.text:  # standing in the line, between two words
                table.at = draw(st.sampled_from([0, len(para.text)] + [i for i, ch in enumerate(para.text) if ch == " "]))
            para.tables.append(table)
        if draw(st.integers(0, 5)) == 0:
            para.notes.append(Note([Para(draw(TEXT))]))
        out.append(para)
    return out


def _words(nodes) -> Counter:
    words: Counter = Counter()
    for node in nodes:
        if isinstance(node, Para):
            words.update(node.text.split())
            words += _words(node.tables)
            for note in node.notes:
                words += _words(note.children)
        else:
            for cell in node.cells:
                words += _words(cell.children)
    return words


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs())
def test_flatten_keeps_every_word_once(tree):
    text, blocks, _ = build(flatten(tree), paragraph_gap=True)
    assert Counter(text.split()) == _words(tree)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs())
def test_table_blocks_are_grids_the_reader_can_draw(tree):
    text, blocks, _ = build(flatten(tree), paragraph_gap=True)
    for block in blocks:
        if block.kind is BlockKind.TABLE:
            rows = block.meta["rows"]
            assert text[block.start:block.end] == "\n".join("\t".join(row) for row in rows)
            assert all("\t" not in cell and "\n" not in cell for row in rows for cell in row)
            _check_grid(rows, block.meta)
