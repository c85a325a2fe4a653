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
from workbench.export.xlsx import MINIMUMS, WIDTHS
from workbench.services.export import export_briefing
from tests.conftest import REPORT
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
    shrink = page.MIN_POINTS * page.HEADROOM / page.FONT_POINTS
    assert page.plan([12, 30, 10, 60], "a4") == page.Plan("portrait", 1, [12, 30, 10, 60])  # Entities as it is
    usable = page.PAPERS["a4"][1] - (page.MARGINS.left + page.MARGINS.right) * 72
    # The passage table at its screen widths would print under 8 pt on one page…
    assert sum(map(page.column_points, WIDTHS.values())) * shrink > usable
    for paper in ("a4", "letter"):  # …so its columns narrow (never below their minimums) to fit one landscape page
        layout = page.plan(list(WIDTHS.values()), paper, list(MINIMUMS.values()))
        assert (layout.orientation, layout.pages_wide) == ("landscape", 1)
        assert all(low <= w <= wide for w, low, wide in zip(layout.widths, MINIMUMS.values(), WIDTHS.values()))
        assert sum(map(page.column_points, layout.widths)) <= page.room(paper, "landscape")
        assert layout.widths[list(WIDTHS).index("text")] == max(layout.widths)  # the passage stays the widest
    # Columns that cannot narrow enough span pages side by side, each page's columns at the readable size.
    wide = [6] + [60] * 9
    layout = page.plan(wide, "a4", wide)
    assert layout.pages_wide == 3 and layout.widths == wide  # A + three 60-character columns a page


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
    ws = load_workbook(out)["구절"]
    assert ws.page_setup.paperSize == 1 and ws.page_setup.fitToWidth == 1  # Letter is narrower: still one page
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
    # The passage table is one page wide and several down: every page repeats the whole header row, so
    # every row prints whole on one page — its passage beside its tags, note and who coded it.
    assert len(passages_pages) >= 4
    for text in passages_pages:
        assert all(word in text for word in ("No.", "Document", "Passage", "Tags", "Note", "Coded")), text[:200]


def _print(out, folder):
    """The workbook printed by LibreOffice: the PDF's pages, each with the sheet named at its top."""
    import pypdfium2 as pdfium

    proc = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(out)],
                          capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    pdf = pdfium.PdfDocument(folder / f"{out.stem}.pdf")
    return [pdf[n].get_textpage().get_text_range() for n in range(len(pdf))]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by `make test` as root")
def test_a_small_briefing_prints_on_few_pages(tmp_path):
    """4 passages under two top-level tags printed as ten pages (twelve with three tags): every passage
    sheet two pages wide, each row cut in two, and the Sources too. Now one page a sheet."""
    project = many_passages(tmp_path, 4)
    out = tmp_path / "small.xlsx"
    export_briefing(project, out, paper="a4", language="ko")
    sheets = load_workbook(out, read_only=True).sheetnames
    pages = _print(out, tmp_path / "pdf")
    named = [next(name for name in sheets if name in text.split("\n")[0]) for text in pages]
    assert named == sheets  # one page each: 구절, the two tags' sheets, 요약, 개체, 출처
    assert len(pages) == 6
    assert all(f"{n} / {len(pages)}쪽" in text for n, text in enumerate(pages, 1))


def test_no_row_is_taller_than_a_page(tmp_path):
    """A row taller than what a page holds would be cut: with the header row repeated, the tallest row
    (Excel's 409 pt, a passage of 40,000 characters) still fits a page in any orientation."""
    from workbench.services import annotations as svc
    from workbench.services.documents import show_document
    from workbench.services.ingest import ingest
    from workbench.services.jobs import run_job
    from workbench.services.projects import open_project

    project = open_project(tmp_path / "p")
    run_job(ingest(project, [REPORT], index=False))
    end = min(40_000, len(show_document(project, REPORT.name).text))
    svc.tag_passage(project, REPORT.name, ["전체"], start=0, end=end)
    out = tmp_path / "tall.xlsx"
    export_briefing(project, out, paper="letter")
    for ws in load_workbook(out).worksheets:
        width, height, _ = page.PAPERS["letter"]
        tall = width if ws.page_setup.orientation == "landscape" else height
        printable = tall - (ws.page_margins.top + ws.page_margins.bottom) * 72  # points; a scale < 1 only adds room
        heights = [d.height for r, d in ws.row_dimensions.items() if d.height]
        assert ws.row_dimensions[1].height + max(heights) <= printable, ws.title
