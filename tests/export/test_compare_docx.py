"""The 신구조문대비표 as a Word document, beyond what test_compare_tables
reads from it: the marks as Word's object model shows them (bold and
coloured as well as struck or underlined), rows kept whole on a page only
when they fit on one (Word draws a longer one that may not split off the
page's foot), and — slow — LibreOffice printing a row longer than a page
in full, on A4, the header row on every page."""

from __future__ import annotations

import shutil
import subprocess

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import RGBColor

from tests.compare.test_compare import DELETED_SENTENCE, INSERTED_SENTENCE
from tests.export.test_compare_hwpx import LONG
from tests.export.test_compare_tables import _article
from workbench.compare.diff import compare_texts
from workbench.export.compare_page import PAGE_LINES, fits_on_a_page, lines
from workbench.export.compare_table import PLAIN, TableRow
from workbench.services.compare import write_comparison


# An inserted provision of 1,300 characters: under the 1,500 a row was once kept whole up to,
# over a page on its own side.
ADDED = " ".join(f"부칙 제{n}호에 따른 경과조치를 정한다." for n in range(60))


def _long_comparison():
    old = f"머리말.\n짧은 조문 110억원을 투입한다.\n{LONG} 3천만원\n맺음말."
    new = f"머리말.\n짧은 조문 150억원을 투입한다.\n{LONG} 5천만원\n{ADDED}\n맺음말."
    return compare_texts(old, [], new, [])


def test_marked_runs_are_bold_and_coloured_and_plain_runs_plain(tmp_path):
    out = tmp_path / "대비표.docx"
    write_comparison(_article(), out, "ko")
    runs = [run for row in docx.Document(str(out)).tables[0].rows[1:] for cell in row.cells
            for p in cell.paragraphs for run in p.runs]
    looks = {(r.text, bool(r.font.strike), bool(r.font.underline), bool(r.font.bold), r.font.color.rgb) for r in runs}
    red, blue = RGBColor(0xC0, 0, 0), RGBColor(0x1F, 0x4E, 0x78)
    assert (DELETED_SENTENCE, True, False, True, red) in looks and ("110억원을", True, False, True, red) in looks
    assert (INSERTED_SENTENCE, False, True, True, blue) in looks and ("150억원을", False, True, True, blue) in looks
    plain = [r for r in runs if r.text not in (DELETED_SENTENCE, INSERTED_SENTENCE, "110억원을", "150억원을")]
    assert plain and not any(r.font.strike or r.font.underline or r.font.bold or r.font.color.rgb for r in plain)
    assert {r.font.size.pt for r in runs} == {10.0}


def test_only_a_row_that_fits_on_a_page_is_kept_whole(tmp_path):
    out = tmp_path / "long.docx"
    write_comparison(_long_comparison(), out, "ko")
    rows = docx.Document(str(out)).tables[0].rows
    kept = [row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows[1:]]
    texts = [row.cells[1].text for row in rows[1:]]
    assert texts == ["짧은 조문 150억원을 투입한다.", f"{LONG} 5천만원", ADDED] and len(ADDED) < 1500
    assert kept == [True, False, False]


def test_the_estimate_of_a_cell_s_lines():
    assert lines([("", PLAIN)]) == 1 and lines([("가" * 20, PLAIN)]) == 1 and lines([("가" * 21, PLAIN)]) == 2
    assert lines([("a" * 40, PLAIN), ("\n", PLAIN), ("b", PLAIN)]) == 2 and lines([("a\r\nb\rc", PLAIN)]) == 3
    tall = [("줄\n" * PAGE_LINES, PLAIN)]  # PAGE_LINES line breaks: one line more
    assert fits_on_a_page(TableRow("changed", [("줄\n" * (PAGE_LINES - 1), PLAIN)], [])) and not fits_on_a_page(
        TableRow("changed", [], tall))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by `make test` as root")
def test_libreoffice_prints_a_row_longer_than_a_page_in_full(tmp_path):
    out = tmp_path / "long.docx"
    write_comparison(_long_comparison(), out, "ko")
    profile = (tmp_path / "lo-profile").as_uri()  # its own profile: another LibreOffice may be running
    proc = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), str(out)], capture_output=True, text=True, timeout=240)
    pdf = tmp_path / "long.pdf"
    assert proc.returncode == 0 and pdf.exists(), proc.stderr + proc.stdout
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 2 and "(A4)" in info
    columns = {"old": "", "new": ""}  # each column cropped off every page above the footer (pdftotext interleaves them)
    for page in range(1, pages + 1):
        for side, x in (("old", 0), ("new", 298)):
            text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-x", str(x), "-y", "0", "-W",
                                   "297", "-H", "790", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
            text = "".join(text.split())  # lines wrap anywhere; pdftotext spaces letters apart
            header = "현행" if side == "old" else "개정안"
            assert header in text, (page, side)  # the header row on every page, above the row's next lines
            columns[side] += text.split(header, 1)[1]
    old, new = columns["old"], columns["new"]
    assert "".join(f"{LONG} 3천만원".split()) in old and "".join(f"{LONG} 5천만원 {ADDED}".split()) in new
