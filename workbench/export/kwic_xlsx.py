"""A concordance (keyword in context) as an Excel workbook: one row per
match — document, title, left context, match, right context, offsets — and
a sheet saying what was asked (query, filters, sort, how many of how many).

The left context is right-aligned and the match bold and centred, so the
keyword lines up down the column as it does in the window. Cells follow
the briefing's conventions (export.safety): text a document supplies is
never a formula, control characters go, an overlong cell is cut visibly.
The file is written in openpyxl's write-only mode (10,000 rows in about a
second) and appears only when complete (export.atomic). Every word is in
the file's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from workbench.core.progress import Progress
from workbench.export.atomic import atomic_file
from workbench.export.page import plan, set_up_page
from workbench.export.safety import clean, fit, is_dangerous
from workbench.export.sheets import fit_labels, sheet_name
from workbench.export.words import is_korean

BATCH = 500
COLUMNS = (("Document", "문서"), ("Title", "제목"), ("Left context", "앞 문맥"), ("Match", "검색어"),
           ("Right context", "뒤 문맥"), ("Start", "시작"), ("End", "끝"))
WIDTHS = [9, 28, 48, 16, 48, 9, 9]
MINIMUMS = [6, 12, 24, 8, 24, 7, 7]
WORDS = {"Concordance": "용례", "About": "조건", "Query": "검색어", "Matches": "일치 수", "Listed": "목록에 넣은 수",
         "Documents": "문서 수", "Sort": "정렬", "Context width": "문맥 너비(글자)", "Filters": "필터",
         "document order": "문서 순서", "words before": "앞 단어", "words after": "뒤 단어",
         "Keyword in context": "용례 보기(KWIC)", "none": "없음"}
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(name="Calibri", size=11, family=2, bold=True, color="FFFFFF")
MATCH_FONT = Font(name="Calibri", size=11, family=2, bold=True)
RIGHT = Alignment(horizontal="right")
CENTRE = Alignment(horizontal="center")


def say(english: str, language: str) -> str:
    return WORDS.get(english, english) if is_korean(language) else english


@dataclass(frozen=True, slots=True)
class KwicLine:
    """One row of the table, as plain values (the service's rows are mapped to these)."""

    doc_id: int
    title: str
    left: str
    match: str
    right: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class KwicSheetInfo:
    query: str
    total: int
    documents: int
    width: int
    sort: str | None = None  # "left", "right" or None (document order)
    filters: str = ""  # as the caller words them, in the file's language


def _cell(ws, value, language: str, font=None, alignment=None):
    if isinstance(value, str):
        value = fit(clean(value), language=language)
    cell = WriteOnlyCell(ws, value)
    if isinstance(value, str) and is_dangerous(value):
        cell.data_type = "s"  # text, never a formula (see safety.py)
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    return cell


@dataclass(frozen=True, slots=True)
class _Looks:
    right: object  # the left context's style: right-aligned
    match: object  # the keyword's: bold, centred


def _styles(wb: Workbook) -> _Looks:
    """The two looks of the table's cells, registered once with the workbook
    and shared by every cell (a Font and Alignment per cell made the write
    three times slower)."""
    probe = wb.create_sheet("_styles")
    right, match = Cell(probe), Cell(probe)
    right.alignment = RIGHT
    match.font, match.alignment = MATCH_FONT, CENTRE
    wb.remove(probe)
    return _Looks(right._style, match._style)


def _texts(ws, language: str):
    """A function making a text cell's value: plain text as it is (openpyxl
    writes plain values fastest), a styled or formula-like one as a cell."""
    def text(value: str, style=None):
        value = fit(clean(value), language=language)
        if style is None and not is_dangerous(value):
            return value
        cell = Cell(ws, row=1, column=1, value=value, style_array=style)  # placed by ws.append
        if is_dangerous(value):
            cell.data_type = "s"  # text, never a formula (see safety.py)
        return cell
    return text


def kwic_xlsx_steps(lines: Iterable[KwicLine], count: int, info: KwicSheetInfo, path: Path, language: str = "en",
                    paper: str = "a4") -> Iterator[Progress]:
    """Write the workbook, yielding Progress(rows written, ``count``) every
    ``BATCH`` rows; closing the generator early (a cancel) leaves no file."""
    title = say("Keyword in context", language)
    with atomic_file(Path(path)) as temp:
        wb = Workbook(write_only=True)
        taken: set[str] = set()
        ws = wb.create_sheet(sheet_name(say("Concordance", language), taken))
        labels = [korean if is_korean(language) else english for english, korean in COLUMNS]
        layout = plan(fit_labels(labels, WIDTHS), paper, fit_labels(labels, MINIMUMS))
        for column, width in enumerate(layout.widths, 1):
            ws.column_dimensions[get_column_letter(column)].width = width
        ws.freeze_panes = "A2"
        set_up_page(ws, layout, title, paper, language)
        header = []
        for label in labels:
            cell = _cell(ws, label, language, HEADER_FONT)
            cell.fill = HEADER_FILL
            header.append(cell)
        ws.append(header)
        written = 0
        styles = _styles(wb)
        text = _texts(ws, language)
        for line in lines:
            ws.append([line.doc_id, text(line.title), text(line.left, styles.right), text(line.match, styles.match),
                       text(line.right), line.start, line.end])
            written += 1
            if written % BATCH == 0:
                yield Progress(written, count, stage="write")
        if written:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(labels))}{written + 1}"
        about = wb.create_sheet(sheet_name(say("About", language), taken))
        about.column_dimensions["A"].width = 22
        about.column_dimensions["B"].width = 60
        sort = {"left": "words before", "right": "words after"}.get(info.sort or "", "document order")
        for key, value in (("Query", info.query), ("Matches", info.total), ("Listed", written),
                           ("Documents", info.documents), ("Sort", say(sort, language)),
                           ("Context width", info.width), ("Filters", info.filters or say("none", language))):
            about.append([_cell(about, say(key, language), language, MATCH_FONT), _cell(about, value, language)])
        wb.properties.title = title
        yield Progress(count, count, stage="save")
        wb.save(temp)


def write_kwic_xlsx(lines: Iterable[KwicLine], count: int, info: KwicSheetInfo, path: Path, language: str = "en",
                    paper: str = "a4") -> int:
    """Write the workbook at once; returns the rows written."""
    done = 0
    for progress in kwic_xlsx_steps(lines, count, info, path, language, paper):
        done = progress.done
    return done
