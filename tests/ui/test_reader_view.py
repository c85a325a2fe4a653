"""The reader: headings styled from the block structure, the outline following
the scroll, tagged passages drawn unlike entities (underline and margin
bars, never a fill), a document saved as PDF with its highlights, the outline
naming the section on screen (after a jump, at the top), and find marks
coloured where the analyst looks, not across the whole report."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtGui import QTextCursor, QColor, QTextCharFormat

from tests.ui.helpers import pick_section, select
from workbench.ui.main_window import MainWindow
from workbench.ui.palette import ENTITY_COLOURS, FIND_COLOUR
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, seeded_project):
    win = MainWindow(seeded_project, TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)
    win.show()
    win.start()
    win.resize(1280, 720)
    return win


def report_id(project):
    from workbench.services.documents import list_documents

    return next(d.id for d in list_documents(project) if d.source.endswith("004_2c1d2e21fcbb52ad.txt"))


def formats(pane, offset):
    """The formats drawn at a code-point offset: the document's own (headings) and what is painted over it."""
    position = pane.map.to_qt(offset)
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(position + 1)  # the format of the character after the cursor's start
    own = [cursor.charFormat()] if cursor.charFormat().fontWeight() > 400 else []
    return own + pane.highlighter.formats_at(position)


def test_headings_are_styled_and_the_outline_follows_the_scroll(window, seeded_project):
    window.reading.open_in("left", report_id(seeded_project))
    pane = window.left
    outline = [pane.outline.itemText(i).strip() for i in range(pane.outline.count())]
    heading = pane.outline.itemData(outline.index("제1절 미국"))  # the heading, not its line in the contents
    assert any(f.fontWeight() >= 700 and f.foreground().color().name() == "#1f3a5f" for f in formats(pane, heading))
    body = pane.text.index("미국", heading + 20)
    assert not any(f.fontWeight() >= 700 for f in formats(pane, body + 200))
    for target in (heading + 5, heading + 30_000):
        pane.goto(target)
        pane.view.verticalScrollBar().setValue(pane.view.verticalScrollBar().value() + 40)
        top = pane.first_visible_offset()
        expected = max(i for i in range(pane.outline.count()) if pane.outline.itemData(i) <= top)
        assert pane.outline.currentIndex() == expected  # the section being read
    assert pane.outline.currentIndex() > outline.index("제1절 미국")


def section_on_screen(pane) -> int:
    """The outline entry at or above the first visible line (what the box should name)."""
    top = pane.first_visible_offset()
    return max(i for i in range(pane.outline.count()) if pane.outline.itemData(i) <= top)


def test_a_jump_from_the_outline_shows_that_section_and_the_box_names_it(qtbot, window, seeded_project):
    window.reading.open_in("left", report_id(seeded_project))
    pane = window.left
    for title in ("제1절 미국", "SUMMARY", "제1절 미국"):
        index = pick_section(qtbot, pane, title)
        heading = pane.outline.itemData(index)
        assert pane.text[pane.first_visible_offset():].startswith(title)  # the heading is the top line
        assert pane.outline.currentIndex() == index == section_on_screen(pane)
        assert pane.outline.currentText().strip() == title and heading > 7000


def test_at_the_top_of_the_report_the_outline_names_no_section(window, seeded_project):
    window.reading.open_in("left", report_id(seeded_project))
    pane = window.left
    first_heading = min(pane.outline.itemData(i) for i in range(pane.outline.count()) if pane.outline.itemData(i))
    assert pane.first_visible_offset() < first_heading
    assert pane.outline.currentText() == "2024년 국내외 인공지능 산업 동향 연구"  # the title, not "요 약 문"
    bar = pane.view.verticalScrollBar()
    pane.show_at_top(len(pane.text) // 2)  # the middle (Qt lays the rest out as it goes: the bar grows)
    bar.setValue(bar.value() + 40)  # … and scrolled a little
    assert pane.outline.currentIndex() == section_on_screen(pane) > 0
    bar.setValue(0)  # back to the top
    assert pane.outline.currentText() == "2024년 국내외 인공지능 산업 동향 연구"
    assert pane.outline.itemData(pane.outline.currentIndex()) == 0


def find_coloured(pane, offset: int) -> bool:
    """Whether the character at a code-point offset is drawn with the find colour now
    (what the layout holds: nothing is recoloured to look)."""
    return any(f.background().color().name() == QColor(FIND_COLOUR).name()
               for f in pane.highlighter.formats_at(pane.map.to_qt(offset)))


def on_screen(pane, needle: str) -> list[int]:
    top, bottom = pane.visible_range()
    found, at = [], pane.text.find(needle, top)
    while 0 <= at < bottom - len(needle):
        found.append(at)
        at = pane.text.find(needle, at + 1)
    return found


def test_find_marks_are_drawn_where_the_analyst_looks(qtbot, window, seeded_project):
    from PySide6.QtCore import Qt

    window.reading.open_in("left", report_id(seeded_project))
    pane = window.left
    pane.show_find()
    pane.find_box.setText("미국")
    with qtbot.waitSignal(pane.find_bar.searched, timeout=5000):
        qtbot.keyClick(pane.find_box, Qt.Key.Key_Return)  # Enter searches at once
    assert on_screen(pane, "미국") and all(find_coloured(pane, at) for at in on_screen(pane, "미국"))
    bar = pane.view.verticalScrollBar()
    for value in (bar.maximum() // 3, bar.maximum() * 2 // 3):
        bar.setValue(value)  # scrolled into view: coloured before it is painted
        assert all(find_coloured(pane, at) for at in on_screen(pane, "미국"))
    american = on_screen(pane, "미국")
    pane.find_box.setText("중국")
    with qtbot.waitSignal(pane.find_bar.searched, timeout=5000):
        pass
    assert not any(find_coloured(pane, at) for at in american if pane.text[at:at + 2] == "미국")
    assert on_screen(pane, "중국") and all(find_coloured(pane, at) for at in on_screen(pane, "중국"))


def test_tagged_passages_are_underlined_with_bars_not_filled(qtbot, tmp_path):
    from workbench.services import projects
    from workbench.services.ingest import ingest
    from workbench.services.jobs import run_job

    project = projects.open_project(tmp_path / "p")
    (tmp_path / "m.txt").write_text("과기정통부가 인공지능 기본법 시행령을 발표했다. 업계는 환영했다.", encoding="utf-8")
    run_job(ingest(project, [tmp_path / "m.txt"]))
    win = MainWindow(project, TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)
    win.show()
    win.start()
    pane = win.left
    start = select(pane, "인공지능 기본법 시행령")
    win.tagging.tag_selection(pane, tags=["규제"])
    select(pane, "시행령을 발표했다")
    win.tagging.tag_selection(pane, tags=["발표"])
    tagged = formats(pane, start + 1)
    assert any(f.underlineStyle() == QTextCharFormat.UnderlineStyle.SingleUnderline for f in tagged)
    entity_fills = {QColor(c).name() for c in ENTITY_COLOURS.values()}
    assert not any(f.background().style() and f.background().color().name() in entity_fills for f in tagged
                   if f.underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline)
    overlap = formats(pane, pane.text.index("시행령") + 1)
    assert any(f.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline for f in overlap)
    bars = pane.view.stripes._visible_bars()
    assert len(bars) == 2 and len({rect.x() for rect, _, _ in bars}) == 2  # overlapping passages, two lanes
    clicked = []
    pane.view.stripes.clicked.connect(clicked.append)
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QMouseEvent

    rect = bars[0][0]
    event = QMouseEvent(QMouseEvent.Type.MouseButtonPress, QPointF(rect.center()), QPointF(rect.center()),
                        Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    pane.view.stripes.mousePressEvent(event)
    assert clicked == [bars[0][1]] and win.annotations.selected()["id"] == bars[0][1]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is installed by make test")
def test_a_document_saved_as_pdf_keeps_its_highlights(window, seeded_project, tmp_path):
    news = next(d.id for d in __import__("workbench.services.documents", fromlist=["x"]).list_documents(
        seeded_project) if d.source.endswith(".txt") and d.chars < 5000)
    window.reading.open_in("left", news)
    pane = window.left
    out = window.save_pdf(str(tmp_path / "doc.pdf"))
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert pane.title.text()[:15] in text and pane.text.split("\n")[0][:20] in text  # spaces copy as spaces
    subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(out), str(tmp_path / "page")],
                   check=True)
    from PySide6.QtGui import QImage

    image = QImage(str(next(tmp_path.glob("page*.png"))))
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}
    # entity fills are the palette's colours at ~27% over white: look for them on the page
    expected = set()
    for colour in ENTITY_COLOURS.values():
        c = QColor(colour)
        expected.add(QColor(round(255 + (c.red() - 255) * 70 / 255), round(255 + (c.green() - 255) * 70 / 255),
                            round(255 + (c.blue() - 255) * 70 / 255)).name())
    near = [c for c in colours if any(_close(c, e) for e in expected)]
    assert near, "no entity colour on the printed page"


def _close(a: str, b: str) -> bool:
    ca, cb = QColor(a), QColor(b)
    return abs(ca.red() - cb.red()) + abs(ca.green() - cb.green()) + abs(ca.blue() - cb.blue()) <= 12


def test_export_of_an_empty_selection_writes_nothing(qtbot, window, tmp_path):
    dialog = window.open_export()
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QDialogButtonBox

    assert dialog.annotations == [] and "nothing would be written" in dialog.count.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    dialog.export_to(tmp_path / "empty.xlsx", ask_to_open=False)  # even if asked: a message, no file
    assert "nothing was written" in dialog.error.text() and not (tmp_path / "empty.xlsx").exists()
