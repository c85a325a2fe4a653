"""A briefing that prints: A4 (or Letter) on every sheet, fitted to the page
width only while the text stays at least 8 pt, the header row repeated,
the briefing and sheet named at the top and page numbers at the bottom;
headers and long titles wrap in rows tall enough to show them. The slow
test prints the workbook with LibreOffice and reads the PDF's pages."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from workbench.export import page
from workbench.export.xlsx import WIDTHS
from workbench.services.export import export_briefing
from tests.helpers.passages import many_passages


@pytest.fixture(scope="module")
def briefing(tmp_path_factory):
    root = tmp_path_factory.mktemp("printing")
    project = many_passages(root, 40)
    out = root / "brief.xlsx"
    export_briefing(project, out, paper="a4")
    return project, root, out


def test_paper_follows_the_locale():
    assert page.paper_for_locale("en_US.UTF-8") == "letter"
    assert page.paper_for_locale("fr-CA") == "letter" and page.paper_for_locale("es_MX") == "letter"
    assert page.paper_for_locale("ko_KR.UTF-8") == "a4" and page.paper_for_locale("en_GB") == "a4"
    assert page.paper_for_locale(None) == "a4" and page.paper_for_locale("C") == "a4"


def test_default_paper_reads_lc_paper(monkeypatch):
    monkeypatch.setenv("LC_PAPER", "en_US.UTF-8")
    assert page.default_paper() == "letter"
    monkeypatch.setenv("LC_PAPER", "ko_KR.UTF-8")
    assert page.default_paper() == "a4"


def test_plan_keeps_text_readable():
    shrink = page.MIN_POINTS / page.FONT_POINTS
    assert page.plan([12, 30, 10, 60], "a4") == ("portrait", 1)  # Entities: fits a portrait page
    orientation, pages = page.plan(list(WIDTHS.values()), "a4")
    assert (orientation, pages) == ("landscape", 2)  # the passage table: two pages wide, not 4 pt on one
    usable = page.PAPERS["a4"][1] - (page.MARGINS.left + page.MARGINS.right) * 72
    assert sum(map(page.column_points, WIDTHS.values())) * shrink > usable  # one page would be under 8 pt
    # However wide, every page's columns fit at the readable size.
    wide = [page.column_points(w) for w in [6] + [60] * 9]
    assert page.pages_across(wide, usable / shrink) == 3  # A + three 60-character columns a page


def test_every_sheet_is_set_up_to_print(briefing):
    _, _, out = briefing
    wb = load_workbook(out)
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert setup.paperSize == 9 and setup.fitToHeight == 0 and setup.fitToWidth >= 1, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows in ("1:1", "$1:$1")
        assert ws.oddHeader.left.text == "Workbench briefing" and ws.oddHeader.right.text == "&A"
        assert ws.oddFooter.center.text == "Page &P of &N"
    assert wb["Passages"].page_setup.orientation == "landscape"
    assert wb["Entities"].page_setup.orientation == "portrait"


def test_letter_paper_and_korean_page_numbers(briefing, tmp_path):
    project, _, _ = briefing
    out = tmp_path / "letter.xlsx"
    export_briefing(project, out, paper="letter", language="ko")
    ws = load_workbook(out)["Passages"]
    assert ws.page_setup.paperSize == 1
    assert ws.oddFooter.center.text == "&P / &N쪽"


def test_headers_and_titles_wrap_in_rows_tall_enough(briefing):
    _, _, out = briefing
    wb = load_workbook(out)
    summary = wb["Summary"]
    # The document's title wraps onto three lines of its 18-character column: no fixed 22 pt clipping it.
    assert summary.row_dimensions[1].height >= 45
    sources = wb["Sources"]
    assert sources.cell(row=2, column=1).alignment.wrap_text  # a long title wraps instead of being cut
    assert sources.row_dimensions[2].height >= 30
    entities = wb["Entities"]
    assert entities.column_dimensions["C"].width >= len("Mentions") + 3  # a header word never breaks


def _effective_sizes(textpage):
    import pypdfium2.raw as raw

    matrix = raw.FS_MATRIX()
    text = textpage.get_text_range()
    sizes = []
    for i in range(textpage.count_chars()):
        if i < len(text) and not text[i].isspace() and raw.FPDFText_GetMatrix(textpage, i, matrix):
            sizes.append(raw.FPDFText_GetFontSize(textpage, i) * (matrix.a ** 2 + matrix.b ** 2) ** 0.5)
    return sizes


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by `make test` as root")
def test_libreoffice_prints_readable_a4_pages(briefing):
    import pypdfium2 as pdfium

    _, root, out = briefing
    folder = root / "pdf"
    proc = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(out)],
                          capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    pdf = pdfium.PdfDocument(folder / "brief.pdf")
    pages = len(pdf)
    assert pages > 4
    passages_pages = []
    for n in range(pages):
        width, height = pdf[n].get_size()
        assert sorted((round(width), round(height))) == [595, 842], (n, width, height)  # A4, either way round
        textpage = pdf[n].get_textpage()
        text = textpage.get_text_range()
        assert f"Page {n + 1} of {pages}" in text  # the footer
        assert "Workbench briefing" in text  # the header
        sizes = _effective_sizes(textpage)
        assert sizes and min(sizes) >= 7.9, (n, min(sizes))  # readable: never squeezed under 8 pt
        if "Passages" in text.split("\n")[0]:
            passages_pages.append(text)
    # The passage table spans two pages wide and several down; each page repeats the header row.
    assert len(passages_pages) >= 4
    assert all("No." in text for text in passages_pages)
    assert sum("Passage" in text and "Document" in text for text in passages_pages) >= 2
    assert sum("Tags" in text and "Note" in text for text in passages_pages) >= 2
