"""The report after importing a REFI-QDA project: one line per source, code
and selection — added, merged, renamed, converted or skipped, and why — in
the UI's language; what was skipped comes first.

A source that is not text is named as the analyst calls it ("a picture",
"그림"), not by its element in the file format ("PictureSource"), in the
names and in the messages the import wrote."""

from __future__ import annotations

import re

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QLabel

from workbench.ui.report_dialog import lay_out_report


class ImportReportDialog(QDialog):
    def __init__(self, report, language: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import report"))
        self.resize(900, 460)
        self.summary = QLabel(report.headline(language))
        self.summary.setWordWrap(True)
        kinds = {"source": self.tr("document"), "code": self.tr("tag"), "selection": self.tr("passage"),
                 "note": self.tr("memo"), "set": self.tr("set"), "graph": self.tr("graph"), "link": self.tr("link"),
                 "variable": self.tr("variable"), "case": self.tr("case")}
        # REFI-QDA's elements for sources other than text (the import names them so)
        elements = {"PictureSource": self.tr("picture"), "AudioSource": self.tr("recording"),
                    "VideoSource": self.tr("video"), "PDFSource": self.tr("PDF")}
        pattern = re.compile(r"\b(%s)\b" % "|".join(elements))

        def words(text: str) -> str:
            return pattern.sub(lambda m: elements[m.group(1)], text)

        statuses = {"added": self.tr("added"), "merged": self.tr("merged"), "created": self.tr("created"),
                    "reused": self.tr("reused"), "renamed": self.tr("renamed"), "imported": self.tr("imported"),
                    "converted": self.tr("converted"), "present": self.tr("already there"),
                    "skipped": self.tr("skipped"), "noted": self.tr("noted")}
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels([self.tr("Status"), self.tr("Kind"), self.tr("Item"), self.tr("Message")])
        order = {"skipped": 0, "noted": 1}  # what was left out first, then what to know
        for item in sorted(report.items, key=lambda i: order.get(i.status, 2)):
            status = QStandardItem(statuses.get(item.status, item.status))
            status.setData(item.status)  # the code, for tests and copying
            self.model.appendRow([status, QStandardItem(kinds.get(item.kind, item.kind)),
                                  QStandardItem(words(item.name)), QStandardItem(words(item.localized(language)))])
        above = [self.summary]
        if report.users:
            self.users = QLabel(self.tr("Coded by: {0}").format(", ".join(report.users)))
            self.users.setWordWrap(True)
            above.append(self.users)
        self.table, self.detail = lay_out_report(self, above, self.model, stretch=3)
