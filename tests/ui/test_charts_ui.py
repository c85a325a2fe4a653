"""Charts in the window: clicking a bar, a cell or a point takes the analyst to
the passages behind it; a chart exports as PNG and SVG."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from workbench.services import annotations as svc
from workbench.services import projects
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.ui.main_window import MainWindow
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui
DOCS = {
    "a.txt": "보도자료\n\n2024. 3. 5.\n\n과기정통부가 반도체 지원책을 발표했다. 과기정통부는 2024년 5월 후속 대책을 낸다.\n\n"
             "삼성전자와 SK하이닉스가 참여한다. 삼성전자는 투자를 늘린다.",
    "b.txt": "2024. 7. 1.\n\n반도체 수출이 늘었다. 과기정통부와 산업통상자원부가 점검 회의를 열었다. 삼성전자와 SK하이닉스가 참석했다.",
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
    click(chart, column, row)
    shown = [window.annotations.model.rows[i] for i in range(window.annotations.model.rowCount())]
    assert len(shown) == frame.iat[row, column] == 2
    assert all(r["tags"] == ["정책 / 지원"] and r["doc_id"] == doc_id(window, "a.txt") for r in shown)
    window.annotations.show_all_button.click()
    assert window.annotations.model.rowCount() == 3


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
