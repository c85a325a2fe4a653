"""The Analysis menu: the QDA analyst's tools (auto-code, keyword in context,
coder agreement, memos, …), each in a module of its own that adds its actions
here. A tool is a function ``install(window, menu)`` returning an object with
``retranslate()``; the menu calls them in order, and again on a language switch."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QMenu

from workbench.ui import agreement_dialog, autocode_dialog, compare_mode, kwic_panel, memos_tool

# Each tool's installer, in menu order (one line per tool).
TOOLS: list[Callable[[QMainWindow, QMenu], object]] = [
    autocode_dialog.install,
    agreement_dialog.install,
    kwic_panel.install,
    memos_tool.install,
    compare_mode.install,
]


def _tr(text: str) -> str:
    return QCoreApplication.translate("AnalysisMenu", text)


class AnalysisMenu:
    def __init__(self, window: QMainWindow, before: QMenu) -> None:
        self.menu = QMenu(window)
        self.menu.setObjectName("analysis-menu")
        window.menuBar().insertMenu(before.menuAction(), self.menu)
        self.tools = [install(window, self.menu) for install in TOOLS]

    def retranslate(self) -> None:
        self.menu.setTitle(_tr("&Analysis"))
        for tool in self.tools:
            tool.retranslate()
