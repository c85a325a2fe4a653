"""Help as the analyst sees it: the user guide (F1) is rendered — bold is bold, no
literal ``**`` — in Korean and English, and the shortcuts dialog shows every
row whole: clean action names, every key that is on a PC keyboard, in full."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QFont, QTextCharFormat

from workbench.ui.help import GuideDialog, ShortcutsDialog
from workbench.ui.i18n import apply_language
from workbench.ui.main_window import MainWindow
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture(params=["ko", "en"])
def window(request, qtbot, project):
    apply_language(request.param)
    win = MainWindow(project, TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)
    win.show()
    yield win
    apply_language("en")


def fragments(document):
    """(text, char format) of every run of text in the rendered guide."""
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                yield fragment.text(), fragment.charFormat()
            it += 1
        block = block.next()


def is_code(fmt: QTextCharFormat) -> bool:
    return fmt.fontFixedPitch() or QFont.StyleHint.Monospace == fmt.font().styleHint() or \
        "mono" in ",".join(fmt.fontFamilies() or []).lower()


def test_the_guide_is_rendered_with_bold_and_no_asterisks(qtbot, window):
    window.guide_action.trigger()  # F1
    [dialog] = window.findChildren(GuideDialog)
    runs = list(fragments(dialog.browser.document()))
    stray = [text for text, fmt in runs if "*" in text and not is_code(fmt)]
    assert not stray, stray  # e.g. "**파일 → 문서 추가… / 폴더 추가…**로" left as typed
    bold = {text.strip() for text, fmt in runs if fmt.fontWeight() >= QFont.Weight.Bold}
    if window.language == "ko":
        assert {"파일 → 문서 추가… / 폴더 추가…", "문서를 PDF로 저장…", "내보내기…", "Ctrl+K"} <= bold, bold
    else:
        assert {"File → Add documents… / Add folder…", "Save document as PDF…", "Ctrl+K"} <= bold, bold
    headings = [b.text() for b in _blocks(dialog.browser.document()) if b.blockFormat().headingLevel() == 2]
    assert len(headings) == 9  # the sections are headings, not "## …" lines


def _blocks(document):
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


PC_KEY = re.compile(r"^((Ctrl|Shift|Alt|Meta)\+)*(F([1-9]|1[0-2])|[A-Z0-9/]|Backspace|Del|Ins|Esc|Tab|Enter|Return|"
                    r"Space|Home|End|PgUp|PgDown|Left|Right|Up|Down)$")


def test_shortcuts_show_every_row_whole_with_clean_names(qtbot, window):
    window.shortcuts_action.trigger()
    [dialog] = window.findChildren(ShortcutsDialog)
    dialog.resize(560, 620)
    qtbot.waitExposed(dialog)
    table = dialog.table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    for name, keys in rows.items():
        assert "&" not in name and not name.endswith(("…", "...")) and name == name.strip(), name
        for key in keys.split(", "):
            assert PC_KEY.match(key), (name, keys)  # not "찾기", "F14", "실행 취소": keys a laptop lacks
    assert table.sizeHintForColumn(1) <= table.columnWidth(1)  # no key cut with "…"
    for r in range(table.rowCount()):
        assert table.rowHeight(r) >= table.sizeHintForRow(r)
    ko = window.language == "ko"
    find, undo, redo, edit, tag = (("문서에서 찾기", "실행 취소", "다시 실행", "문서 정보 편집", "선택한 글에 태그") if ko else
                                   ("Find in document", "Undo", "Redo", "Edit document details", "Tag selection"))
    assert rows[find] == "Ctrl+F" and rows[tag] == "Ctrl+T"
    assert "Ctrl+Z" in rows[undo].split(", ")
    assert {"Ctrl+Shift+Z", "Ctrl+Y"} <= set(rows[redo].split(", "))
    assert rows[edit] == "Ctrl+I"  # the library's own shortcut is listed too
    assert len(rows) == table.rowCount()  # each action once


def test_a_shortcut_list_keeps_a_name_with_an_ampersand(qtbot):
    from PySide6.QtGui import QAction, QKeySequence

    action = QAction("검토 && 보고(&R)…")
    action.setShortcut(QKeySequence("Ctrl+R"))
    dialog = ShortcutsDialog([action])
    qtbot.addWidget(dialog)
    assert (dialog.table.item(0, 0).text(), dialog.table.item(0, 1).text()) == ("검토 & 보고", "Ctrl+R")
