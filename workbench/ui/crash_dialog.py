"""Telling the analyst that something went wrong that Workbench did not
expect, and where the report is (services.crash writes it).

PySide6 hands an exception raised in a slot to ``sys.excepthook`` and the
window goes on, so the message says the work is kept (every write is its own
transaction) and suggests saving and restarting. One message at a time: an
error repeated on every paint must not pile up dialogs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench.services import crash


def _tr(text: str) -> str:
    return QCoreApplication.translate("crash", text)


class CrashNotifier:
    """The GUI's ``notify`` for :func:`services.crash.install`."""

    def __init__(self) -> None:
        self.box: QMessageBox | None = None
        self.reports: list[Path | None] = []

    def __call__(self, path: Path | None, exc: BaseException) -> None:
        self.reports.append(path)
        if QApplication.instance() is None or (self.box is not None and self.box.isVisible()):
            return
        where = str(path) if path is not None else _tr("(the log folder could not be written)")
        box = QMessageBox(QMessageBox.Icon.Critical, _tr("Unexpected error"),
                          _tr("Workbench ran into an error it did not expect ({0}). Your project is saved: "
                              "every change is written as you make it.").format(type(exc).__name__),
                          QMessageBox.StandardButton.Ok, QApplication.activeWindow())
        box.setInformativeText(_tr("A report (versions and where in the program it happened, no document text) "
                                   "was written to:\n{0}\n\nIf it happens again, restart Workbench and send "
                                   "the report to the team.").format(where))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setObjectName("crash-dialog")
        box.open()
        self.box = box


def install() -> CrashNotifier:
    notifier = CrashNotifier()
    crash.install(notifier, extra_versions={"Qt": qVersion()})
    return notifier
