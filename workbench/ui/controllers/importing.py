"""File → Import REFI-QDA project…: a colleague's ``.qdpx`` (or a ``.qdc``
codebook) into the open project.

A ``.qdpx`` runs as a background task (services.refi_import): progress and
Cancel in the status bar, the documents appearing in the library as they are
added (the job's progress carries its changes), the report at the end. A
``.qdc`` goes through the codebook panel's own import, so it can be undone
like any codebook change.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow

from workbench.services import codebook as books
from workbench.services.refi_import import import_qdpx
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

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Import a REFI-QDA project or codebook"), "",
            self.tr("REFI-QDA project or codebook") + " (*.qdpx *.qdc)")
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> Task | None:
        if path.lower().endswith(".qdc"):
            self.codebook_panel.command.emit(self.tr("import codebook"), lambda p: books.import_codebook(p, path))
            return None
        project = self.project
        task = self.runner.prepare("import", lambda token: import_qdpx(project, path, cancel=token))
        task.handles_errors = True
        task.progress.connect(self._progress)
        task.finished.connect(self._finished)
        task.failed.connect(self.failed)
        self.message.emit(self.tr("Importing {0}…").format(path))
        self.runner.submit(task)
        return task

    def _progress(self, progress) -> None:
        if progress.stage == "sources":
            self.message.emit(self.tr("Reading sources {0}/{1}").format(progress.done, progress.total))
        elif progress.stage == "codings":
            self.message.emit(self.tr("Adding the tagged passages"))

    def _finished(self, report) -> None:
        language = getattr(self.window, "language", "en")
        self.message.emit(report.headline(language))
        dialog = ImportReportDialog(report, language, self.window)
        dialog.show()
        self.last_dialog = dialog
