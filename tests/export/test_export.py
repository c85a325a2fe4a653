"""Briefing tables read back: sheets, headers, counts, Korean text, styles,
neutralised cells, atomic writes; CSV and REFI-QDA; batch search."""

from __future__ import annotations

import errno
import shutil
import subprocess
import zipfile
from datetime import datetime

import pandas as pd
import pytest
from lxml import etree
from openpyxl import load_workbook

from workbench.core.errors import WorkbenchError
from workbench.export.xlsx import sheet_name
from workbench.services import annotations as svc
from workbench.services import codebook as books
from workbench.services.analyst import analyst_name
from workbench.services.documents import show_document
from workbench.services.export import batch_search, export_briefing
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from tests.conftest import REPORT

NEWS = ("=HYPERLINK(\"http://evil\",\"click\") 과기정통부가 발표했다.\n\n"
        "@SUM(1+1) 앤트로픽이 참석했다.\n\n- 목록 항목: 2억 달러를 투자한다 😀.\n\n+국내 반응은 엇갈렸다.")


@pytest.fixture(scope="module")
def tagged(tmp_path_factory):
    from workbench.services.projects import open_project

    root = tmp_path_factory.mktemp("export")
    project = open_project(root / "p")
    news = root / "news.txt"
    news.write_text(NEWS, encoding="utf-8")
    shutil.copy(REPORT, root / "report.txt")
    run_job(ingest(project, [news, root / "report.txt"], index=False))
    svc.tag_passage(project, "news.txt", ["정책 / 규제"], quote=NEWS.split("\n\n")[0], note="주의\x07할 것")
    svc.tag_passage(project, "news.txt", ["기업"], quote="@SUM(1+1) 앤트로픽이 참석했다.")
    svc.tag_passage(project, "news.txt", ["정책 / 예산", "기업"], quote="- 목록 항목: 2억 달러를 투자한다 😀.")
    svc.tag_passage(project, "news.txt", ["반응"], quote="+국내 반응은 엇갈렸다.")
    report_text = show_document(project, "report.txt").text
    svc.tag_passage(project, "report.txt", ["전체"], start=0, end=40_000)  # over Excel's cell limit
    return project, root, report_text


def test_workbook_sheets_rows_text_and_styles(tagged):
    project, root, report_text = tagged
    out = root / "brief.xlsx"
    result = export_briefing(project, out)
    assert result["passages"] == 5
    wb = load_workbook(out)
    assert wb.sheetnames == ["Passages", "기업", "반응", "전체", "정책", "Summary", "Entities", "Sources"]
    ws = wb["Passages"]
    headers = [c.value for c in ws[1]]
    assert headers[:8] == ["No.", "Document", "Source file", "Section", "Location", "Passage", "Tags", "Note"]
    assert ws.max_row == 6
    texts = [ws.cell(row=r, column=6).value for r in range(2, 7)]
    assert "- 목록 항목: 2억 달러를 투자한다 😀." in texts  # Korean and emoji byte-identical
    assert ws["A1"].font.bold and ws["A1"].fill.fgColor.rgb.endswith("1F4E78")
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:L6"
    coder = headers.index("Coded by") + 1  # who tagged each passage: here the computer's user, the analyst
    conn = project.connect()
    try:
        assert {ws.cell(row=r, column=coder).value for r in range(2, 7)} == {analyst_name(project, conn)}
    finally:
        conn.close()
    assert ws.cell(row=2, column=6).alignment.wrap_text
    assert isinstance(ws.cell(row=2, column=10).value, datetime)
    # One landscape page wide at a readable size (the columns narrowed to fit): a row is never cut in two.
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows in ("1:1", "$1:$1")
    assert wb.properties.creator == "Workbench" and wb.properties.title
    assert wb["정책"].max_row == 3  # passages under 정책 / 규제 and 정책 / 예산
    long = next(t for t in texts if t.startswith(report_text[:50]))
    assert len(long) <= 32_767 and "more characters]" in long
    notes = [ws.cell(row=r, column=8).value for r in range(2, 7)]
    assert "주의할 것" in notes  # the control character is gone
    summary = wb["Summary"]
    assert summary.cell(row=1, column=1).value == "Tag"
    total_row = next(r for r in range(2, summary.max_row + 1) if summary.cell(row=r, column=1).value == "Total")
    tags = [summary.cell(row=r, column=1).value for r in range(2, total_row)]
    assert tags == ["기업", "반응", "전체", "정책 / 규제", "정책 / 예산"]  # one row per tag, by full path
    assert summary.cell(row=total_row, column=summary.max_column).value == 5  # every passage once
    sources = wb["Sources"]
    assert {sources.cell(row=r, column=3).value for r in (2, 3)} == {"txt"}
    frames = pd.read_excel(out, sheet_name=None)
    assert len(frames["Passages"]) == 5 and list(frames) == wb.sheetnames


def test_formula_like_text_is_never_a_formula(tagged):
    project, root, _ = tagged
    out = root / "danger.xlsx"
    export_briefing(project, out)
    with zipfile.ZipFile(out) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in z.read(n) for n in sheets)
    ws = load_workbook(out)["Passages"]
    values = {ws.cell(row=r, column=6).value for r in range(2, 7)}
    assert "@SUM(1+1) 앤트로픽이 참석했다." in values and "+국내 반응은 엇갈렸다." in values
    for r in range(2, 7):
        assert ws.cell(row=r, column=6).data_type == "s"


def test_csv_has_bom_and_neutralises_formulas(tagged):
    project, root, _ = tagged
    out = root / "brief.csv"
    export_briefing(project, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert len(frame) == 5
    passages = set(frame["Passage"])
    assert "'@SUM(1+1) 앤트로픽이 참석했다." in passages and "'+국내 반응은 엇갈렸다." in passages


def test_qdpx_is_a_valid_project_pointing_at_the_text(tagged):
    project, root, _ = tagged
    out = root / "brief.qdpx"
    export_briefing(project, out, tags=["기업"])
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None
        root_el = etree.fromstring(z.read("project.qde"))
        ns = {"q": "urn:QDA-XML:project:1.0"}
        codes = {c.get("name") for c in root_el.iterfind(".//q:Code", ns)}
        assert {"정책", "규제", "예산", "기업", "반응", "전체"} <= codes
        [source] = root_el.iterfind(".//q:TextSource", ns)
        text = z.read("sources/" + source.get("plainTextPath").split("//")[1]).decode("utf-8")
        selections = list(source.iterfind("q:PlainTextSelection", ns))
        quotes = {text[int(s.get("startPosition")):int(s.get("endPosition"))] for s in selections}
        assert quotes == {"@SUM(1+1) 앤트로픽이 참석했다.", "- 목록 항목: 2억 달러를 투자한다 😀."}
        assert all(s.find("q:Coding/q:CodeRef", ns) is not None for s in selections)


def test_selection_by_tag_document_and_date(tagged):
    project, root, _ = tagged
    assert export_briefing(project, root / "a.xlsx", tags=["정책"])["passages"] == 2
    assert export_briefing(project, root / "b.xlsx", docs=["report.txt"])["passages"] == 1
    assert export_briefing(project, root / "c.xlsx", since="2000-01-01", until="2999-12-31")["passages"] == 5
    with pytest.raises(WorkbenchError, match="nothing was written"):
        export_briefing(project, root / "d.xlsx", since="2999-01-01")  # an empty selection writes no file
    assert not (root / "d.xlsx").exists()
    with pytest.raises(WorkbenchError):
        export_briefing(project, root / "e.pdf")


def test_failed_write_leaves_the_old_file_and_no_temp(tagged, monkeypatch):
    project, root, _ = tagged
    folder = root / "atomic"
    folder.mkdir()
    out = folder / "brief.xlsx"
    out.write_bytes(b"previous version")
    from openpyxl.workbook.workbook import Workbook

    def full_disk(self, filename):
        with open(filename, "wb") as handle:
            handle.write(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Workbook, "save", full_disk)
    with pytest.raises(WorkbenchError) as info:
        export_briefing(project, out)
    assert "disk is full" in info.value.message
    assert out.read_bytes() == b"previous version"
    assert [p.name for p in folder.iterdir()] == ["brief.xlsx"]
    monkeypatch.undo()

    def locked(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("os.replace", locked)
    with pytest.raises(WorkbenchError) as info:
        export_briefing(project, out)
    assert "open in another program" in info.value.message
    assert out.read_bytes() == b"previous version" and [p.name for p in folder.iterdir()] == ["brief.xlsx"]
    with pytest.raises(WorkbenchError):
        export_briefing(project, root / "no-such-folder" / "x.xlsx")


def test_sheet_names_follow_excels_rules():
    taken: set[str] = set()
    assert sheet_name("정책/규제: [초안]?", taken) == "정책_규제_ _초안__"
    long = sheet_name("가" * 40, taken)
    assert len(long) == 31
    assert sheet_name("가" * 40, taken) == "가" * 27 + " (2)"


def test_batch_search_writes_hits_and_problems(tagged):
    project, root, _ = tagged
    queries = root / "queries.txt"
    queries.write_text("과기정통부\n앤트로픽\n\"AI 기본법\n", encoding="utf-8")
    result = batch_search(project, queries, root / "batch.xlsx")
    assert result["queries"] == 3 and result["hits"] > 2
    wb = load_workbook(root / "batch.xlsx")
    hits, summary = wb["Hits"], wb["Queries"]
    assert hits.max_row - 1 == result["hits"]
    assert {hits.cell(row=r, column=1).value for r in range(2, hits.max_row + 1)} == {"과기정통부", "앤트로픽"}
    assert "never closed" in summary.cell(row=4, column=5).value
    xlsx_queries = root / "queries.xlsx"
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Query"])
    book.active.append(["앤트로픽"])
    book.save(xlsx_queries)
    assert batch_search(project, xlsx_queries, root / "batch2.xlsx")["queries"] == 1


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by `make test` as root")
def test_libreoffice_opens_the_workbook(tagged):
    project, root, _ = tagged
    out = root / "lo.xlsx"
    export_briefing(project, out)
    converted = root / "lo-out"
    # 44,34,76: comma, double quote, UTF-8.
    proc = subprocess.run(["soffice", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                           "--outdir", str(converted), str(out)], capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    text = (converted / "lo.csv").read_text(encoding="utf-8")
    assert "앤트로픽이 참석했다" in text and "Passage" in text
    assert '=HYPERLINK(""http://evil""' in text  # shown as text, never evaluated to "click"


def test_rows_are_tall_enough_to_read(tagged):
    project, root, _ = tagged
    out = root / "heights.xlsx"
    export_briefing(project, out)
    ws = load_workbook(out)["Passages"]
    heights = [ws.row_dimensions[r].height for r in range(2, 7)]
    assert all(h and h >= 17 for h in heights)
    assert max(heights) == 409  # the 40,000-character passage gets the tallest row Excel allows


def test_bad_export_requests_are_refused(tagged):
    project, root, _ = tagged
    for kwargs, fragment in (({"since": "notadate"}, "not a date"), ({"tags": ["없는태그"]}, "No tag")):
        with pytest.raises(WorkbenchError) as info:
            export_briefing(project, root / "bad.xlsx", **kwargs)
        assert fragment in info.value.message
    with pytest.raises(WorkbenchError):
        batch_search(project, root / "missing.txt", root / "x.xlsx")
    cp949 = root / "cp949.txt"
    cp949.write_bytes("앤트로픽\n".encode("cp949"))
    with pytest.raises(WorkbenchError):
        batch_search(project, cp949, root / "x.txt")  # only .xlsx
    assert batch_search(project, cp949, root / "cp949.xlsx")["queries"] == 1
    with pytest.raises(WorkbenchError):
        books.export_codebook(project, root / "codebook.txt")


def test_exported_files_are_readable_by_others(tagged):
    import os
    import stat

    project, root, _ = tagged
    old = os.umask(0o022)
    try:
        export_briefing(project, root / "shared.xlsx")
    finally:
        os.umask(old)
    assert stat.S_IMODE((root / "shared.xlsx").stat().st_mode) == 0o644


@pytest.fixture
def tagged_copy(tagged, tmp_path):
    """The tagged project copied, for a test that changes it: the module's
    project stays as every other test expects it, in any order."""
    from workbench.services.projects import open_project

    project, root, report_text = tagged
    shutil.copytree(project.root, tmp_path / "p")
    return open_project(tmp_path / "p"), tmp_path, report_text


def test_qdpx_keeps_a_deleted_tag_and_tags_show_their_path(tagged_copy):
    project, root, _ = tagged_copy
    books.create_tag(project, "임시")
    svc.tag_passage(project, "news.txt", ["임시"], quote="앤트로픽이 참석했다")
    books.delete_tag(project, "임시")
    out = root / "kept.qdpx"
    export_briefing(project, out)
    with zipfile.ZipFile(out) as z:
        root_el = etree.fromstring(z.read("project.qde"))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    assert "임시" in {c.get("name") for c in root_el.iterfind(".//q:Code", ns)}
    assert all(s.find("q:Coding", ns) is not None for s in root_el.iterfind(".//q:PlainTextSelection", ns))
    ws = load_workbook(export_briefing(project, root / "paths.xlsx")["path"])["Passages"]
    assert "정책 / 규제" in {ws.cell(row=r, column=7).value for r in range(2, ws.max_row + 1)}
