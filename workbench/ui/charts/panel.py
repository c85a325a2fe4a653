"""The charts dock: pick a chart and what it counts, see it, click through to
the text, zoom and pan (mouse wheel and drag; Reset view), and export it as
PNG or SVG for a briefing. The controls wrap on a narrow dock.

Each chart has its own line of status ("Drawing…", an error, nothing to
draw), shown while that chart is the one picked: one chart's failure is not
another's. A chart with more rows than the dock has room for is made as tall
as its rows need and scrolls (see ``ChartCanvas.size_to_labels``).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFileDialog, QLabel, QLineEdit, QPushButton, QStackedWidget, QStyle, QStyleOptionFrame,
    QVBoxLayout, QWidget,
)

from workbench.core.crosstab import GROUPINGS
from workbench.core.errors import WorkbenchError
from workbench.ui.old_hangul import readable, with_old_hangul
from workbench.ui.charts.scrolling import ScrolledChart
from workbench.ui.charts.views import DispersionChart, DistributionChart, HeatmapChart, TimelineChart
from workbench.ui.widgets import FlowLayout

log = logging.getLogger("workbench.charts")

KINDS = ("distribution", "dispersion", "tags", "cooccurrence", "timeline")
ENTITY_KINDS = ("ORG", "PERSON", "LOCATION", "PRODUCT", "LAW")


def fit_placeholder(box: QLineEdit, least: int = 0) -> None:
    """Make ``box`` at least wide enough to show its whole placeholder (and ``least`` pixels)."""
    option = QStyleOptionFrame()
    box.initStyleOption(option)
    contents = box.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, box)
    margins = box.textMargins()
    frame = box.width() - contents.width() + margins.left() + margins.right() + 2 * 2  # QLineEdit's inner margin
    box.setMinimumWidth(max(least, box.fontMetrics().horizontalAdvance(box.placeholderText()) + frame + 2))


class ChartsPanel(QWidget):
    draw_requested = Signal()  # the controller computes the frame and calls show()
    kind_changed = Signal(str)  # the analyst picked another chart (the controller draws it)
    exported = Signal(str)  # path written

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        self.what = QLineEdit()  # a query, entity:NAME or tag:PATH (dispersion: several, separated by ;)
        self.what.returnPressed.connect(self.draw_requested)
        self.relative = QCheckBox()
        self.relative.toggled.connect(self._relative_changed)
        self.document = QComboBox()
        self.document.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.document.setMinimumContentsLength(12)
        self.document.setFont(with_old_hangul(self.document.font()))  # "ᄒᆞᆫ글" titles (old_hangul.py)
        # The document being read, until the analyst picks one here (then theirs stays).
        self.document_picked = False
        self.document.activated.connect(lambda _index: setattr(self, "document_picked", True))
        self.entity_kind = QComboBox()
        self.matrix_by = QComboBox()  # tags × documents, or × the documents' publisher, type or month
        self.matrix_by.setObjectName("chart-tags-by")
        for by in GROUPINGS:
            self.matrix_by.addItem("", by)
        self.filter_tag = QLineEdit()
        self.filter_type = QLineEdit()
        self.draw = QPushButton()
        self.draw.clicked.connect(self.draw_requested)
        self.matrix_by.activated.connect(lambda _index: self.draw_requested.emit())
        self.reset = QPushButton()
        self.reset.clicked.connect(lambda: self.current().reset_view())
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self._export_clicked)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()  # shown only when there is something to say
        self.messages: dict[str, str] = {kind: "" for kind in KINDS}  # each chart's own status line
        self.language = "en"  # of WorkbenchError messages; the controller sets it
        self.charts = {"distribution": DistributionChart(), "dispersion": DispersionChart(),
                       "tags": HeatmapChart("tags"), "cooccurrence": HeatmapChart("cooccurrence"),
                       "timeline": TimelineChart()}
        self.scrolls = {kind: ScrolledChart(self.charts[kind]) for kind in KINDS}  # rows that do not fit
        self.stack = QStackedWidget()
        for kind in KINDS:
            self.stack.addWidget(self.scrolls[kind])
        controls = QWidget()
        flow = FlowLayout(controls)
        for widget in (self.kind, self.what, self.document, self.entity_kind, self.matrix_by, self.filter_type,
                       self.filter_tag,
                       self.relative, self.draw, self.reset, self.export_button):
            flow.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(controls)
        layout.addWidget(self.status)
        layout.addWidget(self.stack, 1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.kind.currentIndexChanged.connect(lambda _index: self.kind_changed.emit(self.chart_kind()))
        self.retranslate()
        self._kind_changed()

    def retranslate(self) -> None:
        current = self.kind.currentIndex()
        self.kind.blockSignals(True)
        self.kind.clear()
        for label in (self.tr("Hits per document"), self.tr("Where in a document"), self.tr("Tags × documents"),
                      self.tr("Entities that meet"), self.tr("Timeline")):
            self.kind.addItem(label)
        self.kind.setCurrentIndex(max(current, 0))
        self.kind.blockSignals(False)
        self.what.setPlaceholderText(self.tr("Query, entity:NAME or tag:PATH"))
        self.relative.setText(self.tr("Per 10,000 characters"))
        self.filter_tag.setPlaceholderText(self.tr("Only with tag (optional)"))
        self.filter_type.setPlaceholderText(self.tr("Only document type (optional)"))
        for box, least in ((self.what, 180), (self.filter_tag, 0), (self.filter_type, 0)):
            fit_placeholder(box, least)  # the whole hint in either language (the controls wrap on a narrow dock)
        self.draw.setText(self.tr("Draw"))
        self.reset.setText(self.tr("Reset view"))
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Save the chart as PNG or SVG"))
        self.document.setToolTip(self.tr("The document to look inside"))
        names = {"document": self.tr("by document"), "publisher": self.tr("by publisher"),
                 "type": self.tr("by document type"), "month": self.tr("by month")}
        for i in range(self.matrix_by.count()):
            self.matrix_by.setItemText(i, names[self.matrix_by.itemData(i)])
        self.matrix_by.setToolTip(self.tr("Count the tagged passages by document, or by the documents' publisher, "
                                          "type or month"))
        self._kind_changed()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_entity_kinds(self, labels: dict[str, str]) -> None:
        current = self.entity_kind.currentData()
        self.entity_kind.clear()
        for kind in ENTITY_KINDS:
            self.entity_kind.addItem(labels.get(kind, kind), kind)
        self.entity_kind.setCurrentIndex(max(0, self.entity_kind.findData(current)))

    def follow_document(self, doc_id: int) -> None:
        """A document was opened in a pane: "where in a document" looks inside it,
        unless the analyst has chosen another in the picker."""
        index = self.document.findData(doc_id)
        if not self.document_picked and index >= 0:
            self.document.setCurrentIndex(index)

    def set_documents(self, docs) -> None:
        current = self.document.currentData()
        self.document.clear()
        font = self.document.font()
        for doc in docs:
            self.document.addItem(readable(doc.title, font), doc.id)  # Old Hangul that no font here draws: spelled out
            self.document.setItemData(self.document.count() - 1, doc.title, Qt.ItemDataRole.ToolTipRole)
        index = self.document.findData(current)
        self.document.setCurrentIndex(index if index >= 0 else 0)

    # --- state -----------------------------------------------------------------------------

    def chart_kind(self) -> str:
        return KINDS[max(self.kind.currentIndex(), 0)]

    def set_chart_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(KINDS.index(kind))

    def current(self):
        return self.charts[self.chart_kind()]

    def _kind_changed(self, *_args) -> None:
        kind = self.chart_kind()
        self.stack.setCurrentWidget(self.scrolls[kind])
        self._show_message()
        self.what.setVisible(kind in ("distribution", "dispersion"))
        self.what.setToolTip(self.tr("Several at once: separate them with ;") if kind == "dispersion" else "")
        self.relative.setVisible(kind == "distribution")
        self.document.setVisible(kind == "dispersion")
        self.entity_kind.setVisible(kind == "cooccurrence")
        self.matrix_by.setVisible(kind == "tags")
        self.filter_tag.setVisible(kind == "timeline")
        self.filter_type.setVisible(kind == "timeline")

    def _relative_changed(self, on: bool) -> None:
        chart = self.charts["distribution"]
        chart.relative = on
        if chart.frame is not None:
            self.show("distribution", chart.frame)

    def show(self, kind: str, frame) -> bool:  # noqa: A003 - the panel shows a frame
        """Draw ``frame`` on the ``kind`` chart; a failure is said on that chart, not raised."""
        chart = self.charts[kind]
        try:
            chart.show_frame(frame)
        except Exception as exc:  # noqa: BLE001 - a chart that cannot be drawn says so; the window goes on
            log.exception("drawing the %s chart failed", kind)
            chart.frame = None
            chart.clear()
            self.failed(kind, exc)
            return False
        self.say(self.tr("Nothing to draw for this choice") if len(frame) == 0 else "", kind)
        return True

    def failed(self, kind: str, exc: BaseException, language: str | None = None) -> None:
        """Say on the ``kind`` chart why it could not be drawn (until it is drawn again)."""
        if isinstance(exc, WorkbenchError):
            text = exc.localized(language or self.language)
        else:
            text = self.tr("This chart could not be drawn: {0}").format(f"{type(exc).__name__}: {exc}")
        self.say(text, kind)

    def say(self, text: str, kind: str | None = None) -> None:
        """Set the status line of the ``kind`` chart (the one picked by default)."""
        self.messages[kind or self.chart_kind()] = text
        self._show_message()

    def _show_message(self) -> None:
        text = self.messages.get(self.chart_kind(), "")
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def clear_messages(self) -> None:
        for kind in self.messages:
            self.messages[kind] = ""
        self._show_message()

    def export(self, path: str | None = None) -> str | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the chart"), f"{self.chart_kind()}.png",
                                                  "PNG (*.png);;SVG (*.svg)")
            if not path:
                return None
            if not str(path).lower().endswith((".png", ".svg")):
                path = f"{path}.png"  # a name typed without an extension
        written = str(self.current().export(path))
        self.exported.emit(written)
        return written

    def _export_clicked(self, _checked: bool = False) -> None:
        """The Export… button: ``clicked(bool)`` must not reach :meth:`export` as its path."""
        try:
            self.export()
        except OSError as exc:
            self.say(self.tr("The chart could not be saved: {0}").format(exc))
