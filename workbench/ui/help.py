"""Help: the user guide (offline, Korean or English), the list of keyboard
shortcuts (read from the window's own actions, so it cannot drift), and an
About box with the versions a bug report needs."""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion
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


class GuideDialog(QDialog):
    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("User guide"))
        self.resize(680, 620)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(guide_text(language))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)


class ShortcutsDialog(QDialog):
    """Every action of the window that has a shortcut, with all its keys."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(520, 560)
        rows = [(a.text().replace("&", ""), ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                                                       for k in a.shortcuts()))
                for a in actions if a.shortcuts() and a.text()]
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        for r, (name, keys) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(name))
            self.table.setItem(r, 1, QTableWidgetItem(keys))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
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
    lines = "".join(f"<tr><td>{name}</td><td>&nbsp;{value}</td></tr>" for name, value in versions.items())
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
