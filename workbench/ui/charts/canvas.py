"""What every chart shares: a pyqtgraph plot with Korean-capable labels, hover
tooltips, zoom/pan/reset, export as PNG or SVG, and a click that names what
was under the mouse, so the window can take the analyst to the text.

Export goes through Qt directly (``QWidget.grab`` for PNG at twice the
screen resolution, ``QSvgGenerator`` for SVG): pyqtgraph's own SVG exporter
fails on the path format of current Qt versions.
"""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QToolTip

pg.setConfigOptions(antialias=True, background="w", foreground="#333333")

# Okabe–Ito, like the entity colours: safe for colour-blind readers.
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")


class ChartCanvas(pg.PlotWidget):
    clicked = Signal(object)  # a target: what the analyst clicked (a dict the controller navigates to)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setMinimumSize(QSize(240, 160))
        self.frame = None
        font = QFont(self.font())
        font.setPointSize(max(font.pointSize() - 1, 8))
        self.tick_font = font
        for name in ("left", "bottom"):
            axis = self.getPlotItem().getAxis(name)
            axis.setTickFont(font)
            axis.label.setFont(font)
        self.getPlotItem().getAxis("left").setWidth(150)  # room for document titles and tag paths
        self.getPlotItem().showGrid(x=True, y=False, alpha=0.15)
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

    def reset_view(self) -> None:
        self.getPlotItem().enableAutoRange()
        self.getPlotItem().autoRange()

    def export(self, path: Path | str) -> Path:
        """Write the chart as PNG (twice the screen resolution) or SVG, by the file's extension."""
        path = Path(path)
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


    def fit(self, text: str, pixels: int = 138) -> str:
        """A tick label cut to fit the left axis (pyqtgraph drops labels that do not fit)."""
        from PySide6.QtGui import QFontMetrics

        return QFontMetrics(self.tick_font).elidedText(" ".join(str(text).split()), Qt.TextElideMode.ElideRight,
                                                       pixels)

    def _paint(self, painter: QPainter, target: QRectF) -> None:
        """The scene as on screen, into ``target`` (QGraphicsView.render fits the
        viewport to the target: no extra painter scale, or the chart is cropped)."""
        self.render(painter, target, self.viewport().rect())


def short(text: str, limit: int = 14) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
