"""The briefing workbook (openpyxl): Passages, one sheet per top-level tag,
Summary, Entities and Sources — styled headers, frozen and filtered, wrapped
text with rows tall enough to read, widths that suit Korean, real dates, and
pages that print readably, one page wide (export.page). Every word in it is
in the briefing's language (export.words).

Written in openpyxl's write-only mode: rows stream to disk as they are made,
and every cell shares one of a few prepared style arrays instead of building
its own Font and Alignment — the styled workbook then costs about what a
plain openpyxl write of the same values costs. Writing is a generator that
yields progress every ``BATCH`` rows, so a cancel stops it between batches;
the file appears only when complete (export.atomic).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from workbench.core.progress import Progress
from workbench.export.atomic import atomic_file
from workbench.export.page import plan, set_up_page
from workbench.export.rows import COLUMNS, TIME_COLUMNS, Briefing, cell_value, column_labels, zone_label
from workbench.export.safety import clean, fit, is_dangerous
from workbench.core.crosstab import NOT_GIVEN, group_of, group_order
from workbench.export.sheets import display_width, fit_labels, row_height, sheet_name
from workbench.export.words import say

__all__ = ["BATCH", "WIDTHS", "MINIMUMS", "sheet_name", "display_width", "write_xlsx", "xlsx_steps",
           "_header", "_put", "_finish"]

BATCH = 200  # rows between progress reports (and cancel checks)
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
# Named: a font without a name prints in the spreadsheet's fallback (a serif in LibreOffice).
HEADER_FONT = Font(name="Calibri", size=11, family=2, bold=True, color="FFFFFF")
BOLD = Font(name="Calibri", size=11, family=2, bold=True)
THIN = Side(style="thin", color="D0D0D0")
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
WIDTHS = {"number": 6, "title": 28, "source": 24, "section": 28, "location": 18, "text": 80, "tags": 22,
          "note": 36, "entities": 40, "coder": 14, "created": 17, "modified": 17}
# How narrow each column may get so the whole table prints one page wide
# (export.page.plan): the passage keeps the most; a time needs its 16 digits.
MINIMUMS = {"number": 5, "title": 12, "source": 10, "section": 12, "location": 10, "text": 44, "tags": 10,
            "note": 14, "entities": 14, "coder": 8, "created": 17, "modified": 17}
DATE_FORMAT = "yyyy-mm-dd hh:mm"


class _Styles:
    """The few looks a briefing uses, registered once with the workbook."""

    def __init__(self, wb: Workbook) -> None:
        probe = wb.create_sheet("_styles")
        self.header = self._make(probe, font=HEADER_FONT, fill=HEADER_FILL, alignment=HEADER_ALIGN)
        self.body = self._make(probe, alignment=WRAP, border=Border(bottom=THIN))
        self.date = self._make(probe, alignment=WRAP, border=Border(bottom=THIN), number_format=DATE_FORMAT)
        self.bold = self._make(probe, font=BOLD, alignment=WRAP)
        wb.remove(probe)

    @staticmethod
    def _make(ws, **looks):
        cell = Cell(ws)
        for name, value in looks.items():
            setattr(cell, name, value)
        return cell._style


def _cell(ws, row: int, column: int, value, style, language: str = "en"):
    """One cell, made safe (safety.py): formula-like text is a string cell,
    control characters go, long text is cut visibly; times are local."""
    if isinstance(value, str):
        value = fit(clean(value), language=language)
        cell = Cell(ws, row, column, value, style)
        if is_dangerous(value):
            cell.data_type = "s"  # text, never a formula
        return cell
    if isinstance(value, datetime):
        value = value.replace(tzinfo=None)  # local time: the header names the zone
    return Cell(ws, row, column, value, style)


def _ready_cells(cells, row_idx):
    """Stands in for openpyxl's WriteOnlyWorksheet._values_to_row, which
    tries each value as a plain value first and, for a styled cell, fails
    with an exception (formatting the cell's repr) before taking it as it is:
    a third of the write. Our cells already carry their row and column."""
    return cells


class _Sheet:
    """One write-only sheet: a styled header row, then rows appended in order.
    Its columns get the widths its page plan gives (export.page.plan: one
    page wide, narrowed no further than ``minimums``)."""

    def __init__(self, wb: Workbook, styles: _Styles, name: str, labels: list[str], widths: list[int],
                 minimums: list[int], page: tuple[str, str, str]) -> None:
        title, paper, self.language = page
        layout = plan(fit_labels(labels, widths), paper, fit_labels(labels, minimums))  # header words never break
        widths = layout.widths
        self.ws, self.styles, self.widths, self.rows = wb.create_sheet(name), styles, widths, 0
        self.ws._values_to_row = _ready_cells
        # Write-only: the sheet's head (fit-to-page flag, panes, columns) goes out with the first row.
        for column, width in enumerate(widths, 1):
            self.ws.column_dimensions[get_column_letter(column)].width = width
        self.ws.freeze_panes = "A2"
        set_up_page(self.ws, layout, title, paper, self.language)
        self.ws.row_dimensions[1].height = max(22.0, row_height(labels, widths, bold=True))  # a zone wraps
        self.ws.append([self._cell(1, c, label, styles.header) for c, label in enumerate(labels, 1)])

    def _cell(self, row: int, column: int, value, style):
        return _cell(self.ws, row, column, value, style, self.language)

    def add(self, values: list, height: float | None = None, style=None) -> None:
        ws, styles = self.ws, self.styles
        self.rows += 1
        r = self.rows + 1
        ws.row_dimensions[r].height = row_height(values, self.widths) if height is None else height
        if style is None:
            ws.append([self._cell(r, c, v, styles.date if isinstance(v, datetime) else styles.body)
                       for c, v in enumerate(values, 1)])
        else:
            ws.append([self._cell(r, c, v, style) for c, v in enumerate(values, 1)])

    def add_plain(self, values: list, style=None) -> None:
        """A row below the table (the Summary's entity types): no height, no filter."""
        self.rows += 1
        r = self.rows + 1
        self.ws.append([self._cell(r, c, v, style) for c, v in enumerate(values, 1)])

    def finish(self, filtered_rows: int | None = None) -> None:
        rows = self.rows if filtered_rows is None else filtered_rows
        if rows:
            self.ws.auto_filter.ref = f"A1:{get_column_letter(len(self.widths))}{rows + 1}"


def _time_label(label: str, moments) -> str:
    """Excel has no time zones: the cells hold local time and the header says which."""
    return f"{label} ({zone_label(moments)})"


def xlsx_steps(briefing: Briefing, path: Path, columns: list[str] | None = None,
               paper: str = "a4", extra_sheets: tuple = ()) -> Iterator[Progress]:
    """Write the workbook, in the briefing's language, yielding
    Progress(rows written, rows in all) every ``BATCH`` rows. Closing the
    generator early (a cancel) leaves no file. ``extra_sheets``: writers of
    further sheets after Sources, called as the built-in ones are
    (``write(wb, styles, taken, briefing, page, done)`` yielding rows done),
    e.g. export.memo_sheet's Memos."""
    columns = columns or list(COLUMNS)
    language = briefing.language
    labels = column_labels(language)
    passages = briefing.passages
    tops = sorted({t for p in passages for t in p.top_tags})
    by_top = {top: [p for p in passages if top in p.top_tags] for top in tops}
    tags = sorted({t for p in passages for t in p.tags})
    total = len(passages) + sum(map(len, by_top.values())) + len(tags) + len(briefing.entities) + len(briefing.sources)
    done = 0
    with atomic_file(Path(path)) as temp:
        wb = Workbook(write_only=True)
        try:
            styles = _Styles(wb)
            page = (briefing.title, paper, language)
            taken: set[str] = set()
            prepared: dict[int, tuple[list, float]] = {}  # a passage's cells and height, shared by its sheets
            widths, minimums = [WIDTHS.get(c, 20) for c in columns], [MINIMUMS.get(c, 10) for c in columns]
            header = [_time_label(labels[c], [getattr(p, c) for p in passages]) if c in TIME_COLUMNS else labels[c]
                      for c in columns]
            for name, rows in [(say("Passages", language), passages)] + [(top, by_top[top]) for top in tops]:
                sheet = _Sheet(wb, styles, sheet_name(name, taken), header, widths, minimums, page)
                for row in rows:
                    if id(row) not in prepared:  # every passage sheet has the same columns and widths
                        values = [cell_value(row, key) for key in columns]
                        prepared[id(row)] = (values, row_height(values, sheet.widths))
                    values, height = prepared[id(row)]
                    sheet.add(values, height)
                    done += 1
                    if done % BATCH == 0:
                        yield Progress(done, total, sheet.ws.title, stage="write")
                sheet.finish()
            for write in (_summary, _entities, _sources, *extra_sheets):
                for done in write(wb, styles, taken, briefing, page, done):
                    if done % BATCH == 0:
                        yield Progress(done, total, stage="write")
            wb.properties.title = briefing.title
            wb.properties.creator = briefing.author
            wb.properties.created = datetime.now().replace(microsecond=0)
            yield Progress(total, total, stage="save")
            wb.save(temp)
        except BaseException:
            _discard(wb)
            raise


def _discard(wb: Workbook) -> None:
    """Close the half-written sheets in order (rows, then the sheet) and
    remove the rows openpyxl had already streamed to its temporary files."""
    for ws in wb.worksheets:
        for closing in (getattr(ws, "_rows", None), getattr(ws, "_writer", None)):
            try:
                if closing is not None:
                    closing.close()
            except Exception:  # noqa: BLE001 - a sheet stopped mid-row; only its file matters now
                pass
        writer = getattr(ws, "_writer", None)
        if writer is not None:
            try:
                writer.cleanup()
            except (OSError, ValueError):
                pass


def write_xlsx(briefing: Briefing, path: Path, columns: list[str] | None = None, paper: str = "a4") -> None:
    for _ in xlsx_steps(briefing, path, columns, paper):
        pass


def _summary(wb, styles, taken, briefing: Briefing, page: tuple, done: int) -> Iterator[int]:
    """Passages per tag × document, with totals; then mentions per entity type."""
    passages = briefing.passages
    documents = sorted({p.title for p in passages})
    tags = sorted({t for p in passages for t in p.tags})
    counts = Counter((t, p.title) for p in passages for t in p.tags)
    lang = briefing.language
    sheet = _Sheet(wb, styles, sheet_name(say("Summary", lang), taken),
                   [say("Tag", lang)] + documents + [say("Total", lang)],
                   [24] + [18] * len(documents) + [10], [14] + [10] * len(documents) + [7], page)
    for tag in tags:
        sheet.add([tag] + [counts[(tag, d)] for d in documents] + [sum(counts[(tag, d)] for d in documents)])
        done += 1
        yield done
    per_doc = Counter(p.title for p in passages)
    sheet.add([say("Total", lang)] + [per_doc[d] for d in documents] + [len(passages)], style=styles.bold)
    sheet.finish(filtered_rows=len(tags))
    sheet.add_plain([])
    sheet.add_plain([say("Entity type", lang), say("Mentions in the passages", lang)], styles.bold)
    kinds = Counter(kind for p in passages for kind, names in p.entities.items() for _ in names)
    for kind, n in sorted(kinds.items()):
        sheet.add_plain([kind, n])
    # The same passages by the documents' publisher, type and month (the chart's crosstab).
    sources = {s.doc_id: s for s in briefing.sources}
    for by, heading in (("publisher", "Tags by publisher"), ("type", "Tags by document type"),
                        ("month", "Tags by month")):
        sheet.add_plain([])
        sheet.add_plain([say(heading, lang)], styles.bold)
        for values, bold in crosstab_rows(passages, sources, by, lang):
            sheet.add_plain(values, styles.bold if bold else None)


def crosstab_rows(passages, sources: dict, by: str, lang: str) -> list[tuple[list, bool]]:
    """(cells, is a header or total) of one crosstab: tags down, ``by`` groups
    across (core.crosstab, as the chart counts them), totals on the right and below."""
    group = {doc_id: group_of(by, s.publisher, s.doc_type, s.date) for doc_id, s in sources.items()}
    counts = Counter((t, group.get(p.doc_id, NOT_GIVEN)) for p in passages for t in p.tags)
    columns = group_order({g for _, g in counts})
    tags = sorted({t for t, _ in counts})
    label = {g: g if g != NOT_GIVEN else say("(not given)", lang) for g in columns}
    out = [([say("Tag", lang)] + [label[g] for g in columns] + [say("Total", lang)], True)]
    for tag in tags:
        row = [counts[(tag, g)] for g in columns]
        out.append(([tag] + row + [sum(row)], False))
    per_group = Counter(group.get(p.doc_id, NOT_GIVEN) for p in passages)
    out.append(([say("Total", lang)] + [per_group[g] for g in columns] + [len(passages)], True))
    return out


def _entities(wb, styles, taken, briefing: Briefing, page: tuple, done: int) -> Iterator[int]:
    lang = briefing.language
    labels = [say(word, lang) for word in ("Type", "Canonical name", "Mentions", "Documents")]
    sheet = _Sheet(wb, styles, sheet_name(say("Entities", lang), taken), labels, [12, 30, 10, 60], [10, 16, 8, 24],
                   page)
    for e in briefing.entities:
        sheet.add([e.type, e.canonical, e.mentions, "; ".join(e.documents)])
        done += 1
        yield done
    sheet.finish()


def _sources(wb, styles, taken, briefing: Briefing, page: tuple, done: int) -> Iterator[int]:
    """Every document's title, path and URL wrap in their columns (a long
    title was cut at the next column), the row as tall as the longest."""
    lang = briefing.language
    labels = [say(word, lang) for word in ("Document", "Source path", "Format", "Date", "Publisher", "Author", "URL",
                                           "Type")]
    labels += [_time_label(say("Ingested", lang), [s.ingested for s in briefing.sources]), "SHA-256"]
    sheet = _Sheet(wb, styles, sheet_name(say("Sources", lang), taken), labels,
                   [36, 50, 8, 11, 20, 18, 40, 14, 17, 66], [14, 12, 6, 11, 10, 10, 12, 8, 17, 17], page)
    for s in briefing.sources:
        sheet.add([s.title, s.source, s.format, s.date, s.publisher, s.author, s.url, s.doc_type, s.ingested,
                   s.sha256])
        done += 1
        yield done
    sheet.finish()


# --- normal-mode helpers, for the search-hits workbook (services.export.export_hits) ---------------------------

def _put(ws, row: int, column: int, value, language: str = "en") -> None:
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        value = fit(clean(value), language=language)
        cell.value = value
        if is_dangerous(value):
            cell.data_type = "s"  # text, never a formula (see safety.py)
    elif isinstance(value, datetime):
        cell.value = value.replace(tzinfo=None)
        cell.number_format = DATE_FORMAT
    else:
        cell.value = value


def _header(ws, labels: list[str], widths: list[int]) -> None:
    widths = fit_labels(labels, widths)
    for column, (label, width) in enumerate(zip(labels, widths), 1):
        _put(ws, 1, column, label)
        cell = ws.cell(row=1, column=column)
        cell.fill, cell.font, cell.alignment = HEADER_FILL, HEADER_FONT, HEADER_ALIGN
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = max(22.0, row_height(labels, widths, bold=True))


def _finish(ws, rows: int, columns: int, title: str = "Workbench", paper: str = "a4", language: str = "en") -> None:
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"
    widths = [ws.column_dimensions[get_column_letter(c)].width or 13 for c in range(1, columns + 1)]
    set_up_page(ws, plan(widths, paper), title, paper, language)
