"""File → Import REFI-QDA project…: a colleague's ``.qdpx`` (or a ``.qdc``
codebook) into the open project.

A ``.qdpx`` runs as a background task (services.refi_import): progress and
Cancel in the status bar, the documents appearing in the library as they are
added (the job's progress carries its changes), the report at the end. A
``.qdc`` goes through the codebook panel's own import, so it can be undone
like any codebook change.

A file that names texts outside its archive is asked about before the job
starts (services.refi_import.outside_sources reads only its project.qde):
read them from the folder of the .qdpx, from another folder the analyst
chooses, or skip them. Nothing outside the archive is read without that
answer, and then only files inside the chosen folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from workbench.core.errors import WorkbenchError
from workbench.services import codebook as books
from workbench.services.refi_import import import_qdpx, outside_sources
from workbench.ui.controllers.base import Controller
from workbench.ui.events import ProjectEvents
from workbench.ui.import_dialog import ImportReportDialog
from workbench.ui.tasks import Task, TaskRunner


class ImportController(Controller):
    message = Signal(str)
    failed = Signal(object)

    def __init__(self, window: QMainWindow, events: ProjectEvents, runner: TaskRunner, codebook_panel) -> None:
        super().__init__(events, window)
        self.window, self.runner, self.codebook_panel = window, runner, codebook_panel
        self.last_dialog: ImportReportDialog | None = None
        self.last_question: QMessageBox | None = None

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Import a REFI-QDA project or codebook"), "",
            self.tr("REFI-QDA project or codebook") + " (*.qdpx *.qdc)")
        if path:
            self.import_file(path)

    def import_file(self, path: str, sources_from: str | None = None, ask: bool = True) -> Task | None:
        """Import ``path``; texts it names outside its archive are read from
        ``sources_from`` — asked for here when ``ask`` and the file names any."""
        if path.lower().endswith(".qdc"):
            self.codebook_panel.command.emit(self.tr("import codebook"), lambda p: books.import_codebook(p, path))
            return None
        if ask and sources_from is None:
            try:
                outside = outside_sources(path)
            except WorkbenchError:
                outside = []  # a broken file: the import itself reports it
            if outside:
                answer = self.ask_sources_folder(path, outside)
                if answer is None:
                    self.message.emit(self.tr("Import cancelled"))
                    return None
                sources_from = answer or None
        project = self.project
        task = self.runner.prepare("import", lambda token: import_qdpx(project, path, cancel=token,
                                                                      sources_from=sources_from))
        task.handles_errors = True
        task.progress.connect(self._progress)
        task.finished.connect(self._finished)
        task.failed.connect(self.failed)
        self.message.emit(self.tr("Importing {0}…").format(path))
        self.runner.submit(task)
        return task

    def ask_sources_folder(self, path: str, refs: list[str]) -> str | None:
        """Where to read the texts ``path`` names outside its archive: a folder,
        "" to skip them, None to cancel the import."""
        folder = str(Path(path).resolve().parent)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Texts outside the file"),
                          self.tr("This file points to {0} source texts outside its archive: {1}\n\n"
                                  "Read them from this folder?").format(len(refs), folder), parent=self.window)
        shown = "\n".join(refs[:8]) + ("\n…" if len(refs) > 8 else "")
        box.setInformativeText(shown + "\n\n" + self.tr(
            "Only regular files inside the folder you choose are read; texts elsewhere are skipped and listed "
            "in the report."))
        box.setObjectName("sources-folder-question")
        read = box.addButton(self.tr("Read from this folder"), QMessageBox.ButtonRole.AcceptRole)
        other = box.addButton(self.tr("Choose another folder…"), QMessageBox.ButtonRole.ActionRole)
        skip = box.addButton(self.tr("Skip them"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(read)
        box.setEscapeButton(cancel)
        self.last_question = box
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is read:
            return folder
        if clicked is skip:
            return ""
        if clicked is other:
            chosen = QFileDialog.getExistingDirectory(self.window, self.tr("Folder that holds the texts"), folder)
            return chosen or None
        return None

    def _progress(self, progress) -> None:
        if progress.stage == "read" and progress.bytes_total >= 1024 * 1024:  # a big file: say how far
            self.message.emit(self.tr("Reading {0}: {1} of {2} MB").format(
                progress.message, progress.bytes_done // (1024 * 1024), progress.bytes_total // (1024 * 1024)))
        elif progress.stage == "sources":
            self.message.emit(self.tr("Reading sources {0}/{1}").format(progress.done, progress.total))
        elif progress.stage == "codings":
            self.message.emit(self.tr("Adding the tagged passages"))

    def _finished(self, report) -> None:
        language = getattr(self.window, "language", "en")
        self.message.emit(report.headline(language))
        dialog = ImportReportDialog(report, language, self.window)
        dialog.show()
        self.last_dialog = dialog
