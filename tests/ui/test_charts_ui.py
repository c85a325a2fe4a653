"""Charts in the window: clicking a bar, a cell or a point takes the analyst to
the passages behind it; a chart exports as PNG and SVG; a chart that fails
says so on itself only; thirty documents' labels stay readable on a laptop;
Old Hangul titles are readable in the document picker."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from workbench.services import annotations as svc
from workbench.services import projects
from workbench.services.documents import list_documents
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.ui.main_window import MainWindow
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui
DOCS = {
    "a.txt": "보도자료\n\n2024. 3. 5.\n\n과기정통부가 반도체 지원책을 발표했다. 과기정통부는 2024년 5월 후속 대책을 낸다.\n\n"
             "삼성전자와 SK하이닉스가 참여한다. 삼성전자는 투자를 늘린다.",
    "b.txt": "2024. 7. 1.\n\n반도체 수출이 늘었다. 과기정통부와 산업통상자원부가 점검 회의를 열었다. 삼성전자와 SK하이닉스가 참석했다.",
    "c.txt": "행사 일정\n\n행사는 2월 30일에 열리고 7일에 끝난다.",  # no year anywhere, and no 30 February
}


@pytest.fixture
def window(qtbot, tmp_path):
    project = projects.open_project(tmp_path / "p")
    for name, text in DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    run_job(ingest(project, [tmp_path / name for name in DOCS]))
    svc.tag_passage(project, "a.txt", ["정책 / 지원"], quote="반도체 지원책")
    svc.tag_passage(project, "a.txt", ["정책 / 지원"], quote="후속 대책")
    svc.tag_passage(project, "b.txt", ["산업 / 수출"], quote="반도체 수출")
    win = MainWindow(project, TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)
    win.show()
    win.resize(1400, 900)
    win.start()
    win.charts_dock.raise_()
    return win


def draw(window, kind: str, what: str = ""):
    panel = window.charts_panel
    panel.set_chart_kind(kind)
    panel.what.setText(what)
    panel.draw.click()
    chart = panel.current()
    chart.resize(700, 400)
    chart.getPlotItem().autoRange()
    return chart


def click(chart, x: float, y: float) -> None:
    QTest.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     chart.widget_pos(x, y))


def doc_id(window, name: str) -> int:
    from workbench.services.documents import show_document

    return show_document(window.project, name).info.id


def test_a_bar_opens_its_document_and_searches_in_it(qtbot, window):
    chart = draw(window, "distribution", "entity:과기정통부")
    rows = chart.rows
    assert [r["count"] for r in rows] == sorted((r["count"] for r in rows), reverse=True) and len(rows) == 2
    target = rows[-1]  # drawn at the bottom
    click(chart, target["count"] / 2, 0)
    assert window.right.doc_id == target["doc_id"]
    assert window.search_panel.query.currentText() == f'doc:{target["doc_id"]} entity:과기정통부'


def test_a_point_of_the_dispersion_selects_the_match(qtbot, window):
    a = doc_id(window, "a.txt")
    window.charts_panel.document.setCurrentIndex(window.charts_panel.document.findData(a))
    chart = draw(window, "dispersion", "과기정통부; tag:정책")
    first = chart.points[0]
    click(chart, first[0], first[1])
    pane = next(p for p in window.reading.panes if p.doc_id == a)
    row = first[2]
    assert pane.view.textCursor().selectedText() == pane.text[row["start"]:row["end"]]


def test_a_tag_cell_shows_those_tagged_passages(qtbot, window):
    chart = draw(window, "tags")
    frame = chart.frame
    row, column = list(frame.index).index("정책 / 지원"), list(frame.columns).index(doc_id(window, "a.txt"))
    assert window.annotations.visibleRegion().isEmpty()  # a tab behind the charts
    click(chart, column, row)
    assert not window.annotations.visibleRegion().isEmpty()  # raised, to be seen
    shown = [window.annotations.model.rows[i] for i in range(window.annotations.model.rowCount())]
    assert len(shown) == frame.iat[row, column] == 2
    assert all(r["tags"] == ["정책 / 지원"] and r["doc_id"] == doc_id(window, "a.txt") for r in shown)
    window.annotations.show_all_button.click()
    assert window.annotations.model.rowCount() == 3


def test_tags_by_month_count_their_documents_and_a_cell_shows_those_passages(qtbot, window):
    panel = window.charts_panel
    panel.set_chart_kind("tags")
    assert panel.matrix_by.isVisible()
    panel.matrix_by.setCurrentIndex(panel.matrix_by.findData("month"))
    panel.matrix_by.activated.emit(panel.matrix_by.currentIndex())  # as a pick in the box: it draws
    chart = panel.current()
    chart.resize(700, 400)
    chart.getPlotItem().autoRange()
    frame = chart.frame
    assert list(frame.columns) == ["2024-03", "2024-07"]  # the dates the two releases give
    assert frame.loc["정책 / 지원", "2024-03"] == 2 and frame.loc["산업 / 수출", "2024-07"] == 1
    assert "2024-03" in chart.column_titles and chart.tooltip_at(0, list(frame.index).index("정책 / 지원")) == (
        "정책 / 지원 × 2024-03: 2")
    click(chart, 1, list(frame.index).index("산업 / 수출"))
    shown = [window.annotations.model.rows[i] for i in range(window.annotations.model.rowCount())]
    assert [(r["tags"], r["doc_id"]) for r in shown] == [(["산업 / 수출"], doc_id(window, "b.txt"))]


def test_a_cooccurrence_cell_searches_for_both(qtbot, window):
    window.charts_panel.entity_kind.setCurrentIndex(window.charts_panel.entity_kind.findData("ORG"))
    chart = draw(window, "cooccurrence")
    names = list(chart.frame.index)
    i, j = names.index("삼성전자"), names.index("SK하이닉스")
    click(chart, j, i)
    assert window.search_panel.query.currentText() == "entity:삼성전자 entity:SK하이닉스"
    assert window.search_panel.result.total == chart.frame.iat[i, j]  # the cell's number is what the search finds


def test_a_document_on_the_timeline_opens_it(qtbot, window):
    chart = draw(window, "timeline")
    document = next(p for p in chart.points if p[2]["kind"] == "document")
    click(chart, document[0], document[1])
    assert window.right.doc_id == document[2]["doc_id"]


def test_charts_export_as_png_and_svg(qtbot, window, tmp_path):
    draw(window, "tags")
    png = window.charts_panel.export(str(tmp_path / "tags.png"))
    svg = window.charts_panel.export(str(tmp_path / "tags.svg"))
    from PySide6.QtGui import QImage

    image = QImage(png)
    assert image.width() >= 2 * 600  # drawn at twice the screen size, for a briefing
    text = (tmp_path / "tags.svg").read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "<svg" in text and svg.endswith(".svg")


def test_the_timeline_says_what_it_left_out(qtbot, window):
    chart = draw(window, "timeline")
    title = chart.getPlotItem().titleLabel.text
    assert "2 date mentions left out" in title and "undated documents: 1" in title  # "2월 30일", "7일"; c.txt
    assert chart.frame.attrs["unresolved"] == 2


def test_a_chart_that_fails_says_so_on_itself_and_the_next_draw_clears_it(qtbot, window, monkeypatch):
    import pandas as pd

    from workbench.services import charts as chart_service

    panel = window.charts_panel
    real_timeline = chart_service.timeline
    # A frame the timeline cannot draw (it crashed on 2022-02-29 in show_frame, on the GUI thread).
    monkeypatch.setattr(chart_service, "timeline", lambda *a, **k: pd.DataFrame({"x": [1]}))
    draw(window, "timeline")
    assert panel.status.isVisible() and "This chart could not be drawn" in panel.status.text()
    assert "Error" in panel.status.text() and panel.current().frame is None
    panel.set_chart_kind("tags")  # another chart: its own status, drawn at once
    assert panel.current().frame is not None
    assert not panel.status.isVisible() and panel.status.text() == ""  # neither "Drawing…" nor the other's error
    monkeypatch.setattr(chart_service, "distribution", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("index gone")))
    draw(window, "distribution", "반도체")
    assert "index gone" in panel.status.text()
    monkeypatch.setattr(chart_service, "timeline", real_timeline)
    panel.set_chart_kind("timeline")  # drawn again, and it works now
    assert panel.current().frame is not None and not panel.status.isVisible()
    panel.set_chart_kind("tags")
    assert not panel.status.isVisible()


def test_picking_a_chart_draws_it_or_says_what_it_needs(qtbot, window):
    panel = window.charts_panel
    panel.kind.setCurrentIndex(panel.kind.findText(panel.tr("Tags × documents")))
    assert panel.chart_kind() == "tags" and panel.current().frame is not None  # no Draw pressed
    assert panel.current().frame.loc["정책 / 지원"].sum() == 2
    panel.kind.setCurrentIndex(panel.kind.findText(panel.tr("Hits per document")))
    assert panel.current().frame is None
    assert panel.status.isVisible() and panel.status.text().startswith("Say what to count")


def test_the_export_button_asks_for_a_file_and_writes_it(qtbot, window, tmp_path, monkeypatch):
    from workbench.ui.charts import panel as panel_module

    out = tmp_path / "chosen.png"
    monkeypatch.setattr(panel_module.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PNG (*.png)"))
    draw(window, "tags")
    with qtbot.waitSignal(window.charts_panel.exported) as written:
        qtbot.mouseClick(window.charts_panel.export_button, Qt.MouseButton.LeftButton)
    assert written.args == [str(out)] and out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- thirty documents on a laptop screen ---------------------------------------------------------

@pytest.fixture
def thirty(qtbot, tmp_path):
    from PySide6.QtCore import QRect

    project = projects.open_project(tmp_path / "p30")
    paths = []
    for i in range(30):
        path = tmp_path / f"doc{i:02d}.txt"
        path.write_text(f"제{i + 1}호 반도체 산업 동향 보고서 — 지역별 정책 과제\n\n반도체 지원책을 논의했다. "
                        + "반도체 " * (i % 7 + 1), encoding="utf-8")
        paths.append(path)
    run_job(ingest(project, paths, entities=False))
    for i in range(30):
        svc.tag_passage(project, f"doc{i:02d}.txt", ["정책 / 지원"] if i % 2 else ["산업 / 수출"], quote="반도체 지원책")
    win = MainWindow(project, TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)
    win.show()
    win.default_layout(QRect(0, 0, 1366, 768))  # a laptop: the charts dock is about 150 px tall
    win.resize(1366 - 16, 768 - 48)
    win.start()
    win.charts_dock.raise_()
    return win


def drawn_labels(axis):
    """(rectangle, text) of each tick label the axis draws now, in its own pixels."""
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    image = QImage(4, 4, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(rect, text) for rect, _flags, text in specs[2]]


def assert_apart(labels, along: str, font) -> None:
    from PySide6.QtGui import QFontMetrics

    metrics = QFontMetrics(font)
    if along == "y":
        centres = sorted(rect.center().y() for rect, _ in labels)
        gaps = [b - a for a, b in zip(centres, centres[1:])]
        assert min(gaps) >= metrics.height(), gaps  # a line of text each, no smear
    else:
        rects = sorted((rect for rect, _ in labels), key=lambda r: r.left())
        for a, b in zip(rects, rects[1:]):
            assert a.right() <= b.left(), (a, b)


def labels_while_scrolling(chart, bar, axis: str) -> set[str]:
    """Every label drawn while the scroll bar is moved from one end to the other, a page at a time;
    each page's labels kept apart."""
    seen: set[str] = set()
    value = bar.minimum()
    while True:
        bar.setValue(value)
        labels = drawn_labels(chart.getPlotItem().getAxis("left" if axis == "y" else "bottom"))
        assert len(labels) >= 2  # a page shows some rows, not one
        assert_apart(labels, axis, chart.tick_font)
        seen |= {text for _, text in labels}
        if value >= bar.maximum():
            return seen
        value = min(value + bar.pageStep(), bar.maximum())


def test_thirty_documents_are_each_labelled_readably_on_a_laptop(qtbot, thirty, tmp_path):
    from PySide6.QtGui import QImage

    panel = thirty.charts_panel
    panel.set_chart_kind("distribution")
    panel.what.setText("반도체")
    panel.draw.click()
    chart = panel.current()
    assert len(chart.rows) == 30
    labels = drawn_labels(chart.getPlotItem().getAxis("left"))
    assert_apart(labels, "y", chart.tick_font)  # was 3 px apart: a smear
    assert panel.stack.height() < 30 * 15  # the dock is far too short for 30 rows…
    bar = panel.scrolls["distribution"].rows
    assert bar.isVisible() and bar.maximum() > 0  # …so the rest is a scroll away, title and axes staying
    assert labels_while_scrolling(chart, bar, "y") == {chart.fit(r["title"]) for r in chart.rows}
    png = QImage(panel.export(str(tmp_path / "all.png")))
    assert png.height() >= 2 * 30 * chart.row_height()  # the export has every row

    panel.set_chart_kind("tags")
    chart = panel.current()
    assert chart.frame.shape == (2, 30)
    bar = panel.scrolls["tags"].columns
    assert bar.isVisible()
    seen = labels_while_scrolling(chart, bar, "x")
    assert len(seen) == 30  # every document's column named, a page at a time
    assert len(drawn_labels(chart.getPlotItem().getAxis("left"))) == 2


# --- Old Hangul ---------------------------------------------------------------------------------

def test_an_old_hangul_title_is_readable_in_the_document_picker(qtbot):
    from types import SimpleNamespace

    from PySide6.QtGui import QFont, QFontDatabase, QRawFont

    from workbench.ui.charts.panel import ChartsPanel

    panel = ChartsPanel()
    qtbot.addWidget(panel)
    title = "\u1112\u119e\u11ab글 옛 문서"  # ᄒᆞᆫ글, with arae-a
    panel.set_documents([SimpleNamespace(id=7, title=title)])
    shown = panel.document.itemText(0)
    # Every character has a glyph in some installed font (Qt falls back to it): no tofu.
    fonts = [QRawFont.fromFont(QFont(f)) for f in QFontDatabase.families()]
    missing = [ch for ch in shown if not ch.isspace() and not any(f.supportsCharacter(ord(ch)) for f in fonts)]
    assert not missing, [hex(ord(ch)) for ch in missing]
    assert shown in (title, "ㅎㆍㄴ글 옛 문서")  # as written, or spelled out where no font here has arae-a
    assert panel.document.itemData(0, Qt.ItemDataRole.ToolTipRole) == title and panel.document.itemData(0) == 7


def test_the_document_with_most_hits_stays_in_view_when_rows_do_not_fit(qtbot):
    """Seen in the dock at 1366×768: six documents, room for five, and the one
    with 106 hits was the row scrolled out of view (the limits set for scrolling
    clamped the whole-chart view to the bottom rows)."""
    import pandas as pd

    from workbench.ui.charts.panel import ChartsPanel

    counts = [106, 2] + [1] * 10
    frame = pd.DataFrame({"doc_id": range(1, 13), "title": [f"문서 {i}" for i in range(1, 13)], "count": counts,
                          "per_10k": [float(c) for c in counts]})
    frame.attrs.update(unit="passages", source="인공지능")
    panel = ChartsPanel()
    qtbot.addWidget(panel)
    panel.resize(1340, 600)  # every row fits…
    panel.setVisible(True)
    qtbot.waitExposed(panel)
    panel.show("distribution", frame)
    chart = panel.current()
    panel.resize(1340, 230)  # …then the dock is made as short as on a laptop: room for about eight
    qtbot.waitUntil(lambda: chart.clipped()[0], timeout=2000)
    assert chart.position()[0][0] == 0  # scrolled to the top
    labels = drawn_labels(chart.getPlotItem().getAxis("left"))
    assert min(labels, key=lambda label: label[0].top())[1] == "문서 1", labels  # the 106 hits, on top


def test_where_in_a_document_looks_in_the_document_being_read_until_one_is_picked(qtbot, window):
    """The picker used to stay on the library's first document whatever the analyst read."""
    panel = window.charts_panel
    docs = {d.source.rsplit("/", 1)[-1]: d.id for d in list_documents(window.project)}
    window.reading.open_in("left", docs["b.txt"])
    assert panel.document.currentData() == docs["b.txt"]
    window.reading.open_in("right", docs["a.txt"])
    assert panel.document.currentData() == docs["a.txt"]
    index = panel.document.findData(docs["b.txt"])
    panel.document.setCurrentIndex(index)
    panel.document.activated.emit(index)  # the analyst's own choice…
    window.reading.open_in("left", docs["a.txt"])
    assert panel.document.currentData() == docs["b.txt"]  # …stays
