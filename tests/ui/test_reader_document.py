"""The reader's document draws table blocks as tables, and every stored offset
lands on the same character in it (selection, highlights, tags and find all
go through this map)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor

from workbench.core.models import Block, BlockKind
from workbench.ui.reader_document import build_document

pytestmark = pytest.mark.gui


def _document(parts: list[str | list[list[str]]], **meta):
    """Text and blocks as the corpus stores them: lines, and tables as rows of cells."""
    text, blocks = "", []
    for part in parts:
        if text:
            text += "\n"
        if isinstance(part, str):
            text += part
            continue
        start = len(text)
        text += "\n".join("\t".join(row) for row in part)
        blocks.append(Block(BlockKind.TABLE, start, len(text), meta={"rows": part, **meta}))
    return text, blocks


def _shown(doc, mapping, start: int, end: int) -> str:
    cursor = QTextCursor(doc)
    cursor.setPosition(mapping.to_qt(start))
    cursor.setPosition(mapping.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def _cells(text: str, blocks):
    """(start, end) of every non-empty cell of every table."""
    for block in blocks:
        at = block.start
        for row in block.meta["rows"]:
            for cell in row:
                if cell:
                    yield at, at + len(cell)
                at += len(cell) + 1


def test_a_table_is_a_grid_of_cells_not_tab_separated_lines(qapp):
    rows = [["구분", "2023.1Q", "2023.2Q", "2024.1Q"], ["투자액", "200.4", "136.3", "218.7"]]
    text, blocks = _document(["해외직접투자 동향", rows, "자료: 기획재정부"])
    doc, mapping = build_document(text, blocks)
    [table] = [f for f in doc.rootFrame().childFrames()]
    assert (table.rows(), table.columns()) == (2, 4)
    assert table.cellAt(0, 3).firstCursorPosition().block().text() == "2024.1Q"  # each year in its own cell
    assert table.cellAt(1, 3).firstCursorPosition().block().text() == "218.7"
    assert "\t" not in doc.toPlainText()
    for start, end in _cells(text, blocks):
        assert _shown(doc, mapping, start, end) == text[start:end]
    after = text.index("자료")
    assert _shown(doc, mapping, after, len(text)) == "자료: 기획재정부"
    assert _shown(doc, mapping, 0, 9) == "해외직접투자 동향"


def test_merged_cells_span_and_keep_their_text(qapp):
    rows = [["구분", "금액", ""], ["", "1분기", "2분기"], ["제조업", "10", "20"]]
    text, blocks = _document([rows], spans=[[0, 0, 2, 1], [0, 1, 1, 2]])
    doc, mapping = build_document(text, blocks)
    [table] = doc.rootFrame().childFrames()
    assert table.cellAt(0, 0).rowSpan() == 2 and table.cellAt(0, 1).columnSpan() == 2
    for start, end in _cells(text, blocks):
        assert _shown(doc, mapping, start, end) == text[start:end]


def test_a_table_nested_in_a_cell_is_drawn_inside_it(qapp):
    rows = [["근거설명", "심사지표 적정 부적정 명확성 ○"], ["결론", "타당함"]]
    nested = [{"row": 0, "col": 1, "rows": [["적정", "부적정"], ["명확성", "○"]]}]
    text, blocks = _document(["규제영향분석서", rows, "끝"], nested=nested)
    doc, mapping = build_document(text, blocks)
    [outer] = doc.rootFrame().childFrames()
    [inner] = outer.childFrames()
    assert (inner.rows(), inner.columns()) == (2, 2)
    assert inner.cellAt(1, 0).firstCursorPosition().block().text() == "명확성"
    cell = text.index("심사지표")
    assert _shown(doc, mapping, cell, cell + 4) == "심사지표"  # the cell's own text, before the inner table
    inner_cell = text.index("명확성")
    assert _shown(doc, mapping, inner_cell, inner_cell + 3) == "명확성"
    assert mapping.from_qt(mapping.to_qt(inner_cell)) == inner_cell


def test_offsets_after_an_emoji_in_a_cell(qapp):
    rows = [["😀 반응", "좋음"], ["🇰🇷", "한국"]]
    text, blocks = _document(["앞 😀", rows, "뒤 문장"])
    doc, mapping = build_document(text, blocks)
    for start, end in _cells(text, blocks):
        assert _shown(doc, mapping, start, end) == text[start:end]
    tail = text.index("뒤")
    assert _shown(doc, mapping, tail, len(text)) == "뒤 문장"


def test_a_block_whose_rows_are_not_its_text_stays_text(qapp):
    """An older store's table block whose rows differ from its text is shown as the text (offsets first)."""
    text = "가\t나\n다\t라"
    blocks = [Block(BlockKind.TABLE, 0, len(text), meta={"rows": [["가", "나"], ["다", "마"]]})]
    doc, mapping = build_document(text, blocks)
    assert doc.toPlainText() == text and not doc.rootFrame().childFrames()


_cell_text = st.text(alphabet=st.sampled_from("가나다 ab1😀①·-"), max_size=6).map(lambda s: " ".join(s.split()))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(_cell_text.filter(bool), st.integers(1, 4).flatmap(
    lambda cols: st.lists(st.lists(_cell_text, min_size=cols, max_size=cols), min_size=1, max_size=4))),
    min_size=1, max_size=5))
def test_every_stored_character_lands_on_itself(qapp, parts):
    parts = [p for p in parts if isinstance(p, str) or any(any(c for c in row) for row in p)]
    if not parts:
        return
    text, blocks = _document(parts)
    doc, mapping = build_document(text, blocks)
    cells = list(_cells(text, blocks))
    for start, end in cells:
        assert _shown(doc, mapping, start, end) == text[start:end]
        for at in range(start, end):
            assert mapping.from_qt(mapping.to_qt(at)) == at
    # positions only grow along the text
    qt = [mapping.to_qt(i) for i in range(len(text) + 1)]
    assert qt == sorted(qt)


def test_the_nested_tables_of_a_real_regulatory_analysis_are_drawn_in_their_cells(qapp):
    """개인정보보호법 시행령 규제영향분석서 (HWPX): every table the corpus keeps nested in a
    cell is drawn inside that cell, and every cell's text stays on its offsets."""
    from pathlib import Path

    from workbench.corpus.extract import extract_file

    path = Path(__file__).resolve().parents[1] / "fixtures" / "realfiles" / "hwpx" / "개인정보보호법시행령_규제영향분석서.hwpx"
    extracted = extract_file(path)
    tables = [b for b in extracted.blocks if b.kind == BlockKind.TABLE]
    nested = sum(len(b.meta.get("nested") or []) for b in tables)
    doc, mapping = build_document(extracted.text, extracted.blocks)
    drawn = sum(len(outer.childFrames()) for outer in doc.rootFrame().childFrames())
    assert nested >= 5 and drawn == nested
    assert len(doc.rootFrame().childFrames()) == len(tables)
    for start, end in _cells(extracted.text, tables):
        cell = extracted.text[start:end]
        shown = _shown(doc, mapping, start, end)  # a nested table's cells come with its frame's marks
        assert _letters(shown) == _letters(cell), (cell, shown)


def _letters(text: str) -> str:
    """The text without spaces, paragraph separators and Qt's frame marks (U+FDD0/FDD1)."""
    return "".join(ch for ch in text if not ch.isspace() and ch not in "\u2029\ufdd0\ufdd1")
