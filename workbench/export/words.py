"""Every word the exported files show an analyst, in English and Korean.

The language is decided once — the window's, or the command line's
(``--lang`` or the locale) — and travels down as one ``language`` value:
services.export builds the rows in it (entity and document type labels,
locations) and the writers take it from the Briefing, so a workbook never
mixes a Korean header with an English sheet name. A word missing here is
a KeyError in the tests, not English left in a Korean file.
"""

from __future__ import annotations

KOREAN = {
    # sheets and the printed header
    "Passages": "구절", "Summary": "요약", "Entities": "개체", "Sources": "출처",
    "Workbench briefing": "워크벤치 브리핑", "Workbench": "워크벤치",
    "Hits": "검색 결과", "Queries": "검색어",
    # the passage table's columns (rows.COLUMNS)
    "No.": "번호", "Document": "문서", "Source file": "원본 파일", "Section": "절", "Location": "위치",
    "Passage": "구절", "Tags": "태그", "Note": "메모", "Created": "작성일시", "Modified": "수정일시",
    "Coded by": "코딩한 사람",
    # Summary
    "Tag": "태그", "Total": "합계", "Entity type": "개체 유형", "Mentions in the passages": "구절 속 언급 수",
    "Tags by publisher": "태그 × 발행처", "Tags by document type": "태그 × 문서 유형", "Tags by month": "태그 × 월",
    "(not given)": "(없음)",
    # Entities
    "Type": "유형", "Canonical name": "대표 명칭", "Mentions": "언급 수", "Documents": "등장 문서",
    # Sources
    "Source path": "원본 경로", "Format": "형식", "Date": "날짜", "Publisher": "발행처", "Author": "작성자",
    "URL": "웹 주소", "Ingested": "추가 일시", "SHA-256": "SHA-256",
}
# The search-hits workbook (services.export.export_hits): its own columns,
# where a passage is a search hit (단락, as the search panel says) and
# "Passages" counts them.
HITS_COLUMNS = (("Query", "검색어"), ("No.", "번호"), ("Document", "문서"), ("Source file", "원본 파일"),
                ("Section", "절"), ("Location", "위치"), ("Passage", "단락"), ("Score", "점수"))
QUERIES_COLUMNS = (("Query", "검색어"), ("Passages", "단락 수"), ("Documents", "문서 수"),
                   ("Also matched (aliases)", "함께 찾은 이름(별칭)"), ("Problem", "문제"))


def is_korean(language: str | None) -> bool:
    return (language or "").lower().startswith("ko")


def say(english: str, language: str = "en") -> str:
    """``english`` in the file's language."""
    return KOREAN[english] if is_korean(language) else english


def pick(pairs, language: str = "en") -> list[str]:
    """The English or the Korean of (English, Korean) pairs."""
    return [korean if is_korean(language) else english for english, korean in pairs]


def location(page, paragraph: int | None, start: int, end: int, language: str = "en") -> str:
    """Where a passage is: "p. 3, ¶ 12 (1200–1260)" or "3쪽, ¶ 12 (1200–1260)"."""
    where = ""
    if page:
        where = f"{page}쪽, " if is_korean(language) else f"p. {page}, "
    if paragraph is not None:
        where += f"¶ {paragraph} "
    return where + f"({start}–{end})"


def truncated(left_out: int, language: str = "en") -> str:
    """The marker at the end of text cut to fit a cell (safety.fit)."""
    if is_korean(language):
        return f" … [이하 {left_out:,}자 생략]"
    return f" … [truncated: {left_out:,} more characters]"
