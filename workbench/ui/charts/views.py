"""The four kinds of chart, each drawing a frame from
:mod:`workbench.services.charts` and naming, for a click, what to show:

- :class:`DistributionChart`: one bar per document (count or per 10,000 characters);
- :class:`DispersionChart`: where each term, entity or tag occurs along one
  document, one lane each, with its sections;
- :class:`HeatmapChart`: tags × documents, or entity × entity co-occurrence;
- :class:`TimelineChart`: documents and the dates their text mentions, by month.
"""

from __future__ import annotations

from datetime import datetime, timezone

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics

from workbench.core.crosstab import NOT_GIVEN
from workbench.ui.charts.canvas import ROW_GAP, SERIES_COLOURS, ChartCanvas, short
from workbench.ui.old_hangul import readable

pg.setConfigOptions(imageAxisOrder="row-major")


def _tr(text: str) -> str:
    return QCoreApplication.translate("charts", text)


def _ticks(labels: list[str]) -> list[list[tuple[float, str]]]:
    return [[(i, label) for i, label in enumerate(labels)]]


MAX_BARS = 200  # bars in one chart; the rest are named in its title ("the first 200 of 350")


class DistributionChart(ChartCanvas):
    """Bars per document, most first; ``relative`` shows counts per 10,000 characters."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.relative = False
        self.rows: list[dict] = []

    def twin(self) -> "DistributionChart":
        twin = DistributionChart()
        twin.relative = self.relative
        return twin

    def show_frame(self, frame) -> None:
        self.frame = frame
        self.clear()
        self.rows = frame.to_dict("records")[:MAX_BARS]
        n = len(self.rows)
        self.size_to_labels(n)  # every title readable: the rows that fit, the rest scrolled to
        values = [r["per_10k"] if self.relative else r["count"] for r in self.rows]
        ys = [n - 1 - i for i in range(n)]
        if n:
            self.addItem(pg.BarGraphItem(x0=0, y=ys, height=0.7, width=values, brush=SERIES_COLOURS[0]))
        axis = self.getPlotItem().getAxis("left")
        axis.setTicks([[(n - 1 - i, self.fit(r["title"])) for i, r in enumerate(self.rows)]])
        unit = {"passages": _tr("passages with a hit"), "mentions": _tr("mentions"),
                "tagged passages": _tr("tagged passages")}.get(frame.attrs.get("unit"), "")
        self.setLabel("bottom", (_tr("per 10,000 characters") if self.relative else unit))
        more = len(frame) - n
        self.set_title(frame.attrs.get("source", ""),
                       _tr("the first {0} of {1} documents").format(n, len(frame)) if more > 0 else "")
        self.reset_view()

    def _row(self, x: float, y: float) -> dict | None:
        i = len(self.rows) - 1 - round(y)
        if 0 <= i < len(self.rows) and abs(y - round(y)) <= 0.4:
            value = self.rows[i]["per_10k" if self.relative else "count"]
            if -0.02 * max(value, 1) <= x <= value * 1.02 + 0.5:
                return self.rows[i]
        return None

    def target_at(self, x: float, y: float):
        row = self._row(x, y)
        return None if row is None else {"kind": "document_hits", "doc_id": int(row["doc_id"]),
                                          "source": self.frame.attrs.get("source", "")}

    def tooltip_at(self, x: float, y: float) -> str:
        row = self._row(x, y)
        if row is None:
            return ""
        return _tr("{0}\n{1} ({2} per 10,000 characters)").format(row["title"], row["count"], row["per_10k"])


class DispersionChart(ChartCanvas):
    """Occurrences along one document (0–100 %), one lane per series, sections as guides."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.points: list[tuple[float, int, dict]] = []

    def show_frame(self, frame) -> None:
        self.frame = frame
        self.clear()
        series = frame.attrs.get("series", [])
        self.size_to_labels(len(series))
        chars = max(frame.attrs.get("chars", 1), 1)
        for offset, heading in frame.attrs.get("sections", [])[:40]:
            line = pg.InfiniteLine(pos=100 * offset / chars, angle=90, pen=pg.mkPen("#bbbbbb", style=pg.QtCore.Qt.PenStyle.DashLine))
            line.setToolTip(heading)
            self.addItem(line)
        self.points = []
        for lane, label in enumerate(series):
            rows = frame[frame.series == label].to_dict("records")
            xs = [100 * r["fraction"] for r in rows]
            y = len(series) - 1 - lane
            colour = SERIES_COLOURS[lane % len(SERIES_COLOURS)]
            if xs:
                self.addItem(pg.ScatterPlotItem(x=xs, y=[y] * len(xs), symbol="s", size=9, pen=None,
                                                brush=pg.mkBrush(QColor(colour))))
            self.points.extend((x, y, r) for x, r in zip(xs, rows))
        self.getPlotItem().getAxis("left").setTicks(
            [[(len(series) - 1 - i, self.fit(s)) for i, s in enumerate(series)]])
        self.setLabel("bottom", _tr("position in the document (%)"))
        self.set_title(short(readable(frame.attrs.get("title", ""), self.tick_font), 40))
        self.setXRange(0, 100)
        self.setYRange(-0.7, max(len(series) - 0.3, 0.7))
        self.fit_window(top=True)

    def _nearest(self, x: float, y: float) -> dict | None:
        lane = round(y)
        candidates = [(abs(px - x), row) for px, py, row in self.points if py == lane and abs(y - lane) <= 0.45]
        if not candidates:
            return None
        width = max(self.getPlotItem().vb.viewRange()[0][1] - self.getPlotItem().vb.viewRange()[0][0], 1e-6)
        distance, row = min(candidates, key=lambda c: c[0])
        return row if distance <= width * 0.015 + 0.05 else None

    def target_at(self, x: float, y: float):
        row = self._nearest(x, y)
        return None if row is None else {"kind": "position", "doc_id": int(self.frame.attrs["doc_id"]),
                                         "start": int(row["start"]), "end": int(row["end"])}

    def tooltip_at(self, x: float, y: float) -> str:
        row = self._nearest(x, y)
        if row is None:
            return ""
        lines = [row["series"], row["section"], _tr("character {0}").format(f"{row['start']:,}")]
        return "\n".join(line for line in lines if line)


COLUMN_CHARS = 8  # the least of a column's label shown: the start of a title ("디지털 정부혁…")


class HeatmapChart(ChartCanvas):
    """A matrix of counts: tags × documents, or entities × entities."""

    def __init__(self, mode: str, parent=None) -> None:
        super().__init__(parent)
        self.mode = mode  # "tags" or "cooccurrence"
        self.column_titles: list[str] = []  # each column's whole label (readable here)
        self.getPlotItem().showGrid(x=False, y=False)
        self.getPlotItem().getViewBox().invertY(True)
        self.window_changed.connect(self.label_columns)  # zoomed, scrolled or resized: labels as wide as the columns

    def twin(self) -> "HeatmapChart":
        return HeatmapChart(self.mode)

    def show_frame(self, frame) -> None:
        self.frame = frame
        self.clear()
        values = frame.to_numpy(dtype=float) if frame.size else np.zeros((1, 1))
        image = pg.ImageItem(values)
        image.setColorMap(pg.colormap.get("viridis"))
        image.setLevels((0, max(values.max(), 1)))
        image.setRect(-0.5, -0.5, values.shape[1], values.shape[0])
        self.addItem(image)
        if frame.size and values.size <= 900:  # numbers in the cells while they can be read
            font = QFont(self.font())
            font.setPointSize(8)
            for r in range(values.shape[0]):
                for c in range(values.shape[1]):
                    if values[r, c]:
                        text = pg.TextItem(str(int(values[r, c])), anchor=(0.5, 0.5),
                                           color="w" if values[r, c] < values.max() * 0.6 else "k")
                        text.setFont(font)
                        text.setPos(c, r)
                        self.addItem(text)
        rows = [str(i) for i in frame.index]
        # Columns as wide as their (short) labels and rows as tall as theirs: the chart scrolls
        # rather than let 30 titles run into each other; the whole title is in the tooltip.
        self.column_titles = [readable(" ".join(self._column_label(c).split()), self.tick_font) for c in frame.columns]
        # A column is at least as wide as the start of its label; a wider one shows more of it.
        self.size_to_labels(len(rows), [short(t, COLUMN_CHARS) for t in self.column_titles])
        self.getPlotItem().getAxis("left").setTicks(_ticks([self.fit(r) for r in rows]))
        self.label_columns()
        by = frame.attrs.get("by", "document")
        titles = {"document": _tr("Tagged passages by tag and document"),
                  "publisher": _tr("Tagged passages by tag and publisher"),
                  "type": _tr("Tagged passages by tag and document type"),
                  "month": _tr("Tagged passages by tag and month")}
        self.set_title(titles[by] if self.mode == "tags" else _tr("Passages where two entities meet"))
        self.reset_view()

    def _column_label(self, column) -> str:
        """A document's title, a group's name ("과기정통부", "2024-03"), or what
        stands for documents without the detail."""
        if self.mode != "tags":
            return str(column)
        if self.frame.attrs.get("by", "document") == "document":
            return str(self.frame.attrs.get("titles", {}).get(column, column))
        return str(column) if column != NOT_GIVEN else _tr("(not given)")

    def label_columns(self) -> None:
        """Each column's label cut to the column's width on screen: the whole title
        where it fits, else as much of it as does ("디지털 정부혁신 추진…")."""
        if not self.column_titles:
            return
        box = self.getPlotItem().vb
        (x0, x1), _ = box.viewRange()
        room = int(box.width() / max(x1 - x0, 1e-6)) - 2 * ROW_GAP
        metrics = QFontMetrics(self.tick_font)
        labels = [metrics.elidedText(t, Qt.TextElideMode.ElideRight, max(room, self.column_px - 2 * ROW_GAP))
                  for t in self.column_titles]
        axis = self.getPlotItem().getAxis("bottom")
        if axis._tickLevels != _ticks(labels):
            axis.setTicks(_ticks(labels))

    def _cell(self, x: float, y: float) -> tuple[int, int] | None:
        if self.frame is None or not self.frame.size:
            return None
        r, c = round(y), round(x)
        if 0 <= r < self.frame.shape[0] and 0 <= c < self.frame.shape[1]:
            return r, c
        return None

    def target_at(self, x: float, y: float):
        cell = self._cell(x, y)
        if cell is None or not self.frame.iat[cell]:
            return None
        row, column = self.frame.index[cell[0]], self.frame.columns[cell[1]]
        if self.mode == "tags" and self.frame.attrs.get("by", "document") != "document":
            return {"kind": "tagged", "tag": row, "doc_ids": self.frame.attrs["groups"][column]}
        if self.mode == "tags":
            return {"kind": "tagged", "tag": row, "doc_id": int(column)}
        return {"kind": "together", "entities": [row] if row == column else [row, column]}

    def tooltip_at(self, x: float, y: float) -> str:
        cell = self._cell(x, y)
        if cell is None:
            return ""
        row, column = self.frame.index[cell[0]], self.frame.columns[cell[1]]
        return f"{row} × {self._column_label(column)}: {int(self.frame.iat[cell])}"


class TimelineChart(ChartCanvas):
    """Documents (top lane) and the dates their text mentions (bottom lane) by month."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAxisItems({"bottom": pg.DateAxisItem()})
        self.points: list[tuple[float, int, dict]] = []

    def show_frame(self, frame) -> None:
        self.frame = frame
        self.clear()
        self.points = []
        self.size_to_labels(2)
        for lane, kind, colour in ((1, "document", SERIES_COLOURS[0]), (0, "mention", SERIES_COLOURS[1])):
            placed = [(_timestamp(r["date"]), r) for r in frame[frame.kind == kind].to_dict("records")]
            rows = [r for x, r in placed if x is not None]  # the service gives real dates; a stray one is skipped
            xs = [x for x, _ in placed if x is not None]
            # Spread the points of one lane over its height, so many on one month stay apart.
            jitter = [lane + ((n * 37) % 100 / 100 - 0.5) * 0.6 for n, _ in enumerate(rows)]
            if xs:
                self.addItem(pg.ScatterPlotItem(x=xs, y=jitter, size=8, pen=None,
                                                brush=pg.mkBrush(QColor(colour).lighter(110))))
            self.points.extend(zip(xs, jitter, rows))
        self.getPlotItem().getAxis("left").setTicks(_ticks([_tr("dates in the text"), _tr("documents")]))
        self.setYRange(-0.6, 1.6)
        aside: list[str] = []
        if self.points:  # every date in view, the first and last whole; a stray "2089년" aside, reachable by panning
            xs = sorted(p[0] for p in self.points)
            low, high = in_view(xs)
            aside = sorted({str(r["date"]) for x, _, r in self.points if not low <= x <= high})
            pad = max((high - low) * 0.05, 86400 * 20)  # beyond a point's radius at any width the dock has
            self.setXRange(low - pad, high + pad, padding=0)
        note = left_out(frame.attrs)
        if aside:
            shown = ", ".join(aside[:3]) + (", …" if len(aside) > 3 else "")
            beside = _tr("{0} dates outside the view ({1}): drag to see them").format(len(aside), shown)
            note = f"{note} · {beside}" if note else beside
        self.set_title(_tr("Timeline"), note)
        self.fit_window(top=True)

    def _nearest(self, x: float, y: float) -> dict | None:
        box = self.getPlotItem().vb
        (x0, x1), (y0, y1) = box.viewRange()
        best, found = None, None
        for px, py, row in self.points:
            d = ((px - x) / max(x1 - x0, 1)) ** 2 + ((py - y) / max(y1 - y0, 1e-6)) ** 2
            if best is None or d < best:
                best, found = d, row
        return found if best is not None and best <= 0.0004 else None

    def target_at(self, x: float, y: float):
        row = self._nearest(x, y)
        if row is None:
            return None
        if row["kind"] == "document":
            return {"kind": "document", "doc_id": int(row["doc_id"])}
        return {"kind": "position", "doc_id": int(row["doc_id"]), "start": int(row["start"]), "end": int(row["end"])}

    def tooltip_at(self, x: float, y: float) -> str:
        row = self._nearest(x, y)
        return "" if row is None else f"{row['date']}\n{row['label']}"


YEAR = 365.25 * 86400


def in_view(xs: list[float]) -> tuple[float, float]:
    """The span of the sorted timestamps ``xs`` to show: all of them but a stray
    one far from all the others (a "2089년" read in a number), left aside only
    when the gap to its neighbour is more than a year and more than half the
    span of the rest — at most 1 % of the dates at each end."""
    low, high, limit = 0, len(xs) - 1, max(1, len(xs) // 100)
    while high - low >= 2 and len(xs) - 1 - high < limit \
            and xs[high] - xs[high - 1] > max(YEAR, 0.5 * (xs[high - 1] - xs[low])):
        high -= 1
    while high - low >= 2 and low < limit and xs[low + 1] - xs[low] > max(YEAR, 0.5 * (xs[high] - xs[low + 1])):
        low += 1
    return xs[low], xs[high]


def left_out(attrs: dict) -> str:
    """What the timeline could not place, in words (services.charts.timeline counts it)."""
    parts = []
    if attrs.get("unresolved"):
        parts.append(_tr("{0} date mentions left out (no year or month to go by, or not a real day)")
                     .format(attrs["unresolved"]))
    if attrs.get("undated_documents"):
        parts.append(_tr("undated documents: {0}").format(attrs["undated_documents"]))
    return " · ".join(parts)


def _timestamp(date: str) -> float | None:
    """Seconds of an ISO date ("2024", "2024-05", "2024-05-27"); None for one that is not a date."""
    try:
        parts = [int(p) for p in str(date).split("-")] + [1, 1]
        return datetime(parts[0], max(parts[1], 1), max(parts[2], 1), tzinfo=timezone.utc).timestamp()
    except (ValueError, OverflowError):
        return None
