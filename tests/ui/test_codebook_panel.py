"""The codebook panel as an analyst uses it: its buttons pressed, its context
menu's actions triggered, the modal questions answered (monkeypatched static
functions), the result read off the window and the project."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QColorDialog, QFileDialog, QInputDialog, QMessageBox

from tests.ui.helpers import select
from tests.ui.test_tagging import window  # noqa: F401 - the fixture: a window on a one-document project
from workbench.services import annotations as svc
from workbench.services import codebook as books
from workbench.ui.codebook_panel import PathRole

pytestmark = pytest.mark.gui


def _select_tag(panel, path: str) -> None:
    model = panel.model
    [index] = model.match(model.index(0, 0), PathRole, path, 1,
                          Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    panel.tree.setCurrentIndex(index)


def _menu_action(qtbot, panel, path: str, label: str) -> None:
    """Right-click ``path`` and choose ``label`` in the menu that opens (Enter on it)."""
    _select_tag(panel, path)
    chosen: list[str] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        action = next(a for a in menu.actions() if a.text() == label)
        menu.setActiveAction(action)
        chosen.append(action.text())
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    def close_left_open() -> None:  # a failed choose() must not leave the test waiting on the menu
        if QApplication.activePopupWidget() is not None:
            QApplication.activePopupWidget().close()

    QTimer.singleShot(0, choose)
    QTimer.singleShot(5000, close_left_open)
    panel.tree.customContextMenuRequested.emit(panel.tree.visualRect(panel.tree.currentIndex()).center())
    assert chosen == [label]


def _tag_two_investments(window):  # noqa: F811
    pane = window.left
    select(pane, "인공지능 기본법")
    assert window.tagging.tag_selection(pane, tags=["경제 / 해외투자"], note="")
    select(pane, "업계는 환영했다")
    assert window.tagging.tag_selection(pane, tags=["산업 / 해외투자"], note="")


def test_recolour_starts_from_the_tags_colour(qtbot, window, monkeypatch):  # noqa: F811
    books.create_tag(window.project, "경제 / 해외투자", color="#E15759")
    window.tagging.refresh()
    asked = []

    def get_colour(initial=None, parent=None, title="", *args, **kwargs):
        asked.append((QColor(initial).name(), title))
        return QColor("#123456")

    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(get_colour))
    _menu_action(qtbot, window.codebook, "경제 / 해외투자", "Colour…")
    assert asked and asked[0][0] == "#e15759"  # the tag's own colour, not white
    assert "경제 / 해외투자" in asked[0][1]  # the dialog says which tag it recolours
    assert books.tag_colors(window.project) and {t.path: t.color for t in books.codebook(window.project)}[
        "경제 / 해외투자"] == "#123456"
    window.undo_action.trigger()
    assert {t.path: t.color for t in books.codebook(window.project)}["경제 / 해외투자"] == "#E15759"


def test_deleting_a_tag_keeps_its_path_in_the_panel_and_undo_brings_it_back(qtbot, window, monkeypatch):  # noqa: F811
    _tag_two_investments(window)
    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    _menu_action(qtbot, window.codebook, "경제 / 해외투자", "Delete…")
    assert "경제 / 해외투자" in asked[0]
    assert "경제 / 해외투자" not in window.codebook.paths and "산업 / 해외투자" in window.codebook.paths
    model = window.annotations.model
    tags = model.KEYS.index("tags")
    shown = sorted(model.index(r, tags).data() for r in range(model.rowCount()))
    assert shown == ["경제 / 해외투자", "산업 / 해외투자"]  # the record is the path, told apart from the live tag
    combo = window.annotations.tag_filter
    combo.setCurrentIndex(combo.findData("경제 / 해외투자"))  # a deleted tag's passages can still be listed
    assert combo.currentIndex() > 0 and model.rowCount() == 1
    assert model.index(0, model.KEYS.index("quote")).data() == "인공지능 기본법"
    combo.setCurrentIndex(0)

    assert window.tagging.undo_stack.undoText() == "delete tag “경제 / 해외투자”"
    window.undo_action.trigger()
    assert "경제 / 해외투자" in window.codebook.paths
    assert all(None not in r.tag_ids for r in svc.list_annotations(window.project))  # live tags again


def test_buttons_import_export_and_new_tag(qtbot, window, monkeypatch, tmp_path):  # noqa: F811
    panel = window.codebook
    source = tmp_path / "codebook.csv"
    source.write_text("tag,description,color\n정책 / 규제,규제 관련,#aa3300\n", encoding="utf-8-sig")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(source), "")))
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    assert {t.path: t.color for t in books.codebook(window.project)}["정책 / 규제"] == "#aa3300"
    assert "정책 / 규제" in panel.paths

    out = tmp_path / "out.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    assert "정책 / 규제" in out.read_text(encoding="utf-8-sig")

    _select_tag(panel, "정책")
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("예산", True)))
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    assert "정책 / 예산" in panel.paths  # made under the selected tag


def test_file_dialog_filters_are_in_korean(qtbot, window, monkeypatch, korean):  # noqa: F811
    panel = window.codebook
    filters = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: filters.append(a[3]) or ("", "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: filters.append(a[3]) or ("", "")))
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    assert len(filters) == 2
    for names in filters:
        assert "Codebook" not in names and "codebook" not in names and "코드북" in names, names
    assert "*.qdc" in filters[0] and "*.csv" in filters[0]


def test_export_adds_the_chosen_filters_extension(qtbot, window, monkeypatch, tmp_path):  # noqa: F811
    books.create_tag(window.project, "정책 / 규제")
    window.tagging.refresh()
    panel = window.codebook

    def save_as(name):  # the analyst types a bare name and picks the filter of ``name``
        def dialog(parent, caption, suggested, filters, *args, **kwargs):
            chosen = next(f for f in filters.split(";;") if name in f)
            return str(tmp_path / "내 코드북"), chosen
        return staticmethod(dialog)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as("*.csv"))
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    assert "정책 / 규제" in (tmp_path / "내 코드북.csv").read_text(encoding="utf-8-sig")
    assert window.status.last_error_box is None or not window.status.last_error_box.isVisible()
    assert "내 코드북.csv" in window.status.label.text()  # where it went
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as("*.qdc"))
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "내 코드북.qdc").read_bytes().startswith(b"<?xml")


def test_every_codebook_change_says_what_it_did(qtbot, window, monkeypatch, tmp_path):  # noqa: F811
    _tag_two_investments(window)
    panel, said = window.codebook, lambda: window.status.label.text()

    source = tmp_path / "codebook.csv"
    source.write_text("tag\n정책 / 규제\n정책 / 예산\n반응\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(source), "")))
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    assert said() == "Imported 3 tags"

    _select_tag(panel, "정책")
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("국방", True)))
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    assert "정책 / 국방" in said()

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("안보", True)))
    _menu_action(qtbot, panel, "정책 / 국방", "Rename…")
    assert "정책 / 국방" in said() and "안보" in said()

    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(lambda *a, **k: QColor("#123456")))
    _menu_action(qtbot, panel, "반응", "Colour…")
    assert "반응" in said() and "colour" in said()

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda parent, title, label, items, *a, **k: (
        "정책", True)))
    _menu_action(qtbot, panel, "반응", "Move under…")
    assert "반응" in said() and "정책" in said()

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("경제 / 해외투자", True)))
    _menu_action(qtbot, panel, "산업 / 해외투자", "Merge into…")
    assert "산업 / 해외투자" in said() and "경제 / 해외투자" in said() and "1 passage" in said()

    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    _menu_action(qtbot, panel, "경제 / 해외투자", "Delete…")
    assert "경제 / 해외투자" in said() and "2 passages" in said()


def test_move_dialog_says_it_chooses_the_parent_tag(qtbot, window, monkeypatch, korean):  # noqa: F811
    books.create_tag(window.project, "정책 / 규제")
    books.create_tag(window.project, "반응")
    window.tagging.refresh()
    asked = []

    def get_item(parent, title, label, items, *args, **kwargs):
        asked.append((label, list(items)))
        return items[0], True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))
    _menu_action(qtbot, window.codebook, "정책 / 규제", _move_label())
    [(label, items)] = asked
    assert "상위 태그" in label and items[0] == "(맨 위)" and "정책 / 규제" not in items
    assert "규제" in [t.path for t in books.codebook(window.project)]  # (맨 위): moved to the top level


def _move_label() -> str:
    """The menu's “Move under…” in the language in force."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("CodebookPanel", "Move under…")
