"""Charts as a new analyst uses them on a 1366×768 laptop in Korean:

- after View → Language every drawn chart speaks the new language — title,
  axis labels, lane names and the tooltips — and keeps the part zoomed to;
  the reader's coding stripes' tooltip follows too;
- the timeline's filter boxes show their whole placeholder;
- the tags × documents chart labels each column with as much of its title as
  the column has room for, every label drawn and none over its neighbour;
- the timeline shows every date, the first and the last whole, a stray one far
  from all the others ("2089년") aside and said so in the chart's note."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QCoreApplication
from PySide6.QtGui import QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QStyle, QStyleOptionFrame

from tests.ui.test_charts_ui import DOCS, doc_id, draw, window  # noqa: F401 - the fixture
from workbench.ui.main_window import MainWindow
from workbench.ui.old_hangul import readable
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui


def _title(chart) -> str:
    return chart.getPlotItem().titleLabel.text


def _label(chart, side: str = "bottom") -> str:
    return chart.getPlotItem().getAxis(side).labelText


def _ticks(chart, side: str = "left") -> list[str]:
    levels = chart.getPlotItem().getAxis(side)._tickLevels or [[]]
    return [text for _, text in levels[0]]


@pytest.fixture
def switch(window):
    yield lambda language: (window.set_language(language),
                            QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange))
    window.set_language("en")


def test_drawn_charts_and_their_tooltips_follow_the_language(qtbot, window, switch):
    a = doc_id(window, "a.txt")
    distribution = draw(window, "distribution", "entity:과기정통부")
    window.charts_panel.document.setCurrentIndex(window.charts_panel.document.findData(a))
    dispersion = draw(window, "dispersion", "과기정통부")
    tags, timeline = draw(window, "tags"), draw(window, "timeline")
    assert _label(distribution) == "mentions" and _ticks(timeline) == ["dates in the text", "documents"]
    box = distribution.getPlotItem().vb
    box.setXRange(0, 1.5, padding=0)  # the analyst zoomed in
    zoomed = box.viewRange()
    bar = distribution.rows[0]
    point = dispersion.points[0]
    assert "per 10,000 characters" in distribution.tooltip_at(bar["count"] / 2, len(distribution.rows) - 1)
    assert "character" in dispersion.tooltip_at(point[0], point[1])

    switch("ko")
    assert _label(distribution) == "언급 수"
    assert _label(dispersion) == "문서 안의 위치(%)"
    assert _title(tags) == "태그·문서별 태그 붙인 구절"
    assert _title(timeline).startswith("타임라인") and _ticks(timeline) == ["본문의 날짜", "문서"]
    assert "1만 자당" in distribution.tooltip_at(bar["count"] / 2, len(distribution.rows) - 1)
    tip = dispersion.tooltip_at(point[0], point[1])
    assert "번째 글자" in tip and "character" not in tip
    assert box.viewRange() == zoomed  # the part zoomed to stays
    assert window.left.view.stripes.toolTip() == "태그 붙인 구절: 막대를 누르면 목록에서 찾습니다"

    switch("en")
    assert _label(distribution) == "mentions" and _ticks(timeline) == ["dates in the text", "documents"]
    assert window.left.view.stripes.toolTip().startswith("Tagged passages: click")


@pytest.fixture
def laptop(qtbot, window, switch):
    """The window at 1366×768, in Korean, the charts dock in front."""
    window.resize(1366, 768)
    switch("ko")
    window.charts_dock.show()
    window.charts_dock.raise_()
    qtbot.waitUntil(lambda: window.charts_panel.isVisible())
    return window


def _text_room(box) -> int:
    """Pixels a line edit has for its text (frame and inner margins off)."""
    option = QStyleOptionFrame()
    box.initStyleOption(option)
    contents = box.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, box)
    margins = box.textMargins()
    return contents.width() - margins.left() - margins.right() - 2 * 2  # QLineEdit's own 2-px margin each side


def test_the_timeline_filters_show_their_whole_placeholder(qtbot, laptop):
    panel = laptop.charts_panel
    panel.set_chart_kind("timeline")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    for box in (panel.filter_type, panel.filter_tag):
        text = box.placeholderText()
        assert text in ("이 문서 유형만(선택)", "이 태그가 있는 것만(선택)")
        assert box.isVisible() and _text_room(box) >= box.fontMetrics().horizontalAdvance(text), (text, box.width())
    panel.set_chart_kind("distribution")
    box = panel.what
    assert _text_room(box) >= box.fontMetrics().horizontalAdvance(box.placeholderText())


def _drawn(axis) -> list[tuple]:
    """(rect, text) of each label the axis draws now (pyqtgraph leaves out one that does not fit)."""
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    painter.setFont(axis.style["tickFont"] or axis.font())
    try:
        _, _, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(rect, text) for rect, _flags, text in texts]


def test_the_tags_chart_labels_its_columns_with_as_much_title_as_fits(qtbot, laptop):
    chart = draw(laptop, "tags")
    chart.resize(1100, 260)
    QCoreApplication.processEvents()
    titles = [readable(chart.frame.attrs["titles"][c], chart.tick_font) for c in chart.frame.columns]
    drawn = _drawn(chart.getPlotItem().getAxis("bottom"))
    assert len(drawn) == len(titles), drawn
    box = chart.getPlotItem().vb
    column_px = box.width() / (box.viewRange()[0][1] - box.viewRange()[0][0])
    metrics = QFontMetrics(chart.tick_font)
    for (rect, text), title in zip(drawn, titles):
        if metrics.horizontalAdvance(title) <= column_px - 12:
            assert text == title  # room for the whole title: the whole title
        else:
            assert text.endswith("…") and title.startswith(text[:-1])
    for (left, _), (right, _) in zip(drawn, drawn[1:]):
        assert left.right() <= right.left()  # apart


@pytest.fixture
def seeded_window(qtbot, seeded_project):
    win = MainWindow(seeded_project, TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)
    win.show()
    win.resize(1366, 768)
    win.start()
    win.charts_dock.raise_()
    yield win
    win.set_language("en")


def _in_view(chart) -> tuple[list, list]:
    """The points inside the view with at least a marker's half to spare, and the others."""
    box = chart.getPlotItem().vb
    (x0, x1), _ = box.viewRange()
    spare = 5 * (x1 - x0) / box.width()  # a point's radius is 4 px
    inside = [p for p in chart.points if x0 + spare <= p[0] <= x1 - spare]
    return inside, [p for p in chart.points if p not in inside]


def test_the_timeline_shows_its_first_and_last_dates(qtbot, window):
    chart = draw(window, "timeline")
    chart.resize(900, 200)
    chart.show_frame(chart.frame)
    inside, outside = _in_view(chart)
    assert chart.points and not outside


def test_a_date_far_from_all_the_others_is_aside_and_said(qtbot, seeded_window):
    window = seeded_window
    window.set_language("ko")
    chart = draw(window, "timeline")
    chart.resize(1100, 200)
    chart.show_frame(chart.frame)
    inside, outside = _in_view(chart)
    assert [p[2]["date"] for p in outside] == ["2089-01"]  # the stray year only: 1975…2027 all in view
    assert "범위 밖의 날짜 1개(2089-01)" in _title(chart)
