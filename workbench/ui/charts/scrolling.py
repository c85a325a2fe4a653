"""Scroll bars beside a chart whose rows or columns do not all fit (see
``ChartCanvas.size_to_labels``): they show where the window on the rows is
and move it, while the chart's title and axes stay put. Hidden when
everything fits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QScrollBar, QWidget

STEPS = 100  # scroll bar units per row or column


class ScrolledChart(QWidget):
    def __init__(self, chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = chart
        self.rows = QScrollBar(Qt.Orientation.Vertical)
        self.columns = QScrollBar(Qt.Orientation.Horizontal)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(chart, 0, 0)
        layout.addWidget(self.rows, 0, 1)
        layout.addWidget(self.columns, 1, 0)
        self._following = False
        for axis, bar in ((1, self.rows), (0, self.columns)):
            bar.hide()
            bar.setSingleStep(STEPS)
            bar.valueChanged.connect(lambda value, axis=axis: self._moved(axis, value))
        chart.window_changed.connect(self.follow)

    def follow(self) -> None:
        """Put the bars where the chart's view is."""
        (down, rows_shown, rows), (right, columns_shown, columns) = self.chart.position()
        clip_rows, clip_columns = self.chart.clipped()
        self._following = True
        try:
            for bar, clipped, offset, shown, total in ((self.rows, clip_rows, down, rows_shown, rows),
                                                        (self.columns, clip_columns, right, columns_shown, columns)):
                bar.setVisible(clipped)
                if clipped:
                    bar.setRange(0, max(0, round((total - shown) * STEPS)))
                    bar.setPageStep(max(1, round(shown * STEPS)))
                    bar.setValue(round(offset * STEPS))
        finally:
            self._following = False

    def _moved(self, axis: int, value: int) -> None:
        if not self._following:
            self.chart.scroll_to(value / STEPS, axis=axis)
