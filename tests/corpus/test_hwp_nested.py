"""Tables and text boxes nested in a table cell stay in that cell (HWP 5.0 and HWPX),
so the stored text reads as the page does.

Measured with ``in_order`` (tests/helpers/coverage.py): the share of an
independent reference (tests/corpus/hwp_references.py) read in the
reference's order. Before this, nested tables and boxes were put after the
outer table and the cell left empty: 85.6% for 정책연구과제_심의신청서.hwp, 88.3%
for the 곡성군 form, 91.5% for form-002.hwpx, 95.4% for the 정부혁신 release.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.corpus.hwp_references import REAL, hwp_reference, hwpx_reference
from tests.helpers.coverage import in_order
from tests.helpers.hwp5 import HwpParagraph, HwpTable, build_hwp5
from workbench.core.models import BlockKind
from workbench.corpus.extract import extract_file

HWP = sorted((REAL / "hwp").glob("*.hwp"))
HWPX = sorted((REAL / "hwpx").glob("*.hwpx")) + [REAL / "nasty" / "곡성군_문화바우처_신청서_hwpx_named.hwp"]


def _tables(doc):
    return [b for b in doc.blocks if b.kind is BlockKind.TABLE]


def _row(doc, first_cell: str) -> list[str]:
    return next(row for b in _tables(doc) for row in b.meta["rows"] if row and row[0] == first_cell)


@pytest.mark.parametrize("path", HWP + HWPX, ids=lambda p: p.name)
def test_every_file_reads_in_the_page_order(path):
    doc = extract_file(path)
    reference = hwpx_reference(path) if path.read_bytes()[:2] == b"PK" else hwp_reference(path)
    share = in_order(doc.text, reference)
    print(f"{path.name}: in order {share:.4f}")
    assert share >= 0.98


def test_boxes_stay_in_the_research_need_cell():
    """정책연구과제 심의신청서: the "▸(VIP 말씀…)" boxes are in the 연구 필요성 cell, not after the form."""
    doc = extract_file(REAL / "hwp" / "정책연구과제_심의신청서.hwp")
    need = _row(doc, "연구 필요성")[1]
    assert "▸(VIP 말씀, ‘20.9.21.) 자치경찰제 시행에 발맞춰" in need
    assert need.index("○ 자치경찰제 시행") < need.index("▸(VIP 말씀") < need.index("▸(장관님 말씀")
    outside = [doc.text[b.start:b.end] for b in doc.blocks if b.kind is not BlockKind.TABLE]
    assert not any("VIP 말씀" in text for text in outside)
    assert "VIP" not in doc.title


def test_explanation_box_stays_in_its_row():
    """개인정보보호법 시행령 규제영향분석서: "근거설명 | (empty)" was followed by its text as list items."""
    doc = extract_file(REAL / "hwpx" / "개인정보보호법시행령_규제영향분석서.hwpx")
    explanation = _row(doc, "근거설명")[1]
    assert explanation.startswith("ㅇ 개인정보처리자의 신규 비용 부담 발생은 매우 낮을것으로 판단 - 개인정보 보호법 개정 이전에도")
    items = [doc.text[b.start:b.end] for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]
    assert not any(item.startswith("ㅇ 개인정보처리자의 신규 비용") for item in items)


def test_nested_form_tables_are_described_for_the_reader():
    """A table nested in a cell is in the cell's text and in ``meta["nested"]``, where the
    reader finds its cells in order in the cell's text; merged cells stay inside the grid."""
    for path in HWP + HWPX:
        doc = extract_file(path)
        for block in _tables(doc):
            rows = block.meta["rows"]
            assert doc.text[block.start:block.end] == "\n".join("\t".join(row) for row in rows)
            _check_grid(rows, block.meta)


def _check_grid(rows: list[list[str]], meta: dict) -> None:
    width = max(len(row) for row in rows)
    for row, col, row_span, col_span in meta["spans"]:
        assert 0 <= row < len(rows) and 0 <= col < width, (row, col)
        assert row + row_span <= len(rows) and col + col_span <= width
        assert row_span > 1 or col_span > 1
    at: dict[tuple[int, int], int] = {}
    for spec in meta["nested"]:
        cell = rows[spec["row"]][spec["col"]]
        inner = [text for row in spec["rows"] for text in row if text]
        assert inner and all("\t" not in t and "\n" not in t for t in inner)
        pos = at.get((spec["row"], spec["col"]), 0)
        for text in inner:  # the nested cells, in order, in the outer cell's text
            pos = cell.index(text, pos) + len(text)
        at[(spec["row"], spec["col"])] = pos
        _check_grid(spec["rows"], spec)


# --- generated documents ----------------------------------------------------------------------


def test_text_box_and_one_cell_box_in_a_cell_are_cell_text(tmp_path):
    box = HwpTable([[["▸ 상자 속 첫 줄", "▸ 상자 속 둘째 줄"]]])
    cell = [HwpParagraph("○ 필요성", tables=[box]), HwpParagraph("※ 참고", textbox=["글상자 내용"]), "끝 문단"]
    table = HwpTable([["연구 필요성", cell], ["기대효과", "없음"]])
    path = tmp_path / "form.hwp"
    path.write_bytes(build_hwp5([HwpParagraph("", tables=[table]), "본문"]))
    doc = extract_file(path)
    [block] = _tables(doc)
    assert block.meta["rows"] == [
        ["연구 필요성", "○ 필요성 ▸ 상자 속 첫 줄 ▸ 상자 속 둘째 줄 ※ 참고 글상자 내용 끝 문단"],
        ["기대효과", "없음"],
    ]
    assert block.meta["nested"] == [] and block.meta["spans"] == []
    assert doc.text.endswith("없음\n\n본문")


def test_tables_nested_two_deep_keep_their_place_and_spans(tmp_path):
    deepest = HwpTable([["가", "나"], ["다", "라"]])
    inner = HwpTable([["세부", "금액"], [[HwpParagraph("내역", tables=[deepest])], None]], spans={(1, 0): (1, 2)})
    outer = HwpTable([["구분", "내용"], ["예산", [HwpParagraph("앞", tables=[inner]), "뒤"]], [None, "비고"]],
                     spans={(1, 0): (2, 1)})
    path = tmp_path / "deep.hwp"
    path.write_bytes(build_hwp5([HwpParagraph("", tables=[outer])]))
    doc = extract_file(path)
    [block] = _tables(doc)
    assert block.meta["rows"] == [["구분", "내용"], ["예산", "앞 세부 금액 내역 가 나 다 라 뒤"], ["", "비고"]]
    assert block.meta["spans"] == [[1, 0, 2, 1]]
    assert block.meta["nested"] == [{
        "row": 1, "col": 1, "rows": [["세부", "금액"], ["내역 가 나 다 라", ""]], "spans": [[1, 0, 1, 2]],
        "nested": [{"row": 1, "col": 0, "rows": [["가", "나"], ["다", "라"]], "spans": [], "nested": []}]}]
    _check_grid(block.meta["rows"], block.meta)


def test_spans_and_nested_tables_follow_dropped_empty_rows(tmp_path):
    """Empty rows are dropped from a table block: merged cells and nested tables keep their rows."""
    inner = HwpTable([["a", "b"], ["c", "d"]])
    table = HwpTable([["", ""], ["제목", "값"], ["", ""], ["합계", [HwpParagraph("", tables=[inner])]], ["", ""]],
                     spans={(1, 0): (3, 1)})
    table.rows[2][0] = None
    table.rows[3][0] = None
    path = tmp_path / "rows.hwp"
    path.write_bytes(build_hwp5([HwpParagraph("", tables=[table])]))
    [block] = _tables(extract_file(path))
    assert block.meta["rows"] == [["제목", "값"], ["", "a b c d"]]
    assert block.meta["spans"] == [[0, 0, 2, 1]]
    assert [(n["row"], n["col"]) for n in block.meta["nested"]] == [(1, 1)]


# --- HWPX written by hand ----------------------------------------------------------------------

_NS = 'xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph"'


def _p(*runs: str) -> str:
    return "<hp:p>" + "".join(f"<hp:run>{r}</hp:run>" for r in runs) + "</hp:p>"


def _t(text: str) -> str:
    return f"<hp:t>{text}</hp:t>"


def _tbl(rows: list[list[str]], inline: bool = False, offset: int = 0) -> str:
    body = "".join("<hp:tr>" + "".join(
        f'<hp:tc><hp:subList>{cell}</hp:subList><hp:cellAddr colAddr="{c}" rowAddr="{r}"/>'
        f'<hp:cellSpan colSpan="1" rowSpan="1"/></hp:tc>' for c, cell in enumerate(row)) + "</hp:tr>"
        for r, row in enumerate(rows))
    pos = f'<hp:pos treatAsChar="{int(inline)}" vertRelTo="PARA" vertOffset="{offset}"/>'
    return f'<hp:tbl rowCnt="{len(rows)}" colCnt="{max(map(len, rows))}">{pos}{body}</hp:tbl>'


def _hwpx(tmp_path: Path, body: str) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("mimetype", "application/hwp+zip")
        z.writestr("Contents/section0.xml", f'<?xml version="1.0" encoding="UTF-8"?><hs:sec '
                   f'xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" {_NS}>{body}</hs:sec>')
    path = tmp_path / "doc.hwpx"
    path.write_bytes(buffer.getvalue())
    return path


def test_hwpx_box_and_drawn_text_in_a_cell(tmp_path):
    box = _tbl([[_p(_t("ㅇ 상자 속 설명")) + _p(_t(" - 둘째 줄"))]])
    drawn = '<hp:rect><hp:drawText><hp:subList>' + _p(_t("도형 속 글")) + "</hp:subList></hp:drawText></hp:rect>"
    cell = _p(box, _t("")) + _p(_t("앞 글"), drawn)
    path = _hwpx(tmp_path, _p(_tbl([[_p(_t("근거설명")), cell], [_p(_t("비고")), _p(_t("없음"))]])))
    [block] = _tables(extract_file(path))
    assert block.meta["rows"] == [["근거설명", "ㅇ 상자 속 설명 - 둘째 줄 앞 글 도형 속 글"], ["비고", "없음"]]


def test_hwpx_table_in_the_line_splits_its_paragraph(tmp_path):
    """A table that stands in the line (treatAsChar) is read where it stands; a floating one
    after its paragraph's text (Hangul draws it below the paragraph's first line)."""
    inline = _tbl([[_p(_t("구분")), _p(_t("값"))], [_p(_t("가")), _p(_t("1"))]], inline=True)
    floating = _tbl([[_p(_t("떠 있는")), _p(_t("표"))], [_p(_t("나")), _p(_t("2"))]], offset=1700)
    body = _p(_t("표 앞 글 "), inline, _t("□ 표 뒤 글")) + _p(floating, _t(" - 예비분석 결과표"))
    path = _hwpx(tmp_path, body)
    doc = extract_file(path)
    assert doc.text == "표 앞 글\n\n구분\t값\n가\t1\n\n□ 표 뒤 글\n\n - 예비분석 결과표\n\n떠 있는\t표\n나\t2"
    assert in_order(doc.text, hwpx_reference(path)) == 1.0
