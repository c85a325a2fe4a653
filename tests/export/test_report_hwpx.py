"""The briefing as a Hangul report (.hwpx), read back as a reader would get
it: the section XML itself (lxml), Workbench's own HWPX reader (the corpus
extract entry point, as a colleague's .hwpx is ingested) and hwpforge's
validator — every quote there, a section per top-level tag, the source
line and the note under each passage, the sources table, the page number,
the fonts and A4; in Korean or English; and text that would break XML
(control characters, emoji, markup-like text, line breaks) does not."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.helpers.report_project import PASSAGES, tagged_copy
from workbench.core.xmltext import clean
from workbench.corpus.extract import extract_file
from workbench.export.report_hwpx import hwpx_bytes, validate_hwpx
from workbench.export.report_model import build_report
from workbench.export.rows import Briefing, PassageRow, SourceRow
from workbench.services.export import build_briefing, export_briefing, select_annotations

HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
HH = "{http://www.hancom.co.kr/hwpml/2011/head}"


@pytest.fixture(scope="module")
def exported(seeded_project, tmp_path_factory):
    root = tmp_path_factory.mktemp("report-hwpx")
    project = tagged_copy(seeded_project, root / "p")
    files = {}
    for language in ("ko", "en"):
        files[language] = root / f"보고서-{language}.hwpx"
        result = export_briefing(project, files[language], language=language)
        assert result == {"path": str(files[language]), "format": "hwpx", "passages": 5, "documents": 5}
    briefing = build_briefing(project, select_annotations(project), language="ko")
    return files, briefing


def _xml(path: Path, part: str = "Contents/section0.xml"):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(part))


def _text(p) -> str:
    """A paragraph's own text (not its tables' cells), a line break as "\\n"."""
    out = []
    for t in p.iterfind(f"{HP}run/{HP}t"):
        out.append(t.text or "")
        for child in t:
            out.append({"lineBreak": "\n", "tab": "\t"}.get(etree.QName(child).localname, " ") + (child.tail or ""))
    return "".join(out)


def _body(path: Path) -> list[str]:
    """The section's paragraphs in order (the sources table's paragraph is empty)."""
    return [_text(p) for p in _xml(path).iterfind(f"{HP}p")]


def _table(path: Path) -> list[list[str]]:
    [table] = _xml(path).iter(f"{HP}tbl")
    return [[_text(p) for tc in tr.iterfind(f"{HP}tc") for p in tc.iter(f"{HP}p")] for tr in table.iterfind(f"{HP}tr")]


def _under(body: list[str]) -> dict[str, list[str]]:
    """Each "□" heading's paragraphs."""
    sections: dict[str, list[str]] = {}
    for line in body:
        if line.startswith("□ "):
            current = sections.setdefault(line, [])
        elif sections:
            current.append(line)
    return sections


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_every_quote_and_every_source_title_is_in_the_section_xml(exported):
    files, briefing = exported
    body = "\n".join(_body(files["ko"]))
    assert len(briefing.passages) == 5
    for passage in briefing.passages:
        assert f"○ “{passage.text.strip()}”" in body  # exact, its paragraph break a line break
    assert any("\n" in p.text.strip() for p in briefing.passages)  # one passage does run over two paragraphs
    titles = [row[1] for row in _table(files["ko"])[1:]]
    assert sorted(titles) == sorted(s.title for s in briefing.sources) and len(titles) == 5


def test_a_section_per_top_level_tag_and_a_passage_under_each_of_its_tags(exported):
    files, _ = exported
    sections = _under(_body(files["ko"]))
    assert list(sections) == ["□ 기업", "□ 반응", "□ 정책", "□ 자료 목록"]  # as the workbook orders its tag sheets
    quote = f"○ “{PASSAGES[0][1]}”"  # tagged 정책 / 조달 and 기업
    assert quote in sections["□ 기업"] and quote in sections["□ 정책"]
    assert sum(line.startswith("○ ") for line in sections["□ 정책"]) == 3  # 정책 / 조달, 정책 / 공공, 정책
    assert sum(line.startswith("○ ") for line in sections["□ 기업"]) == 2  # 기업, 기업 / 투자


def test_each_quote_is_followed_by_its_source_and_the_analyst_s_note(exported):
    files, briefing = exported
    body = _body(files["ko"])
    at = body.index(f"○ “{PASSAGES[0][1]}”")
    first = next(p for p in briefing.passages if p.text == PASSAGES[0][1])
    number = [s.doc_id for s in briefing.sources].index(first.doc_id) + 1
    assert body[at + 1] == f"출처: [{number}] 전자신문, 2025-10-20, 「{first.title}」, ¶ 1"
    assert body[at + 2] == "– 미국 사례 😀\n국내와 비교할 것"  # the bell character gone, the line break kept
    at = body.index(f"○ “{PASSAGES[1][1]}”")
    assert body[at + 1].startswith("출처: [") and body[at + 2].startswith("○ ")  # no note: no "–" line
    assert not any(re.search(r"\(\d+–\d+\)$", line) for line in body)  # offsets find a passage in the project only


def test_the_sources_table(exported):
    files, briefing = exported
    rows = _table(files["ko"])
    assert rows[0] == ["번호", "제목", "발행처", "날짜", "파일"]
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4", "5"]
    assert {r[4] for r in rows[1:]} == {p[0] for p in PASSAGES} | {"004_2c1d2e21fcbb52ad.txt"}
    electronic = next(r for r in rows if r[4] == PASSAGES[0][0])
    assert electronic[2:4] == ["전자신문", "2025-10-20"]
    [table] = _xml(files["ko"]).iter(f"{HP}tbl")
    assert table.get("rowCnt") == "6" and table.get("colCnt") == "5" and table.get("repeatHeader") == "1"


def test_page_numbers_fonts_and_a4(exported):
    files, _ = exported
    section = _xml(files["ko"])
    [page_number] = section.iter(f"{HP}pageNum")
    assert page_number.get("pos") == "BOTTOM_CENTER"
    [page] = section.iter(f"{HP}pagePr")
    assert round(int(page.get("width")) / 7200 * 25.4) == 210 and round(int(page.get("height")) / 7200 * 25.4) == 297
    header = _xml(files["ko"], "Contents/header.xml")
    hangul = {f.get("id"): f.get("face") for f in header.iterfind(f".//{HH}fontface[@lang='HANGUL']/{HH}font")}
    shapes = {c.get("id"): hangul[c.find(f"{HH}fontRef").get("hangul")] for c in header.iter(f"{HH}charPr")}

    def font_of(text: str) -> str:
        p = next(p for p in section.iterfind(f"{HP}p") if _text(p).startswith(text))
        return shapes[p.find(f"{HP}run").get("charPrIDRef")]

    assert font_of("○ “") == font_of("출처:") == "함초롬바탕"  # the body
    assert font_of("□ 정책") == font_of("워크벤치 브리핑") == "함초롬돋움"  # headings and the title


def test_workbench_s_own_reader_reads_every_quote_back(exported):
    files, briefing = exported
    for language, path in files.items():
        document = extract_file(path)
        assert document.format == "hwpx" and document.warnings == []
        text = _words(document.text)
        for passage in briefing.passages:
            assert _words(passage.text) in text, (language, passage.text[:40])
        for source in briefing.sources:
            assert _words(source.title) in text
    assert extract_file(files["ko"]).title == "워크벤치 브리핑"
    headings = {b.section for b in extract_file(files["ko"]).blocks if b.section}
    assert {"□ 기업", "□ 정책", "□ 자료 목록"} <= headings  # 개요 1: the reader (and Hangul) see headings


def test_valid_by_hwpforge_s_validator(exported):
    files, _ = exported
    for path in files.values():
        report = validate_hwpx(path.read_bytes())
        assert report["ok"] and report["errors"] == [] and report["warnings"] == [], report


def test_an_english_report_says_it_in_english(exported):
    files, _ = exported
    body = _body(files["en"])
    assert list(_under(body))[-1] == "□ List of sources"
    assert body[0] == "Workbench briefing" and body[1].startswith("Prepared on ") and " · Prepared by " in body[1]
    assert any(line.startswith("Source: [") for line in body) and not any("출처" in line for line in body)
    assert _table(files["en"])[0] == ["No.", "Title", "Publisher", "Date", "File"]


def _briefing(quote: str, note: str, title: str = "제목", tag: str = "정책") -> Briefing:
    source = SourceRow(1, title, "/자료/문서.txt", "txt", None, "0" * 64, date="2024-03-05", publisher=title)
    row = PassageRow(1, 1, title, "/자료/문서.txt", "", "(0–9)", 0, 9, quote, [tag], [tag], note)
    return Briefing(title, [row], [source], [], language="ko")


def test_text_that_would_break_xml_does_not(tmp_path):
    hostile = "제어\x07문자\x00 <b>&amp;</b> ]]> 😀👩‍👩‍👧\r\n다음 줄\x1f\ufffe 끝"
    report = build_report(_briefing(hostile, "메모\x0b첫 줄\n둘째 줄 😀", "제목\x01 <&>", "경고\x07"), "분석가\x02",
                          date(2025, 3, 5))
    path = tmp_path / "hostile.hwpx"
    path.write_bytes(hwpx_bytes(report))
    assert validate_hwpx(path.read_bytes())["ok"]
    body = _body(path)  # lxml parses it: the XML is well formed
    assert "○ “제어문자 <b>&amp;</b> ]]> 😀👩‍👩‍👧\n다음 줄 끝”" in body
    assert "– 메모첫 줄\n둘째 줄 😀" in body and "□ 경고" in body and "작성일 2025-03-05 · 작성자 분석가" in body
    assert _table(path)[1][1] == "제목 <&>"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(quote=st.text(st.characters(exclude_categories=("Cs", "Co", "Cf"), exclude_characters="<&"), min_size=1,
                     max_size=120),
       note=st.text(max_size=60))
def test_any_text_is_written_and_read_back(tmp_path, quote, note):
    """Whatever a passage or a note holds, the file is valid and Workbench reads
    the passage back (markup-like text aside: the reader strips HTML residue,
    by design; private-use and invisible characters it drops too)."""
    expected = _words(clean(quote).replace("\x7f", ""))
    if not expected:
        return
    path = tmp_path / "any.hwpx"
    path.write_bytes(hwpx_bytes(build_report(_briefing(quote, note), "분석가", date(2025, 3, 5))))
    assert validate_hwpx(path.read_bytes())["ok"]
    assert expected in _words(extract_file(path).text.replace("\x7f", ""))
