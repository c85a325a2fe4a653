"""A briefing made in Korean reads in Korean, every word of it: sheet names,
the printed header and footer, every header cell, entity and document type
names, locations, the cut-text marker; one made in English stays English.
The language is one value handed down (services.export → the Briefing →
the writers), from the window or from the command line (``--lang`` or the
locale: tests/test_cli_korean.py). Read back with openpyxl, as an analyst's
Excel would show it."""

from __future__ import annotations

import csv
import re

import pytest
from openpyxl import load_workbook

from workbench.entities.types import LABELS_EN, LABELS_KO
from workbench.services.export import export_briefing, export_hits
from tests.helpers.passages import many_passages

CODES = re.compile(r"\b(PERSON|ORG|LOCATION|DATE|MONEY|PERCENT|QUANTITY|PRODUCT|LAW)\b")


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    root = tmp_path_factory.mktemp("language")
    project = many_passages(root, 12)
    for language in ("ko", "en"):
        export_briefing(project, root / f"{language}.xlsx", language=language, paper="a4")
    return project, root


def headers(ws) -> list:
    return [c.value for c in ws[1]]


def test_korean_workbook_names_its_sheets_and_pages_in_korean(books):
    _, root = books
    wb = load_workbook(root / "ko.xlsx")
    assert wb.sheetnames == ["구절", "산업", "정책", "요약", "개체", "출처"]  # tags' sheets keep their names
    for ws in wb.worksheets:
        assert ws.oddHeader.left.text == "워크벤치 브리핑", ws.title
        assert ws.oddFooter.center.text == "&P / &N쪽", ws.title
    assert wb.properties.title == "워크벤치 브리핑"


def test_korean_workbook_headers_and_types(books):
    _, root = books
    wb = load_workbook(root / "ko.xlsx")
    passages = headers(wb["구절"])
    assert passages[:9] == ["번호", "문서", "원본 파일", "절", "위치", "구절", "태그", "메모", "개체"]
    assert passages[9].startswith("작성일시 (") and passages[10].startswith("수정일시 (") and passages[11] == "코딩한 사람"
    assert headers(wb["산업"]) == passages
    summary = wb["요약"]
    assert headers(summary)[0] == "태그" and headers(summary)[-1] == "합계"
    column_a = [summary.cell(row=r, column=1).value for r in range(1, summary.max_row + 1)]
    assert "합계" in column_a and "개체 유형" in column_a
    assert summary.cell(row=column_a.index("개체 유형") + 1, column=2).value == "구절 속 언급 수"
    kinds = column_a[column_a.index("개체 유형") + 1:column_a.index(None, column_a.index("개체 유형"))]  # to the blank row
    assert kinds and set(kinds) <= set(LABELS_KO.values())  # "날짜", "비율"…, not DATE, PERCENT
    assert {"태그 × 발행처", "태그 × 문서 유형", "태그 × 월"} <= set(column_a)  # the crosstabs below, in Korean
    entities = wb["개체"]
    assert headers(entities) == ["유형", "대표 명칭", "언급 수", "등장 문서"]
    types = {entities.cell(row=r, column=1).value for r in range(2, entities.max_row + 1)}
    assert types and types <= set(LABELS_KO.values()) and "날짜" in types
    sources = wb["출처"]
    assert headers(sources)[:8] == ["문서", "원본 경로", "형식", "날짜", "발행처", "작성자", "웹 주소", "유형"]
    assert headers(sources)[8].startswith("추가 일시 (") and headers(sources)[9] == "SHA-256"
    assert sources.cell(row=2, column=8).value == "보고서"  # the report's type, not "Report"
    texts = [wb["구절"].cell(row=r, column=9).value or "" for r in range(2, wb["구절"].max_row + 1)]
    assert any(text.startswith(tuple(LABELS_KO.values())) for text in texts)
    assert not any(CODES.search(text) for text in texts), texts


def test_no_english_word_in_a_korean_header(books):
    """Whatever the sheet: a header cell's letters are Korean, but for what is a
    name (SHA-256; the time zone after the label; a document's own title)."""
    _, root = books
    wb = load_workbook(root / "ko.xlsx")
    titles = {wb["출처"].cell(row=r, column=1).value for r in range(2, wb["출처"].max_row + 1)}
    for ws in wb.worksheets:
        for value in headers(ws):
            if value in titles or value == "SHA-256":
                continue
            label = re.sub(r" \(.*UTC.*\)$", "", value)
            assert not re.search("[A-Za-z]", label), (ws.title, value)


def test_english_workbook_stays_english(books):
    _, root = books
    wb = load_workbook(root / "en.xlsx")
    assert wb.sheetnames == ["Passages", "산업", "정책", "Summary", "Entities", "Sources"]
    assert wb["Passages"].oddHeader.left.text == "Workbench briefing"
    assert wb["Passages"].oddFooter.center.text == "Page &P of &N"
    assert headers(wb["Passages"])[:6] == ["No.", "Document", "Source file", "Section", "Location", "Passage"]
    assert headers(wb["Entities"]) == ["Type", "Canonical name", "Mentions", "Documents"]
    types = {wb["Entities"].cell(row=r, column=1).value for r in range(2, wb["Entities"].max_row + 1)}
    assert types <= set(LABELS_EN.values()) and "Date" in types
    assert wb["Sources"].cell(row=2, column=8).value == "Report"
    assert headers(wb["Summary"])[-1] == "Total"


def test_korean_csv_header_and_types(books, tmp_path):
    project, _ = books
    export_briefing(project, tmp_path / "ko.csv", language="ko")
    with (tmp_path / "ko.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:4] == ["번호", "문서", "원본 파일", "절"]
    assert not any(CODES.search(row[8]) for row in rows[1:])


def test_location_and_cut_text_in_korean():
    from workbench.export.safety import fit
    from workbench.export.words import location

    assert location(3, 12, 1200, 1260, "ko") == "3쪽, ¶ 12 (1200–1260)"
    assert location(3, 12, 1200, 1260, "en") == "p. 3, ¶ 12 (1200–1260)"
    cut = fit("가" * 40_000, language="ko")
    assert len(cut) == 32_767 and cut.endswith("자 생략]") and "truncated" not in cut


def test_search_hits_workbook_in_korean(books, tmp_path):
    project, _ = books
    out = tmp_path / "hits.xlsx"
    export_hits(project, ["인공지능", '"AI 기본법'], out, language="ko")
    wb = load_workbook(out)
    assert wb.sheetnames == ["검색 결과", "검색어"]
    assert headers(wb["검색 결과"]) == ["검색어", "번호", "문서", "원본 파일", "절", "위치", "단락", "점수"]
    assert headers(wb["검색어"]) == ["검색어", "단락 수", "문서 수", "함께 찾은 이름(별칭)", "문제"]
    problem = wb["검색어"].cell(row=3, column=5).value
    assert problem and not re.search("[A-Za-z]{4,}", problem.replace("AI", "")), problem  # the Korean message
    assert wb["검색 결과"].oddHeader.left.text == "워크벤치"
    english = tmp_path / "hits-en.xlsx"
    export_hits(project, ["인공지능"], english)  # the default, for callers that name no language
    assert load_workbook(english).sheetnames == ["Hits", "Queries"]
