"""The report after adding documents: every file with its status and, for
problems, what went wrong — in the UI's language."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QLabel

from workbench.ui.report_dialog import lay_out_report


class IngestReportDialog(QDialog):
    def __init__(self, report, language: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ingest report"))
        self.resize(900, 420)
        summary = report.summary()
        text = self.tr("{0} added, {1} updated, {2} unchanged, {3} failed, {4} removed, {5} skipped").format(
            summary["added"], summary["updated"], summary["unchanged"], summary["failed"], summary["removed"],
            summary["skipped"])
        if report.cancelled:
            text += " — " + self.tr("cancelled")
        self.summary = QLabel(text)
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([self.tr("Status"), self.tr("File"), self.tr("Message")])
        statuses = {"added": self.tr("added"), "updated": self.tr("updated"), "unchanged": self.tr("unchanged"),
                    "failed": self.tr("failed"), "removed": self.tr("removed"), "skipped": self.tr("skipped")}
        for f in sorted(report.files, key=lambda f: (f.status != "failed", f.path)):
            message = f.message_ko if language == "ko" and f.message_ko else f.message
            status = QStandardItem(statuses.get(f.status, f.status))
            status.setData(f.status)  # the code, for tests and copying
            self.model.appendRow([status, QStandardItem(f.path), QStandardItem(message)])
        lay_out_report(self, [self.summary], self.model, stretch=2)
