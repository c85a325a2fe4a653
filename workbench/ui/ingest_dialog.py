"""The report after adding documents: every file with its status and, for
problems, what went wrong — in the UI's language. Failures come first, then
files with the text of a document already in the project; the file column
shows the name (the whole path is its tooltip and in the detail box)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QLabel

from workbench.ui.report_dialog import lay_out_report


def _order(f) -> tuple:
    return (f.status != "failed", f.duplicate_of is None, f.path)


class IngestReportDialog(QDialog):
    def __init__(self, report, language: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ingest report"))
        self.resize(960, 480)
        summary = report.summary()
        text = self.tr("{0} added, {1} updated, {2} unchanged, {3} failed, {4} removed, {5} skipped").format(
            summary["added"], summary["updated"], summary["unchanged"], summary["failed"], summary["removed"],
            summary["skipped"])
        if summary.get("duplicates"):
            text += "; " + self.tr("{0} with the same text as a document already in the project").format(
                summary["duplicates"])
        if report.cancelled:
            text += " — " + self.tr("cancelled")
        self.summary = QLabel(text)
        self.summary.setWordWrap(True)
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([self.tr("Status"), self.tr("File"), self.tr("Message")])
        statuses = {"added": self.tr("added"), "updated": self.tr("updated"), "unchanged": self.tr("unchanged"),
                    "failed": self.tr("failed"), "removed": self.tr("removed"), "skipped": self.tr("skipped")}
        for f in sorted(report.files, key=_order):
            message = f.message_ko if language == "ko" and f.message_ko else f.message
            status = QStandardItem(statuses.get(f.status, f.status))
            status.setData(f.status)  # the code, for tests and copying
            if f.duplicate_of is not None:
                status.setText(status.text() + " · " + self.tr("same text"))
            name = Path(f.path).name or f.path
            file = QStandardItem(name)
            file.setToolTip(f.path)
            # The message starts with the file's name, already in the column beside it.
            cell = QStandardItem(message.removeprefix(f"{name}: "))
            cell.setToolTip(message)
            self.model.appendRow([status, file, cell])
        self.table, self.detail = lay_out_report(self, [self.summary], self.model, stretch=2)
