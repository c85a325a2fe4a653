"""The briefing workbook (openpyxl): Passages, one sheet per top-level tag,
Summary, Entities and Sources — styled headers, frozen and filtered, wrapped
text, widths that suit Korean, real dates, fit-to-width printing."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter

from workbench.export.atomic import write_atomically
from workbench.export.rows import COLUMNS, TIME_COLUMNS, Briefing, PassageRow, cell_value, zone_label
from workbench.export.safety import clean, fit, is_dangerous

HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
THIN = Side(style="thin", color="D0D0D0")
WRAP = Alignment(wrap_text=True, vertical="top")
WIDTHS = {"number": 6, "title": 28, "source": 30, "section": 30, "location": 18, "text": 80, "tags": 22,
          "note": 36, "entities": 40, "created": 17, "modified": 17}
DATE_FORMAT = "yyyy-mm-dd hh:mm"
_SHEET_FORBIDDEN_RE = re.compile(r"[\[\]:*?/\\]")


def sheet_name(name: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique
    (case-insensitive); and no control character, which XML cannot hold (a
    tag name from an older project may have one: the export used to crash)."""
    base = _SHEET_FORBIDDEN_RE.sub("_", clean(name)).strip("'").strip() or "Sheet"
    base = base[:31]
    candidate, n = base, 2
    while candidate.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(candidate)
    return candidate


def _put(ws, row: int, column: int, value) -> None:
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        value = fit(clean(value))
        cell.value = value
        if is_dangerous(value):
            cell.data_type = "s"  # text, never a formula (see safety.py)
    elif isinstance(value, datetime):
        cell.value = value.replace(tzinfo=None)  # local time: the header names the zone
        cell.number_format = DATE_FORMAT
    else:
        cell.value = value


def _header(ws, labels: list[str], widths: list[int]) -> None:
    for column, (label, width) in enumerate(zip(labels, widths), 1):
        _put(ws, 1, column, label)  # a document title can be a header too: same safety
        cell = ws.cell(row=1, column=column)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = max(22.0, _row_height(labels, widths))  # a header with its time zone wraps


def _finish(ws, rows: int, columns: int) -> None:
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def _passage_style() -> NamedStyle:
    # One named style for every body cell: assigning it is far cheaper than
    # setting alignment and border cell by cell (10,000 rows in a few seconds).
    style = NamedStyle(name="passage")
    style.alignment = WRAP
    style.border = Border(bottom=THIN)
    return style


def _display_width(text: str) -> int:
    """Hangul and other wide characters take two columns of a cell's width."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _time_label(label: str, moments) -> str:
    """Excel has no time zones: the cells hold local time and the header says which."""
    return f"{label} ({zone_label(moments)})"


def _row_height(values: list, widths: list[int]) -> float:
    """Rows tall enough to read every wrapped cell without resizing (Excel
    grows rows itself, LibreOffice keeps what the file says)."""
    lines = 1
    for value, width in zip(values, widths):
        if isinstance(value, str) and value:
            usable = max(4, width - 1)
            wrapped = sum(max(1, -(-_display_width(part) // usable)) for part in value.split("\n"))
            lines = max(lines, wrapped)
    return min(409.0, 15.0 * lines + 2)


def _passages_sheet(ws, passages: list[PassageRow], columns: list[str], labels: dict[str, str]) -> None:
    widths = [WIDTHS.get(c, 20) for c in columns]
    _header(ws, [_time_label(labels[c], [getattr(p, c) for p in passages]) if c in TIME_COLUMNS else labels[c]
                 for c in columns], widths)
    for r, row in enumerate(passages, 2):
        values = [cell_value(row, key) for key in columns]
        ws.row_dimensions[r].height = _row_height([v for v in values], widths)
        for c, key in enumerate(columns, 1):
            _put(ws, r, c, values[c - 1])
            cell = ws.cell(row=r, column=c)
            number_format = cell.number_format
            cell.style = "passage"
            if number_format != "General":
                cell.number_format = number_format
    _finish(ws, len(passages), len(columns))


def build_workbook(briefing: Briefing, columns: list[str] | None = None, labels: dict[str, str] | None = None,
                   progress: Callable[[int, int], None] | None = None) -> Workbook:
    columns = columns or list(COLUMNS)
    labels = {**COLUMNS, **(labels or {})}
    wb = Workbook()
    wb.add_named_style(_passage_style())
    taken: set[str] = set()
    ws = wb.active
    ws.title = sheet_name("Passages", taken)
    _passages_sheet(ws, briefing.passages, columns, labels)
    tops = sorted({t for p in briefing.passages for t in p.top_tags})
    for n, top in enumerate(tops, 1):
        tagged = [p for p in briefing.passages if top in p.top_tags]
        _passages_sheet(wb.create_sheet(sheet_name(top, taken)), tagged, columns, labels)
        if progress:
            progress(n, len(tops))
    _summary(wb.create_sheet(sheet_name("Summary", taken)), briefing)
    _entities(wb.create_sheet(sheet_name("Entities", taken)), briefing)
    _sources(wb.create_sheet(sheet_name("Sources", taken)), briefing)
    wb.properties.title = briefing.title
    wb.properties.creator = briefing.author
    wb.properties.created = datetime.now().replace(microsecond=0)
    return wb


def _summary(ws, briefing: Briefing) -> None:
    """Passages per tag × document, with totals; then mentions per entity type."""
    documents = sorted({p.title for p in briefing.passages})
    tags = sorted({t for p in briefing.passages for t in p.tags})
    counts = Counter((t, p.title) for p in briefing.passages for t in p.tags)
    _header(ws, ["Tag"] + documents + ["Total"], [24] + [18] * len(documents) + [10])
    for r, tag in enumerate(tags, 2):
        _put(ws, r, 1, tag)
        for c, doc in enumerate(documents, 2):
            ws.cell(row=r, column=c, value=counts[(tag, doc)])
        ws.cell(row=r, column=len(documents) + 2, value=sum(counts[(tag, d)] for d in documents))
    total_row = len(tags) + 2
    ws.cell(row=total_row, column=1, value="Total").font = Font(bold=True)
    for c, doc in enumerate(documents, 2):
        ws.cell(row=total_row, column=c, value=sum(1 for p in briefing.passages if p.title == doc)).font = Font(bold=True)
    ws.cell(row=total_row, column=len(documents) + 2, value=len(briefing.passages)).font = Font(bold=True)
    _finish(ws, len(tags), len(documents) + 2)
    start = total_row + 2
    ws.cell(row=start, column=1, value="Entity type").font = Font(bold=True)
    ws.cell(row=start, column=2, value="Mentions in the passages").font = Font(bold=True)
    kinds = Counter(kind for p in briefing.passages for kind, names in p.entities.items() for _ in names)
    for r, (kind, n) in enumerate(sorted(kinds.items()), start + 1):
        ws.cell(row=r, column=1, value=kind)
        ws.cell(row=r, column=2, value=n)


def _entities(ws, briefing: Briefing) -> None:
    _header(ws, ["Type", "Canonical name", "Mentions", "Documents"], [12, 30, 10, 60])
    for r, e in enumerate(briefing.entities, 2):
        for c, value in enumerate((e.type, e.canonical, e.mentions, "; ".join(e.documents)), 1):
            _put(ws, r, c, value)
    _finish(ws, len(briefing.entities), 4)


def _sources(ws, briefing: Briefing) -> None:
    labels = ["Document", "Source path", "Format", "Date", "Publisher", "Author", "URL", "Type",
              _time_label("Ingested", [s.ingested for s in briefing.sources]), "SHA-256"]
    _header(ws, labels, [36, 50, 8, 11, 20, 18, 40, 14, 17, 66])
    for r, s in enumerate(briefing.sources, 2):
        for c, value in enumerate((s.title, s.source, s.format, s.date, s.publisher, s.author, s.url, s.doc_type,
                                   s.ingested, s.sha256), 1):
            _put(ws, r, c, value)
    _finish(ws, len(briefing.sources), len(labels))


def write_xlsx(briefing: Briefing, path: Path, columns: list[str] | None = None,
               labels: dict[str, str] | None = None) -> None:
    workbook = build_workbook(briefing, columns, labels)
    write_atomically(Path(path), lambda temp: workbook.save(temp))
