"""The briefing as a report an analyst can hand on: what the .hwpx and the
.docx writers (export.report_hwpx, export.report_docx) both lay out, so the
two say the same thing word for word.

A :class:`Report` is plain lines built from a :class:`~workbench.export.rows.Briefing`,
in the briefing's language, in the way Korean government reports are
written (개조식):

* the title, and a line with the date and the analyst;
* one section per top-level tag, in the order of the workbook's tag sheets
  ("□ 정책"); under it each passage tagged with that tag or one below it, as
  a "○" bullet quoting the passage, then its source line ("출처: [2] 발행처,
  날짜, 「제목」, 절, 3쪽, ¶ 12"), then the analyst's note as a "–" sub-bullet
  when there is one. A passage under two top-level tags is in both sections;
* the sources table (번호 | 제목 | 발행처 | 날짜 | 파일), numbered as the
  source lines cite them.

Text is the stored text, made safe for XML (core.xmltext.clean: control
characters go; a newline is kept, and the writers draw it as a line break).
A location's character offsets — "(1200–1260)", which find the passage in
the project — are left out: a reader of the printed report has no use for
them; the page and paragraph stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath, PurePosixPath, PureWindowsPath

from workbench.core.xmltext import clean
from workbench.export.rows import Briefing, PassageRow, SourceRow
from workbench.export.words import KOREAN as SHARED, is_korean

HEADING_MARK, BULLET_MARK, NOTE_MARK = "□", "○", "–"
OPEN_QUOTE, CLOSE_QUOTE = "“", "”"
# The report's own words; the rest (No., Publisher, Date, Note) are the workbook's (export.words).
KOREAN = {"Source": "출처", "List of sources": "자료 목록", "Title": "제목", "File": "파일",
          "Prepared on": "작성일", "Prepared by": "작성자"}
_OFFSETS_RE = re.compile(r"\s*\(\d+–\d+\)$")


def say(english: str, language: str) -> str:
    """``english`` in the report's language: a report word, else a workbook word."""
    if not is_korean(language):
        return english
    return KOREAN[english] if english in KOREAN else SHARED[english]


@dataclass(slots=True)
class Entry:
    """One passage under one tag: three lines of the report."""
    quote: str  # "○ “…”"
    source: str  # "출처: [1] …"
    note: str = ""  # "– …", or "" when the passage has no note
    text: str = ""  # the passage as quoted, cleaned


@dataclass(slots=True)
class Section:
    tag: str
    heading: str  # "□ 정책"
    entries: list[Entry] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    title: str
    byline: str  # "작성일 2025-03-05 · 작성자 홍길동"
    analyst: str
    sections: list[Section]
    sources_heading: str  # "□ 자료 목록"
    columns: list[str]  # 번호 | 제목 | 발행처 | 날짜 | 파일
    sources: list[list[str]]
    language: str = "en"


def text(value: str | None) -> str:
    """A value as the report writes it: XML-safe, newlines as "\\n", outer space trimmed."""
    value = clean(value or "").replace("\r\n", "\n").replace("\r", "\n")
    return value.strip()


def file_name(source: str) -> str:
    """The file's name from a stored source path, whichever system wrote it."""
    path: PurePath = PureWindowsPath(source) if "\\" in source else PurePosixPath(source)
    return path.name or source


def build_report(briefing: Briefing, analyst: str, today: date | None = None) -> Report:
    language = briefing.language
    today = today or date.today()
    numbers = {s.doc_id: n for n, s in enumerate(briefing.sources, 1)}
    sources = {s.doc_id: s for s in briefing.sources}
    by_tag: dict[str, list[PassageRow]] = {}
    for row in briefing.passages:
        for tag in row.top_tags:
            by_tag.setdefault(tag, []).append(row)
    sections = []
    for tag in sorted(by_tag):  # as the workbook orders its tag sheets
        entries = [_entry(row, sources.get(row.doc_id), numbers.get(row.doc_id), language) for row in by_tag[tag]]
        sections.append(Section(text(tag), f"{HEADING_MARK} {text(tag)}", entries))
    name = text(analyst)
    byline = f"{say('Prepared on', language)} {today.isoformat()} · {say('Prepared by', language)} {name}"
    columns = [say(w, language) for w in ("No.", "Title", "Publisher", "Date", "File")]
    rows = [[str(n), text(s.title), text(s.publisher), text(s.date), text(file_name(s.source))]
            for n, s in enumerate(briefing.sources, 1)]
    return Report(text(briefing.title), byline, name, sections,
                  f"{HEADING_MARK} {say('List of sources', language)}", columns, rows, language)


def _entry(row: PassageRow, source: SourceRow | None, number: int | None, language: str) -> Entry:
    quote = text(row.text)
    where = _OFFSETS_RE.sub("", row.location).strip()
    title = text(source.title if source else row.title)
    title = f"「{title}」" if is_korean(language) else title
    parts = [source.publisher, source.date] if source else []
    parts += [title, row.section, where]
    cited = ", ".join(p for p in (text(p) for p in parts) if p)
    if number is not None:
        cited = f"[{number}] {cited}"
    note = text(row.note)
    return Entry(f"{BULLET_MARK} {OPEN_QUOTE}{quote}{CLOSE_QUOTE}", f"{say('Source', language)}: {cited}",
                 f"{NOTE_MARK} {note}" if note else "", quote)
