"""Help: the user guide (offline, Korean or English), the list of keyboard
shortcuts (read from the window's own actions, so it cannot drift), and an
About box with the versions a bug report needs."""

from __future__ import annotations

import re

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHeaderView, QMessageBox, QTableWidget, QTableWidgetItem, QTextBrowser, QVBoxLayout,
    QWidget,
)

from workbench.core.resources import resources_dir
from workbench.services.logs import log_file
from workbench.services.projects import component_versions


def guide_text(language: str) -> str:
    path = resources_dir() / "help" / f"guide.{'ko' if language == 'ko' else 'en'}.md"
    return path.read_text(encoding="utf-8")


_CODE = re.compile(r"(`[^`\n]*`)")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")


def renderable(markdown: str) -> str:
    """The guide's Markdown with ``**bold**`` written as HTML, outside code spans.

    CommonMark only closes ``**`` that is "right-flanking": after punctuation
    (…, ), ”) it must be followed by a space or punctuation. Korean puts a
    particle right after the bold words (``**파일 → 문서 추가…**로``), so the
    asterisks stayed on screen. Qt's Markdown reader takes inline HTML as it is.
    """
    return "".join(part if part.startswith("`") else _STRONG.sub(r"<b>\1</b>", part)
                   for part in _CODE.split(markdown))


class GuideDialog(QDialog):
    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("User guide"))
        self.resize(680, 620)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(renderable(guide_text(language)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)


# Keys every PC keyboard has. Qt's standard bindings add keys some keyboards have
# (Find, Open, Undo, Help, F14…) whose names, translated, read like actions ("Ctrl+F, 찾기").
_PC_KEYS = {*range(Qt.Key.Key_F1.value, Qt.Key.Key_F12.value + 1), *(k.value for k in (
    Qt.Key.Key_Escape, Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Backspace, Qt.Key.Key_Return, Qt.Key.Key_Enter,
    Qt.Key.Key_Insert, Qt.Key.Key_Delete, Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Left, Qt.Key.Key_Up,
    Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Space))}


def on_a_pc_keyboard(sequence: QKeySequence) -> bool:
    keys = [sequence[i].key().value for i in range(sequence.count())]
    return bool(keys) and all(key < Qt.Key.Key_Escape.value or key in _PC_KEYS for key in keys)


def action_name(text: str) -> str:
    """An action's text as a name: no mnemonic ("&Open", Korean "열기(&O)"), no trailing "…"."""
    text = re.sub(r"\(&[^&\s]\)", "", text)
    text = re.sub(r"&(.)", r"\1", text)  # "&&" is a literal "&"
    return text.strip().removesuffix("...").removesuffix("…").strip()


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    """(name, keys) of each action with a shortcut, once, keys in the platform's own notation."""
    rows: list[tuple[str, str]] = []
    for action in actions:
        sequences = action.shortcuts()
        shown = [k for k in sequences if on_a_pc_keyboard(k)] or sequences
        row = (action_name(action.text()),
               ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in shown))
        if row[0] and row[1] and row not in rows:
            rows.append(row)
    return rows


class ShortcutsDialog(QDialog):
    """Every action of the window that has a shortcut, with all its keys."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(560, 600)
        rows = shortcut_rows(actions)
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        for r, (name, keys) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(name))
            self.table.setItem(r, 1, QTableWidgetItem(keys))
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)  # keys in full
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)


def _tr(text: str) -> str:
    return QCoreApplication.translate("help", text)


def about_text() -> str:
    versions = {**component_versions(), "Qt": qVersion(), "PySide6": pyside_version}
    # Component names stay as they are; the one descriptive label is translated.
    names = {"Kiwi model": _tr("Kiwi model")}
    lines = "".join(f"<tr><td>{names.get(name, name)}</td><td>&nbsp;{value}</td></tr>"
                    for name, value in versions.items())
    return (f"<h3>Workbench {versions['Workbench']}</h3>"
            f"<p>{_tr('An offline research workbench for Korean and English policy documents and news.')}</p>"
            f"<table>{lines}</table>"
            f"<p>{_tr('Log file: {0}').format(log_file())}</p>")


def show_about(parent: QWidget) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle(_tr("About Workbench"))
    box.setText(about_text())
    box.open()
    return box
