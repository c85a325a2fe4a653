"""The 신구조문대비표 as HWPX, beyond what test_compare_tables reads from
it: how Hangul is told to lay the table out (rows kept whole on a page
unless one is taller than a page, each provision from the top of its
cell), and a comparison with a deleted and an inserted article whose text
would break XML, checked by hwpforge's validator and read back by
Workbench's own reader."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from tests.compare.test_compare import BILL_NEW, BILL_OLD
from tests.export.test_compare_tables import _marked_hwpx
from workbench.compare.diff import compare_texts
from workbench.corpus.extract import extract_file
from workbench.export.compare_page import fits_on_a_page
from workbench.export.compare_table import table_rows
from workbench.export.report_hwpx import validate_hwpx
from workbench.services.compare import write_comparison

HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
LONG = " ".join(f"제{n}항의 내용을 길게 적은 문장이다." for n in range(120))  # some 70 lines of a cell


def _table(path: Path):
    with zipfile.ZipFile(path) as package:
        [table] = etree.fromstring(package.read("Contents/section0.xml")).iter(f"{HP}tbl")
    return table


def _aligned(table) -> list[list[str]]:
    return [[tc.find(f"{HP}subList").get("vertAlign") for tc in tr.iterfind(f"{HP}tc")] for tr in table.iterfind(f"{HP}tr")]


def test_rows_are_kept_whole_and_read_from_the_top_of_their_cells(tmp_path):
    out = tmp_path / "bill.hwpx"
    write_comparison(compare_texts(BILL_OLD, [], BILL_NEW, []), out, "ko")
    table = _table(out)
    assert table.get("pageBreak") == "CELL" and table.get("repeatHeader") == "1"  # 셀 단위로 나눔, 제목 줄 반복
    aligned = _aligned(table)
    assert aligned[0] == ["CENTER", "CENTER"] and all(row == ["TOP", "TOP"] for row in aligned[1:])


def test_a_row_taller_than_a_page_may_split_so_hangul_draws_all_of_it(tmp_path):
    old, new = f"머리말.\n{LONG} 110억원을 투입한다.", f"머리말.\n{LONG} 150억원을 투입한다."
    comparison = compare_texts(old, [], new, [])
    [row] = table_rows(comparison, "ko")
    assert not fits_on_a_page(row)
    out = tmp_path / "long.hwpx"
    write_comparison(comparison, out, "ko")
    assert _table(out).get("pageBreak") == "TABLE"  # 나눔: within a row too, at the page's foot
    assert validate_hwpx(out.read_bytes())["ok"]
    struck, underlined, _ = _marked_hwpx(out)
    assert struck == ["110억원을"] and underlined == ["150억원을"]
    assert LONG in extract_file(out).text


def test_a_deleted_and_an_inserted_article_with_hostile_text(tmp_path):
    old = ("제1조(목적) 이 법은 <목적>을 정한다.\r\n"
           "제2조(폐지될 조문) 이 조는 없어진다\x07 😀👩‍👩‍👧 & ]]>.\r\n"
           "제3조(시행) 이 법은 공포한 날부터 시행한다.")
    new = ("제1조(목적) 이 법은 <목적>을 정한다.\r\n"
           "제3조(시행) 이 법은 공포 후 6개월이\x1f 지난 날부터 시행한다.\r\n"
           "제4조(특례) 😀 <b>특례</b>를 둔다.")
    comparison = compare_texts(old, [], new, [])
    rows = table_rows(comparison, "ko")
    assert {row.kind for row in rows} >= {"deleted", "inserted"}
    out = tmp_path / "hostile.hwpx"
    write_comparison(comparison, out, "ko")
    report = validate_hwpx(out.read_bytes())
    assert report["ok"] and report["errors"] == [], report
    _, _, cells = _marked_hwpx(out)  # lxml parses the section: the XML is well formed
    assert "<삭 제>" in cells and "<신 설>" in cells
    assert "제2조(폐지될 조문) 이 조는 없어진다 😀👩‍👩‍👧 & ]]>." in cells  # the bell gone, the rest as written
    assert "제4조(특례) 😀 <b>특례</b>를 둔다." in cells
    text = extract_file(out).text  # tables come back as rows of tab-separated cells
    assert "제2조(폐지될 조문)" in text and "<삭 제>" in text and "6개월이 지난 날부터" in text
    assert "\x07" not in "".join(cells) and "\x1f" not in "".join(cells) and "\r" not in "".join(cells)
