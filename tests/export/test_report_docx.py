"""The briefing as a Word report (.docx), read back three ways: python-docx
(as Word's object model shows it), the raw XML (fonts, page, footer field),
Workbench's own Word reader (as a colleague's .docx is ingested), and — slow —
LibreOffice printing it to PDF, whose text holds every quote."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from tests.helpers.report_project import PASSAGES, tagged_copy
from workbench.core.progress import Cancelled, CancelToken
from workbench.corpus.extract import extract_file
from workbench.services.export import build_briefing, export_briefing, export_steps, select_annotations

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def exported(seeded_project, tmp_path_factory):
    root = tmp_path_factory.mktemp("report-docx")
    project = tagged_copy(seeded_project, root / "p")
    files = {}
    for language in ("ko", "en"):
        files[language] = root / f"보고서-{language}.docx"
        result = export_briefing(project, files[language], language=language)
        assert result == {"path": str(files[language]), "format": "docx", "passages": 5, "documents": 5}
    briefing = build_briefing(project, select_annotations(project), language="ko")
    return project, files, briefing


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _xml(path: Path, part: str):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(part))


def _raw_paragraphs(path: Path) -> list[str]:
    """Each body paragraph's text from word/document.xml itself, a w:br as "\\n"."""
    body = _xml(path, "word/document.xml").find(f"{W}body")
    out = []
    for p in body.iterfind(f"{W}p"):
        out.append("".join(el.text or "" if el.tag == f"{W}t" else "\n" for el in p.iter(f"{W}t", f"{W}br")))
    return out


def test_every_quote_and_source_title_through_python_docx_and_the_raw_xml(exported):
    _, files, briefing = exported
    document = docx.Document(files["ko"])
    paragraphs = [p.text for p in document.paragraphs]
    raw = _raw_paragraphs(files["ko"])
    for passage in briefing.passages:
        quote = f"○ “{passage.text.strip()}”"
        assert quote in paragraphs and quote in raw  # exact, a paragraph break inside it a line break
    [table] = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["번호", "제목", "발행처", "날짜", "파일"] and len(rows) == 6
    assert sorted(r[1] for r in rows[1:]) == sorted(s.title for s in briefing.sources)
    table_xml = etree.tostring(_xml(files["ko"], "word/document.xml").find(f".//{W}tbl"), encoding="unicode")
    assert all(s.title in table_xml for s in briefing.sources if "&" not in s.title and "<" not in s.title)


def test_headings_sources_and_notes_in_order(exported):
    _, files, briefing = exported
    document = docx.Document(files["ko"])
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["□ 기업", "□ 반응", "□ 정책", "□ 자료 목록"]
    assert document.paragraphs[0].style.name == "Title" and document.paragraphs[0].text == "워크벤치 브리핑"
    assert document.paragraphs[1].text.startswith("작성일 ") and " · 작성자 " in document.paragraphs[1].text
    texts = [p.text for p in document.paragraphs]
    quote = f"○ “{PASSAGES[0][1]}”"
    assert texts.count(quote) == 2  # under 기업 and under 정책
    at = texts.index(quote)
    assert texts[at + 1].startswith("출처: [1] 전자신문, 2025-10-20, 「") and texts[at + 1].endswith("」, ¶ 1")
    assert texts[at + 2] == "– 미국 사례 😀\n국내와 비교할 것"  # the bell character gone
    assert document.core_properties.title == "워크벤치 브리핑" and document.core_properties.author


def test_korean_fonts_a4_and_page_numbers(exported):
    _, files, _ = exported
    styles = _xml(files["ko"], "word/styles.xml")
    for name in ("Normal", "Title", "heading 1"):
        style = next(s for s in styles.iterfind(f"{W}style") if s.find(f"{W}name").get(f"{W}val") == name)
        fonts = style.find(f"{W}rPr/{W}rFonts")
        assert fonts.get(f"{W}eastAsia") == "맑은 고딕" and fonts.get(f"{W}ascii") == "Calibri", name
        assert not any(key.endswith("Theme") for key in fonts.attrib), name  # a theme font would win over both
    normal = next(s for s in styles.iterfind(f"{W}style") if s.get(f"{W}styleId") == "Normal")
    assert normal.find(f"{W}rPr/{W}lang").get(f"{W}eastAsia") == "ko-KR"
    size = _xml(files["ko"], "word/document.xml").find(f".//{W}sectPr/{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")  # A4 in twentieths of a point
    footer = docx.Document(files["ko"]).sections[0].footer
    field = "".join(t.text for t in footer._element.iter(f"{W}instrText"))
    assert field.strip() == "PAGE"


def test_workbench_s_own_reader_reads_every_quote_back(exported):
    _, files, briefing = exported
    for path in files.values():
        document = extract_file(path)
        assert document.format == "docx"
        text = _words(document.text)
        for passage in briefing.passages:
            assert _words(passage.text) in text
        for source in briefing.sources:
            assert _words(source.title) in text
    document = extract_file(files["ko"])
    assert document.title == "워크벤치 브리핑"
    assert {"□ 기업", "□ 정책", "□ 자료 목록"} <= {b.section for b in document.blocks}


def test_an_english_report_says_it_in_english(exported):
    _, files, _ = exported
    document = docx.Document(files["en"])
    texts = [p.text for p in document.paragraphs]
    assert texts[-1] == "□ List of sources" and texts[1].startswith("Prepared on ")
    assert any(t.startswith("Source: [") for t in texts) and not any("출처" in t for t in texts)
    assert [c.text for c in document.tables[0].rows[0].cells] == ["No.", "Title", "Publisher", "Date", "File"]


def test_a_cancel_writes_nothing_and_keeps_the_old_file(exported, tmp_path):
    project = exported[0]
    out = tmp_path / "old.docx"
    out.write_bytes(b"the analyst's earlier report")
    token = CancelToken()
    steps = export_steps(project, out, token=token)
    while next(steps).stage != "write":  # laid out, about to be saved
        pass
    token.cancel()
    with pytest.raises(Cancelled):
        list(steps)
    assert out.read_bytes() == b"the analyst's earlier report" and list(tmp_path.iterdir()) == [out]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by `make test` as root")
def test_libreoffice_prints_it_with_every_quote(exported, tmp_path):
    _, files, briefing = exported
    folder = tmp_path / "pdf"
    profile = (tmp_path / "lo-profile").as_uri()  # its own profile: another LibreOffice may be running
    proc = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(folder), str(files["ko"])], capture_output=True, text=True, timeout=240)
    pdf = folder / f"{files['ko'].stem}.pdf"
    assert proc.returncode == 0 and pdf.exists(), proc.stderr + proc.stdout  # Writer missing: "no export filter"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 1 and "(A4)" in info
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    squeezed = "".join(text.split())  # lines wrap anywhere on the page
    for passage in briefing.passages:
        assert "".join(passage.text.split()) in squeezed, passage.text[:40]
    for source in briefing.sources:
        assert "".join(source.title.split()) in squeezed
    assert "-1-" in squeezed and "자료목록" in squeezed  # the page number in the footer, the sources table


def test_text_that_would_break_xml_does_not(tmp_path):
    """python-docx (lxml) refuses a control character outright: the report cleans them first."""
    from datetime import date

    from workbench.export.report_docx import write_docx
    from workbench.export.report_model import build_report
    from workbench.export.rows import Briefing, PassageRow, SourceRow

    hostile = "제어\x07문자\x00 <b>&amp;</b> ]]> 😀👩‍👩‍👧\r\n다음 줄\x1f\ufffe 끝"
    source = SourceRow(1, "제목\x01 <&>", "C:\\자료\\문서.txt", "txt", None, "0" * 64, publisher="발행처\x0b")
    row = PassageRow(1, 1, "제목", "C:\\자료\\문서.txt", "", "(0–9)", 0, 9, hostile, ["경고\x07"], ["경고\x07"],
                     "메모\x0b첫 줄\n둘째 줄 😀")
    path = tmp_path / "hostile.docx"
    write_docx(build_report(Briefing("제목", [row], [source], [], language="ko"), "분석가\x02", date(2025, 3, 5)),
               path)
    document = docx.Document(path)
    texts = [p.text for p in document.paragraphs]
    assert "○ “제어문자 <b>&amp;</b> ]]> 😀👩‍👩‍👧\n다음 줄 끝”" in texts
    assert "– 메모첫 줄\n둘째 줄 😀" in texts and "□ 경고" in texts and "작성일 2025-03-05 · 작성자 분석가" in texts
    assert [c.text for c in document.tables[0].rows[1].cells] == ["1", "제목 <&>", "발행처", "", "문서.txt"]
    assert "제어문자" in extract_file(path).text
