"""The 신구조문대비표 as HWPX and DOCX, read back as a reader would get it:
the XML itself (which runs are struck through and which underlined), Word's
reader (python-docx), Workbench's own readers (every row's text), hwpforge's
validator, and — slow — LibreOffice printing the Word file. The marks sit on
exactly the words that changed: the deleted sentence and 110억원을 struck in
the old column, the inserted sentence and 150억원을 underlined in the new."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from tests.compare.test_compare import BILL_NEW, BILL_OLD, DELETED_SENTENCE, INSERTED_SENTENCE, edited_article
from workbench.compare.diff import compare_texts
from workbench.core.comparison import Side
from workbench.corpus.extract import extract_file
from workbench.export.compare_table import CELL, table_rows
from workbench.export.report_hwpx import validate_hwpx
from workbench.services.compare import write_comparison

HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
HH = "{http://www.hancom.co.kr/hwpml/2011/head}"


def _article():
    old, new = edited_article()
    return compare_texts(old, [], new, [], Side(1, "기사 원본"), Side(2, "기사 수정본"))


def _marked_hwpx(path: Path) -> tuple[list[str], list[str], list[str]]:
    """(struck texts, underlined texts, every cell's text) of an .hwpx table."""
    with zipfile.ZipFile(path) as package:
        header = etree.fromstring(package.read("Contents/header.xml"))
        section = etree.fromstring(package.read("Contents/section0.xml"))
    struck = {c.get("id") for c in header.iter(f"{HH}charPr")
              if c.find(f"{HH}strikeout") is not None and c.find(f"{HH}strikeout").get("shape") != "NONE"}
    under = {c.get("id") for c in header.iter(f"{HH}charPr")
             if c.find(f"{HH}underline") is not None and c.find(f"{HH}underline").get("type") != "NONE"}
    runs = [(r.get("charPrIDRef"), "".join(t.text or "" for t in r.iter(f"{HP}t"))) for r in section.iter(f"{HP}run")]
    cells = ["".join(t.text or "" for t in cell.iter(f"{HP}t")) for cell in section.iter(f"{HP}tc")]
    return [t for i, t in runs if i in struck and t], [t for i, t in runs if i in under and t], cells


def _marked_docx(path: Path) -> tuple[list[str], list[str], list[str]]:
    table = docx.Document(str(path)).tables[0]
    runs = [run for row in table.rows for cell in row.cells for p in cell.paragraphs for run in p.runs]
    cells = [cell.text for row in table.rows for cell in row.cells]
    return [r.text for r in runs if r.font.strike], [r.text for r in runs if r.font.underline], cells


READ = {"hwpx": _marked_hwpx, "docx": _marked_docx}


@pytest.mark.parametrize("fmt", ["hwpx", "docx"])
def test_the_changed_words_are_struck_and_underlined_on_the_right_runs(fmt, tmp_path):
    out = tmp_path / f"대비표.{fmt}"
    written = write_comparison(_article(), out, "ko")
    assert written["rows"] == 3 and out.is_file()
    struck, underlined, cells = READ[fmt](out)
    assert struck == [DELETED_SENTENCE, "110억원을"]
    assert underlined == [INSERTED_SENTENCE, "150억원을"]
    assert cells[:2] == ["현 행 (기사 원본)", "개 정 안 (기사 수정본)"]
    assert len(cells) == 2 * 4  # the header and three rows


@pytest.mark.parametrize("fmt", ["hwpx", "docx"])
def test_a_bill_reads_back_through_workbench_s_own_reader(fmt, tmp_path):
    comparison = compare_texts(BILL_OLD, [], BILL_NEW, [])
    out = tmp_path / f"bill.{fmt}"
    write_comparison(comparison, out, "ko")
    text = extract_file(out).text
    rows = table_rows(comparison, "ko")
    assert [r.kind for r in rows] == ["inserted", "changed", "changed", "changed"]
    for row in rows:  # a row comes back as its two cells, tab-separated
        assert f"{row.text(row.old)}\t{row.text(row.new)}" in text
    assert "<신 설>\t제3조(인공지능 학습)" in text and "현 행\t개 정 안" in text
    struck, underlined, _ = READ[fmt](out)
    assert "3천만원" in struck and "5천만원" in underlined and "제3조(보호" in struck and "제4조(보호" in underlined


def test_hwpforge_finds_the_hwpx_valid(tmp_path):
    out = tmp_path / "bill.hwpx"
    write_comparison(compare_texts(BILL_OLD, [], BILL_NEW, [], Side(1, "현행법"), Side(2, "개정안")), out, "en")
    assert validate_hwpx(out.read_bytes())["ok"]
    _, _, cells = _marked_hwpx(out)
    assert cells[:2] == ["Current (현행법)", "Amended (개정안)"] and cells[2] == "<new>"


@pytest.mark.parametrize("fmt", ["hwpx", "docx"])
def test_text_that_would_break_xml_does_not(fmt, tmp_path):
    old = "가\x00나 <b>&amp;</b> 😀 \t표 셀\r\n둘째 줄 \x1f끝"
    new = "가나 <b>&amp;</b> 😀😀 \t표 칸\r\n둘째 줄 끝 ]]>"
    out = tmp_path / f"hostile.{fmt}"
    write_comparison(compare_texts(old, [], new, []), out, "ko")
    _, _, cells = READ[fmt](out)
    joined = " ".join(cells)
    assert "<b>&amp;</b>" in joined and "😀😀" in joined and "]]>" in joined and CELL.strip() in joined
    assert "\x00" not in joined and "\x1f" not in joined


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by `make test` as root")
def test_libreoffice_prints_the_word_table(tmp_path):
    out = tmp_path / "대비표.docx"
    write_comparison(_article(), out, "ko")
    profile = (tmp_path / "lo-profile").as_uri()
    proc = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), str(out)], capture_output=True, text=True, timeout=240)
    pdf = tmp_path / "대비표.pdf"
    assert proc.returncode == 0 and pdf.exists(), proc.stderr + proc.stdout
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    for words in ("현행", "개정안", "110억원을", "150억원을", "".join(INSERTED_SENTENCE.split()), "-1-"):
        assert words in text
