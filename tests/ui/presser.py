"""Press every control of the real main window, as a new analyst would, and
collect what went wrong: an exception escaping a slot, an unexpected error
reported by the window, a task that failed with an error nobody wrote a
message for, a crash report, and (in Korean mode) English left on screen.

Controls are found, not listed: every enabled action of the menu bar (and
its submenus), the toolbar and the window's shortcuts; every enabled button
of every dock and pane; every action of the context menus of the readers,
the library, the codebook and the tagged passages; and every button of each
dialog a control opens. A new control is pressed without a new test.

Modal questions are answered as an analyst would answer them (yes, a file
or folder that exists, a tag name, a colour); a print dialog is cancelled.
"""

from __future__ import annotations

import getpass
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtGui import QAction, QColor, QContextMenuEvent
from PySide6.QtWidgets import (
    QAbstractButton, QApplication, QColorDialog, QDialog, QDialogButtonBox, QDockWidget,
    QFileDialog, QInputDialog, QMenu, QMessageBox, QWidget,
)
from shiboken6 import isValid

from tests.ui.test_translations import _english, _texts
from workbench.core.errors import WorkbenchError

PATH_RE = re.compile(r"(?:[A-Za-z]:)?[/\\][^\s:;,'\"“”()]+")


@dataclass
class Problems:
    items: list[str] = field(default_factory=list)

    def add(self, where: str, what: str) -> None:
        self.items.append(f"{where}: {what}")


def _label(obj) -> str:
    for getter in ("text", "toolTip", "objectName"):
        value = getattr(obj, getter, lambda: "")()
        if value:
            return f"{type(obj).__name__} “{value.replace('&', '')}”"
    return type(obj).__name__


def _suffix(filters: str) -> str:
    match = re.search(r"\*(\.[A-Za-z0-9]+)", filters or "")
    return match.group(1) if match else ".out"


class Presser:
    """Answers the modal dialogs (through ``monkeypatch``) and presses controls."""

    def __init__(self, window, qtbot, monkeypatch, tmp_path: Path, language: str, answers: dict[str, Path]) -> None:
        self.window, self.qtbot, self.language = window, qtbot, language
        self.tmp = tmp_path
        self.answers = answers  # file suffix → a real file to open
        self.problems = Problems()
        self.where = "setup"
        # Dialogs already open (another test's, left on screen) are not this walk's.
        self.seen_dialogs: set[int] = {id(w) for w in QApplication.topLevelWidgets()
                                       if isinstance(w, QDialog) and w.isVisible()}
        self.pressed: list[str] = []
        self._counter = itertools.count()
        self._answer_dialogs(monkeypatch)
        self._watch_errors(monkeypatch)

    # --- answering modal dialogs -------------------------------------------------------------

    def _answer_dialogs(self, mp) -> None:
        def open_name(parent=None, caption="", directory="", filters="", *args, **kwargs):
            self._check_text(caption)
            named = re.findall(r"\*(\.[A-Za-z0-9]+)", filters or "")
            for suffix in named:
                if suffix in self.answers:
                    return str(self.answers[suffix]), ""
            return "", ""

        def open_names(parent=None, caption="", directory="", filters="", *args, **kwargs):
            self._check_text(caption)
            return [str(self.answers[".txt"])], ""

        def save_name(parent=None, caption="", directory="", filters="", *args, **kwargs):
            self._check_text(caption)
            suffix = Path(directory).suffix if Path(str(directory)).suffix else _suffix(filters)
            return str(self.tmp / f"saved-{next(self._counter)}{suffix}"), ""

        def folder(parent=None, caption="", *args, **kwargs):
            self._check_text(caption)
            path = self.tmp / f"folder-{next(self._counter)}"
            path.mkdir()
            (path / "메모.txt").write_text("폴더에서 추가한 메모입니다. 반도체 투자 계획.\n", encoding="utf-8")
            return str(path)

        def question(parent, title, text, *args, **kwargs):
            self._check_text(title, text)
            return QMessageBox.StandardButton.Yes

        def inform(parent, title, text, *args, **kwargs):
            self._check_text(title, text)
            return QMessageBox.StandardButton.Ok

        def get_text(parent, title, label, *args, **kwargs):
            self._check_text(title, label)
            return f"눌러 본 태그 {next(self._counter)}", True

        def get_item(parent, title, label, items, *args, **kwargs):
            self._check_text(title, label)
            return (items[-1] if items else ""), bool(items)

        def get_colour(*args, **kwargs):
            return QColor("#336699")

        mp.setattr(QFileDialog, "getOpenFileName", staticmethod(open_name))
        mp.setattr(QFileDialog, "getOpenFileNames", staticmethod(open_names))
        mp.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
        mp.setattr(QFileDialog, "getExistingDirectory", staticmethod(folder))
        mp.setattr(QMessageBox, "question", staticmethod(question))
        for name in ("information", "warning", "critical"):
            mp.setattr(QMessageBox, name, staticmethod(inform))
        mp.setattr(QInputDialog, "getText", staticmethod(get_text))
        mp.setattr(QInputDialog, "getItem", staticmethod(get_item))
        mp.setattr(QColorDialog, "getColor", staticmethod(get_colour))
        # A dialog's or a menu's own exec() cannot be patched (PySide calls it
        # directly): a watchdog answers whatever opens modally or pops up.
        self._menu_choice: int | None = None  # which leaf action of the next popup menu to trigger
        self._menu_labels: list[str] = []
        # Two timers: a timer never fires inside its own slot, and a menu action
        # may open a modal dialog that the other one must answer.
        self._watchdogs = [QTimer(), QTimer()]
        for timer, slot in zip(self._watchdogs, (self._answer_menu, self._answer_modal)):
            timer.setInterval(20)
            timer.timeout.connect(slot)
            timer.start()

    def stop(self) -> None:
        for timer in self._watchdogs:
            timer.stop()

    def _answer_menu(self) -> None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu):
            actions = leaf_actions(popup)
            self._menu_labels = [a.text() for a in actions]
            choice, self._menu_choice = self._menu_choice, None
            popup.close()
            if choice is not None and choice < len(actions):
                actions[choice].trigger()

    def _answer_modal(self) -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog) and modal is not self.window:
            self._check_widget(modal)
            modal.reject()

    def _watch_errors(self, mp) -> None:
        """An error the window reports is fine when it was written for the analyst
        (a WorkbenchError); anything else is a defect, as is a task failing so."""
        from workbench.ui.controllers.status import StatusController
        from workbench.ui.tasks import TaskRunner

        report = StatusController.report_error
        deliver = TaskRunner._deliver

        def report_error(status, exc):
            if not isinstance(exc, WorkbenchError):
                self.problems.add(self.where, f"reported {type(exc).__name__}: {exc}")
            report(status, exc)

        def _deliver(runner, task, outcome, payload):
            if outcome == "failed" and not isinstance(payload, WorkbenchError):
                self.problems.add(self.where, f"task {task.name!r} failed: {type(payload).__name__}: {payload}")
            deliver(runner, task, outcome, payload)

        mp.setattr(StatusController, "report_error", report_error)
        mp.setattr(TaskRunner, "_deliver", _deliver)

    # --- English left in Korean mode ---------------------------------------------------------

    def _check_text(self, *texts: str) -> None:
        if self.language != "ko":
            return
        for text in texts:
            cleaned = PATH_RE.sub(" ", str(text or ""))
            # Names the test made (folders, files) and the computer's user (the coder) are data.
            for data in (*self.data_words, *(p.name for p in self.tmp.iterdir()), getpass.getuser()):
                cleaned = cleaned.replace(data, " ")
            words = _english(cleaned)
            if words:
                self.problems.add(self.where, f"English in Korean mode: {text!r} ({', '.join(words)})")

    data_words: tuple[str, ...] = ()

    def _check_widget(self, widget: QWidget) -> None:
        if self.language == "ko" and isValid(widget):
            self._check_text(*_texts(widget))
            if isinstance(widget, QMessageBox):
                self._check_text(widget.text(), widget.informativeText())

    # --- pressing ------------------------------------------------------------------------------

    def press(self, where: str, press) -> None:
        """Run one press, attribute whatever it breaks to ``where``, then deal
        with the dialogs it opened (their texts checked, their buttons pressed)."""
        self.where = where
        self.pressed.append(where)
        with self.qtbot.captureExceptions() as exceptions:
            press()
            QApplication.processEvents()
        for _type, value, _tb in exceptions:
            self.problems.add(where, f"uncaught {type(value).__name__}: {value}")
        self._dialogs(depth=0)
        if isValid(self.window) and self.window.language != self.language:
            self.window.set_language(self.language)  # the walk goes on in the language under test
            QApplication.processEvents()
        if self.language == "ko" and isValid(self.window):
            self._check_widget(self.window)

    def _dialogs(self, depth: int) -> None:
        for widget in QApplication.topLevelWidgets():
            if not isValid(widget) or widget is self.window or not widget.isVisible():
                continue
            if not isinstance(widget, QDialog) or id(widget) in self.seen_dialogs:
                continue
            owner = widget.parentWidget()
            while owner is not None and owner.parentWidget() is not None:
                owner = owner.parentWidget()
            if owner is not None and owner is not self.window:
                continue  # a dialog another test's window left open (its error box): not this walk's
            self.seen_dialogs.add(id(widget))
            where = self.where
            self._check_widget(widget)
            if depth == 0 and not isinstance(widget, QMessageBox):
                closing = {id(b) for box in widget.findChildren(QDialogButtonBox) for b in box.buttons()
                           if box.buttonRole(b) in (QDialogButtonBox.ButtonRole.RejectRole,
                                                    QDialogButtonBox.ButtonRole.AcceptRole)}
                for button in list(widget.findChildren(QAbstractButton)):
                    if isValid(button) and id(button) not in closing and button.isVisible() and button.isEnabled():
                        self.press(f"{where} → {_label(button)}", button.click)
                        if not isValid(widget):
                            break
                self.where = where
            if isValid(widget):
                widget.close()

    # --- finding controls -------------------------------------------------------------------

    def menu_actions(self) -> list[QAction]:
        """Every action reachable from the menu bar, the toolbar and the window itself."""
        out: list[QAction] = []

        def walk(menu: QMenu) -> None:
            for action in menu.actions():
                if action.menu() is not None:
                    walk(action.menu())
                elif not action.isSeparator() and action not in out:
                    out.append(action)

        for action in self.window.menuBar().actions():
            if action.menu() is not None:
                walk(action.menu())
        widget_actions = [a for w in self.window.findChildren(QWidget) if isValid(w) and not isinstance(w, QMenu)
                          for a in w.actions()]
        for action in self.window.toolbar.actions() + self.window.actions() + widget_actions:
            if not action.isSeparator() and action.menu() is None and action not in out:
                out.append(action)
        return out

    def buttons(self) -> list[QAbstractButton]:
        """Every button of the docks and the reader panes (not the dialogs': they
        are pressed when a control opens them)."""
        return [b for b in self.window.findChildren(QAbstractButton)
                if isValid(b) and not isinstance(b.window(), QDialog) and b.window() is self.window
                and not b.objectName().startswith("qt_")]

    def reveal(self, widget: QWidget) -> bool:
        """Show the dock a control lives in (a tab behind another is hidden)."""
        parent = widget.parentWidget()
        while parent is not None and not isinstance(parent, QDockWidget):
            parent = parent.parentWidget()
        if parent is not None:
            parent.show()
            parent.raise_()
            QApplication.processEvents()
        return widget.isVisible()

    def context_menu(self, target: QWidget, point: QPoint, choice: int | None = None) -> list[str]:
        """Open a widget's context menu at ``point``; trigger its ``choice``-th
        action, if given; returns the labels of its actions."""
        self._menu_labels, self._menu_choice = [], choice
        if target.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu:
            target.customContextMenuRequested.emit(point)
        else:
            receiver = target.viewport() if hasattr(target, "viewport") else target
            event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, receiver.mapToGlobal(point))
            QApplication.sendEvent(receiver, event)
        for _ in range(50):  # a menu shown with popup() is answered once the event loop runs
            if self._menu_choice is None and QApplication.activePopupWidget() is None:
                break
            QTest.qWait(20)
        self._menu_choice = None
        return self._menu_labels


def leaf_actions(menu: QMenu) -> list[QAction]:
    out = []
    for action in menu.actions():
        if action.menu() is not None:
            out += leaf_actions(action.menu())
        elif not action.isSeparator() and action.isEnabled():
            out.append(action)
    return out
