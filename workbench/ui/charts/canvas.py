"""What every chart shares: a pyqtgraph plot with Korean-capable labels, hover
tooltips, zoom/pan/reset, export as PNG or SVG, and a click that names what
was under the mouse, so the window can take the analyst to the text.

A chart whose rows (documents, tags, entities) do not fit the dock with their
labels apart — a laptop's charts dock is ~150 px tall — shows as many as fit,
from the top, and scrolls the rest (:meth:`ChartCanvas.size_to_labels`): the
wheel and the panel's scroll bars move the rows while the title and axes
stay; zooming out stops where labels would overlap (Ctrl+wheel zooms). An
export draws the whole chart, every row, at the size it needs.

After View → Language a drawn chart is drawn again from its frame, so its
title, axis labels, lane names and tooltips are in the new language; the
part of it the analyst zoomed or scrolled to stays in view.

Export goes through Qt directly (``QWidget.grab`` for PNG at twice the
screen resolution, ``QSvgGenerator`` for SVG): pyqtgraph's own SVG exporter
fails on the path format of current Qt versions.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QToolTip

from workbench.ui.old_hangul import readable, with_old_hangul

pg.setConfigOptions(antialias=True, background="w", foreground="#333333")

LEFT_AXIS = 150  # pixels for document titles and tag paths
# Above and below the rows: the title (two lines with a note), the bottom axis with its label, margins.
FRAME_HEIGHT = 110  # (an export's height is this plus its rows)
ROW_GAP = 6  # pixels between two rows' labels

# Okabe–Ito, like the entity colours: safe for colour-blind readers.
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")


class ChartCanvas(pg.PlotWidget):
    clicked = Signal(object)  # a target: what the analyst clicked (a dict the controller navigates to)
    window_changed = Signal()  # the rows or columns in view changed (the panel's scroll bars follow)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setMinimumSize(QSize(240, 160))
        self.frame = None
        font = with_old_hangul(QFont(self.font()))
        font.setPointSize(max(font.pointSize() - 1, 8))
        self.tick_font = font
        for name in ("left", "bottom"):
            axis = self.getPlotItem().getAxis(name)
            axis.setTickFont(font)
            axis.label.setFont(font)
        self.getPlotItem().getAxis("left").setWidth(LEFT_AXIS)  # room for document titles and tag paths
        self.getPlotItem().showGrid(x=True, y=False, alpha=0.15)
        self.rows_total = self.columns_total = self.column_px = 0
        box = self.getPlotItem().vb
        box.sigResized.connect(lambda _box: self._resized())
        box.sigRangeChanged.connect(lambda *_: self.window_changed.emit())
        self.scene().sigMouseClicked.connect(self._scene_clicked)
        self.scene().sigMouseMoved.connect(self._scene_moved)

    # --- what subclasses provide ------------------------------------------------------

    def show_frame(self, frame) -> None:
        """Draw a frame from :mod:`workbench.services.charts`."""
        raise NotImplementedError

    def target_at(self, x: float, y: float):
        """What lies at data coordinates (x, y): a dict to navigate to, or None."""
        return None

    def tooltip_at(self, x: float, y: float) -> str:
        return ""

    # --- shared behaviour -----------------------------------------------------------------

    def data_point(self, scene_pos: QPointF) -> tuple[float, float] | None:
        box = self.getPlotItem().vb
        if not box.sceneBoundingRect().contains(scene_pos):
            return None
        point = box.mapSceneToView(scene_pos)
        return point.x(), point.y()

    def click_at_data(self, x: float, y: float) -> object:
        """Act as if the analyst clicked at data coordinates (tests and keyboard use this)."""
        target = self.target_at(x, y)
        if target is not None:
            self.clicked.emit(target)
        return target

    def widget_pos(self, x: float, y: float):
        """Widget coordinates of a data point (for tests that click with the mouse)."""
        scene = self.getPlotItem().vb.mapViewToScene(QPointF(x, y))
        return self.mapFromScene(scene)

    def _scene_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        point = self.data_point(event.scenePos())
        if point is not None:
            self.click_at_data(*point)

    def _scene_moved(self, scene_pos) -> None:
        point = self.data_point(scene_pos)
        text = self.tooltip_at(*point) if point is not None else ""
        if text:
            QToolTip.showText(self.mapToGlobal(self.mapFromScene(scene_pos)), text, self)
        else:
            QToolTip.hideText()

    def set_title(self, title: str, note: str = "") -> None:
        """The chart's title, with a smaller second line for a note (what was left out)."""
        text = html.escape(title)
        if note:
            text += f"<br><span style='font-size:9pt; color:#8a4b00'>{html.escape(note)}</span>"
        self.setTitle(text)

    def row_height(self) -> int:
        """Pixels a row needs so that its label does not touch the next one's."""
        return QFontMetrics(self.tick_font).height() + ROW_GAP

    # --- rows and columns that do not fit: a window on them, scrolled -----------------

    def size_to_labels(self, rows: int, columns: list[str] | None = None) -> None:
        """The chart has ``rows`` labelled rows (and ``columns`` labelled columns): when
        they do not fit with their labels apart, show as many as do, from the top or
        left, and let the rest be scrolled to (wheel, drag, the panel's scroll bars)."""
        self.rows_total = rows
        self.columns_total = len(columns or [])
        metrics = QFontMetrics(self.tick_font)
        self.column_px = max((metrics.horizontalAdvance(c) for c in columns), default=0) + 2 * ROW_GAP \
            if columns else 0

    def capacity(self) -> tuple[float, float]:
        """How many whole rows and columns fit in the plot with their labels apart."""
        box = self.getPlotItem().vb
        rows = max(box.height() // self.row_height(), 1.0)
        columns = max(box.width() // self.column_px, 1.0) if self.column_px else float("inf")
        return rows, columns

    def clipped(self) -> tuple[bool, bool]:
        rows, columns = self.capacity()
        return self.rows_total > rows, self.columns_total > columns

    def fit_window(self, top: bool = False) -> None:
        """Limit the view to what fits (zooming out would smear the labels again);
        ``top``: show the first rows and columns, else keep the place scrolled to."""
        box = self.getPlotItem().vb
        (rows_fit, columns_fit), (clip_rows, clip_columns) = self.capacity(), self.clipped()
        # Where the analyst is, read before the limits below move the view (they clamp a
        # view that showed every row to the bottom ones: the first rows were lost).
        (down, _, _), (right, _, _) = self.position()
        box.setLimits(yMin=-0.5 if clip_rows else None, yMax=self.rows_total - 0.5 if clip_rows else None,
                      maxYRange=rows_fit if clip_rows else None,
                      xMin=-0.5 if clip_columns else None, xMax=self.columns_total - 0.5 if clip_columns else None,
                      maxXRange=columns_fit if clip_columns else None)
        if clip_rows:
            self.scroll_to(0 if top else down, axis=1, span=rows_fit)
        if clip_columns:
            self.scroll_to(0 if top else right, axis=0, span=columns_fit)
        self.window_changed.emit()

    def position(self) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
        """(from the top, rows shown, rows) and (from the left, columns shown, columns)."""
        box = self.getPlotItem().vb
        (x0, x1), (y0, y1) = box.viewRange()
        down = y0 + 0.5 if box.yInverted() else self.rows_total - 0.5 - y1
        return (down, y1 - y0, self.rows_total), (x0 + 0.5, x1 - x0, self.columns_total)

    def scroll_to(self, offset: float, axis: int = 1, span: float | None = None) -> None:
        """Show rows (axis 1) from ``offset`` rows below the top, or columns (axis 0) from the left."""
        box = self.getPlotItem().vb
        total = self.rows_total if axis == 1 else self.columns_total
        span = span if span is not None else self.position()[1 - axis][1]
        offset = min(max(round(offset), 0.0), max(total - span, 0.0))  # whole rows: no label cut in half
        if axis == 0:
            box.setXRange(offset - 0.5, offset - 0.5 + span, padding=0)
        elif box.yInverted():
            box.setYRange(offset - 0.5, offset - 0.5 + span, padding=0)
        else:
            box.setYRange(total - 0.5 - offset - span, total - 0.5 - offset, padding=0)

    def wheelEvent(self, event) -> None:  # noqa: N802
        """The wheel scrolls rows (Shift or a sideways wheel: columns) that do not fit; Ctrl+wheel zooms."""
        clip_rows, clip_columns = self.clipped()
        steps = event.angleDelta() / 40  # three rows a notch
        sideways = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier) or steps.x()
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier and (clip_rows or clip_columns):
            if sideways and clip_columns:
                self.scroll_to(self.position()[1][0] - (steps.x() or steps.y()), axis=0)
            elif clip_rows and not sideways:
                self.scroll_to(self.position()[0][0] - steps.y(), axis=1)
            event.accept()
            return
        super().wheelEvent(event)

    def reset_view(self) -> None:
        self.getPlotItem().enableAutoRange()
        self.getPlotItem().autoRange()
        self.fit_window(top=True)

    def _resized(self) -> None:
        if self.rows_total or self.columns_total:
            self.fit_window()

    # --- the language -----------------------------------------------------------------------

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Draw the frame again in the current language, the view where it was."""
        if self.frame is None:
            return
        box = self.getPlotItem().vb
        x_range, y_range = box.viewRange()
        try:
            self.show_frame(self.frame)
        except Exception:  # noqa: BLE001 - it was drawn once; the words stay as they were
            logging.getLogger("workbench.charts").exception("redrawing a chart in another language failed")
            return
        box.setRange(xRange=x_range, yRange=y_range, padding=0)
        if self.rows_total or self.columns_total:
            self.fit_window()

    def twin(self) -> "ChartCanvas":
        """A chart of the same kind and settings (to draw whole for an export)."""
        return type(self)()

    def export(self, path: Path | str) -> Path:
        """Write the chart as PNG (twice the screen resolution) or SVG, by the file's extension:
        the whole chart, every row and column, also when the dock shows a part of it."""
        if self.frame is not None and any(self.clipped()):
            from PySide6.QtWidgets import QApplication

            twin = self.twin()
            twin.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
            twin.resize(max(self.width(), LEFT_AXIS + 40 + self.columns_total * self.column_px),
                        max(self.height(), FRAME_HEIGHT + self.rows_total * self.row_height()))
            twin.show()
            QApplication.processEvents()  # lay it out at that size before drawing…
            try:
                twin.show_frame(self.frame)
                QApplication.processEvents()  # …and again with its title and labels
                return twin._write(Path(path))
            finally:
                twin.close()
                twin.deleteLater()
        return self._write(Path(path))

    def _write(self, path: Path) -> Path:
        if path.suffix.lower() == ".svg":
            generator = QSvgGenerator()
            generator.setFileName(str(path))
            generator.setSize(self.size())
            generator.setViewBox(QRect(0, 0, self.width(), self.height()))
            generator.setTitle("Workbench chart")
            painter = QPainter(generator)
            self._paint(painter, QRectF(0, 0, self.width(), self.height()))
            painter.end()
        else:
            pixmap = self.grab()
            image = pixmap.toImage()
            if pixmap.devicePixelRatio() < 2:  # draw again at twice the size: sharp when pasted in a briefing
                from PySide6.QtGui import QImage

                image = QImage(self.size() * 2, QImage.Format.Format_ARGB32)
                image.fill(Qt.GlobalColor.white)
                painter = QPainter(image)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                self._paint(painter, QRectF(image.rect()))
                painter.end()
            if not image.save(str(path)):
                raise OSError(f"cannot write {path}")
        return path

    def fit(self, text: str, pixels: int = LEFT_AXIS - 12) -> str:
        """A tick label cut to fit the left axis (pyqtgraph drops labels that do not fit),
        its Old Hangul spelled out where no font here draws it."""
        text = readable(" ".join(str(text).split()), self.tick_font)
        return QFontMetrics(self.tick_font).elidedText(text, Qt.TextElideMode.ElideRight, pixels)

    def _paint(self, painter: QPainter, target: QRectF) -> None:
        """The scene as on screen, into ``target`` (QGraphicsView.render fits the
        viewport to the target: no extra painter scale, or the chart is cropped)."""
        self.render(painter, target, self.viewport().rect())


def short(text: str, limit: int = 14) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
