"""Real PDFs read as their pages show them (issue 22): every file keeps its
reference text, headings that start sections stay headings, a two-column
조문대비표 and a table inside a table cell stay tables, runs drawn out of order
read in order, and an image-only cover is read by OCR or named as skipped.

How the reference is made
-------------------------
``pdftotext`` (poppler, independent of PDFium) at test time, with
``tests.helpers.coverage.five_grams``: the share of the reference lines'
character 5-grams (whitespace removed) found in our text. The mode is the one
in which poppler reads the file as an analyst would:

- ``-raw`` (the producer's order) for Hancom PDF, which writes cell by cell and
  column by column; poppler's geometric modes read the minutes' first page and
  every table row across its columns ("대통 제34045호 대기환경보전법 환경 2023."),
  which no cell-wise reading can match.
- plain ``pdftotext`` for Microsoft Print to PDF, whose producer order is the
  defect under test (digits drawn after the Hangul around them).

From the reference we drop the page furniture we remove on purpose, by
patterns written here: "- N -" / "- ii -" page numbers, the minutes' running
header with its page number, and the research report's running header.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from functools import cache
from pathlib import Path

import pytest

from workbench.core.models import BlockKind
from workbench.corpus.extract import extract_file
from workbench.corpus.structure import classify_line
from tests.helpers.coverage import five_grams

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "realfiles" / "pdf"
PDFS = sorted(p.name for p in REAL.glob("*.pdf"))
REGULATION = "국토부_규제영향분석서_도심복합개발법시행령.pdf"
PRINTED = "서초구의회_결재문서_PrintToPDF.pdf"
HYDROGEN = "수소정책_연구보고서.pdf"
MINUTES = "국회회의록_환노위.pdf"
BILL = "의안원문_2125318.pdf"
MODE = {PRINTED: []}  # the rest: ["-raw"]
FURNITURE = re.compile(r"^\s*(-\s*(\d+|[ivxlc]+)\s*-|(\d+\s+)?제414회-환경노동제1차\(2024년5월7일\)(\s+\d+)?"
                       r"|해양수산 수소경제 기술 활성화 방안 연구)\s*$")
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="poppler-utils is installed by make test")
# Without OCR the report's cover is skipped (and said so), and its first heading opens the text.
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="make test installs tesseract-ocr and tesseract-ocr-kor")


@cache
def doc(name: str):
    return extract_file(REAL / name)


@cache
def reference(name: str) -> str:
    text = subprocess.run(["pdftotext", *MODE.get(name, ["-raw"]), str(REAL / name), "-"],
                          capture_output=True, text=True, check=True).stdout
    return "\n".join(line for line in text.splitlines() if not FURNITURE.match(line))


def blocks(d, kind=None, page=None):
    return [(b, d.text[b.start:b.end]) for b in d.blocks
            if (kind is None or b.kind is kind) and (page is None or b.meta.get("page") == page)]


@needs_pdftotext
@pytest.mark.parametrize("name", PDFS)
def test_every_pdf_keeps_its_reference_text(name):
    d = doc(name)
    assert five_grams(d.text, reference(name)) >= 0.98
    assert five_grams(reference(name), d.text) >= 0.95  # nothing doubled or made up (the OCR'd cover aside)


# Headings as the pages show them: (text, how many times the file has it).
HEADINGS = {
    REGULATION: [("Ⅰ. 규제의 필요성 및 대안선택", 10), ("Ⅱ. 규제의 적정성", 10), ("Ⅲ. 규제의 실효성", 10),
                 ("Ⅳ. 추진계획 및 종합결론", 10), ("3. 해외 및 유사입법사례", 10)],
    PRINTED: [("Ⅰ 관련근거", 1), ("Ⅱ 집행방향", 1), ("Ⅲ 집행계획", 1)],
    HYDROGEN: [("1) 배경 및 필요성", 1), ("2) 국내외 수소경제 동향분석", 1), ("가. 국내외 정책동향", 1),
               ("나. 국내외 기술동향", 1)],
    MINUTES: [("의사일정", 1)],
    BILL: [("제안이유 및 주요내용", 1), ("신ㆍ구조문대비표", 1)],
}


@pytest.mark.parametrize("name", [pytest.param(n, marks=needs_tesseract) if n == HYDROGEN else n for n in PDFS])
def test_real_headings_are_kept(name):
    headings = [t for _, t in blocks(doc(name), BlockKind.HEADING)]
    for text, count in HEADINGS[name]:
        assert headings.count(text) == count, (text, [h for h in headings if text[:4] in h])


def test_a_heading_repeated_at_section_starts_is_not_a_running_header():
    # Every section starts a page with the same heading, on 10 of 157 pages: text, not furniture.
    d = doc(REGULATION)
    assert d.text.count("- 경쟁영향평가") == 10 and d.text.count("경쟁영향평가") == 30
    assert all("header" not in b.meta for b in d.blocks)
    # The bill's page numbers and the minutes' running header still go.
    assert {b.meta.get("page_label") for b in doc(BILL).blocks if b.meta["page"] == 2} == {"2"}
    assert all(b.meta.get("header") == "제414회-환경노동제1차(2024년5월7일)"
               for b in doc(MINUTES).blocks if b.meta["page"] == 12)


def test_the_report_running_header_is_page_metadata():
    d = doc(HYDROGEN)
    body = [b for b in d.blocks if b.meta.get("page", 0) >= 3]
    assert all("해양수산 수소경제 기술 활성화 방안 연구" not in d.text[b.start:b.end] for b in body)
    assert {b.meta.get("header") for b in body if b.meta["page"] % 2 == 0} == {"해양수산 수소경제 기술 활성화 방안 연구"}


def test_the_comparison_table_is_a_table_not_552_headings():
    d = doc(REGULATION)
    pages = {b.meta["page"] for b, t in blocks(d) if t == "<조문 대비표>"}
    assert len(pages) == 10
    tables = [b for b, _ in blocks(d, BlockKind.TABLE) if b.meta["page"] in pages]
    assert len(tables) >= 10
    assert all(b.meta["rows"][0] == ["현행", "개정안"] for b in tables)
    first = tables[0].meta["rows"]
    assert first[1][0] == "<신설>" and first[1][1].startswith("제4조(사업시행예정자의 결정 및 변경 등) ① 복합개발사업을 추진하려는")
    # No line of a comparison table becomes a heading: nothing but the table between
    # "<조문 대비표>" and the next section.
    starts = [b.start for b, t in blocks(d) if t == "<조문 대비표>"]
    for start in starts:
        end = next(b.start for b, t in blocks(d, BlockKind.HEADING) if b.start > start and t.startswith("Ⅰ."))
        between = [b for b in d.blocks if start < b.start < end]
        assert [b.kind for b in between] == [BlockKind.TABLE], [d.text[b.start:b.end][:40] for b in between]
    # Before: 552 headings were lines of these tables ("는 토지등소유자(혁신지구에 위치"). Numbered
    # items of the same provisions quoted in the text ("5. 내장재료 …") are the text classifier's.
    cells = " ".join(c for b in tables for row in b.meta["rows"] for c in row)
    assert not [t for _, t in blocks(d, BlockKind.HEADING)
                if len(t) > 12 and t in cells and classify_line(t)[0] is not BlockKind.HEADING]


def test_a_table_inside_a_table_cell_stays_in_its_cell():
    d = doc(REGULATION)
    [outer] = [b for b, t in blocks(d, BlockKind.TABLE, page=2) if "피규제집단" in t]
    rows = outer.meta["rows"]
    [row] = [r for r in rows if r and any("피규제집단" in c for c in r)]
    cell = next(c for c in row if c.startswith("ㅇ 피규제자"))
    # The cell reads as the page does: its text, then the small table's cells in order.
    assert cell.index("이해관계자 : 복합개발사업을 시행하고자 하는 자") < cell.index("유형") \
        < cell.index("인원수 또는 규모") < cell.index("피규제자 복합개발사업에 동의하려는 토지등소유자")
    # (Hancom breaks this document's lines inside words, so where the cell's rows meet is a guess.)
    assert "법시행및시·도조례제정전으로실제추진중인사업이없으므로정확한사업동의자특정은곤란" in cell.replace(" ", "")
    [nested] = outer.meta["nested"]
    assert (nested["row"], nested["col"]) == (rows.index(row), row.index(cell))
    inner = nested["rows"]
    assert inner[0] == ["유형", "", "인원수 또는 규모"] and nested["spans"] == [(0, 0, 1, 2)]
    assert inner[1][:2] == ["피규제자", "복합개발사업에 동의하려는 토지등소유자"]
    assert inner[1][2].replace(" ", "").startswith("법시행및시·도조례제정전으로") and inner[1][2] in cell
    at = 0  # the reader draws the small table inside the cell where its cells are found, in order
    for value in (v for row in inner for v in row if v):
        at = cell.index(value, at) + len(value)


def test_print_to_pdf_runs_read_in_their_places():
    text = doc(PRINTED).text
    for phrase in ("지방자치단체 회계관리에 관한 훈령(행안부훈령 제416호, '26.1.2.시행)",
                   "지방자치단체 업무추진비 집행에 관한 규칙 제3조제2항의「별표2」",
                   "(단위 : 천원)", "2026. 1. 2.(금)", "※ 단, 불가피한 경우에 한하여 현금 지출(경조사, 격려금 등)",
                   "의회사무국장 : 임동수☎2155-3100", "붙임 지방자치단체 업무추진비 집행에 관한 규칙 1부. 끝."):
        assert phrase in text
    assert "제 호416" not in text


def test_letter_spaced_names_in_a_table_read_as_words():
    [table] = [b for b, t in blocks(doc(PRINTED), BlockKind.TABLE) if "교부내역" in t]
    names = [row[0] for row in table.meta["rows"]]
    assert names[:7] == ["집행대상", "의장", "부의장", "운영위원장", "행정복지위원장", "재정건설위원장", "예산결산특별 위원장등"]


def test_ingest_time_of_the_real_pdfs_is_not_pathological():
    """A guard only; the figures are measured in the commit messages and the report."""
    start = time.perf_counter()
    for name in PDFS:
        extract_file(REAL / name)
    assert time.perf_counter() - start < 120


@needs_tesseract
def test_an_image_only_cover_is_read_by_ocr_and_holds_the_title():
    d = doc(HYDROGEN)
    cover = [(b, t) for b, t in blocks(d) if b.meta["page"] == 1]
    assert cover and all(b.meta.get("ocr") for b, _ in cover)
    assert not any(b.meta.get("ocr") for b in d.blocks if b.meta["page"] > 1)
    text = " ".join(t for _, t in cover)
    assert "수소경제 기술" in text and "활성화 방안 연구" in text
    assert d.title == "해양수산 수소경제 기술 활성화 방안 연구"  # not "1) 배경 및 필요성"
    # The blank page 2 is nobody's concern; page 1 is named as read by OCR, in both languages.
    [(english, korean)] = [w for w in d.warnings if "OCR" in w[0]]
    assert "page(s) 1 " in english and "check quotes" in english and korean.startswith("1쪽은")


def test_without_ocr_an_image_only_page_is_named_as_left_out(monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBENCH_TESSERACT", str(tmp_path / "no-tesseract"))
    d = extract_file(REAL / HYDROGEN)
    [(english, korean)] = [w for w in d.warnings if "page(s) 1 " in w[0]]
    assert "left out" in english and "Tesseract" in english and korean.startswith("1쪽은") and "뺐습니다" in korean
    assert all(b.meta["page"] >= 3 for b in d.blocks)
