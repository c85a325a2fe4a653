"""The project: opening one (seeding the default project on first launch),
recent projects, adding documents, the library's list — and keeping the
search index in step.

Searching never writes the index. When the project events say documents,
entities or aliases changed (and the change did not index them itself), an
``index`` task brings the index in step in the background; a newer one
supersedes it. Its result announces ``Changes(index=True)``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu

from workbench.core.changes import Changes, Outcome
from workbench.core.errors import WorkbenchError
from workbench.core.progress import Cancelled
from workbench.services.documents import list_documents
from workbench.services.ingest import ADDED, SUPPORTED_EXTENSIONS, UPDATED, ingest
from workbench.services.projects import needs_seeding, open_project, seed_default_project
from workbench.services.search import index_state, update_index, warm_up
from workbench.ui.controllers.base import Controller, as_job
from workbench.ui.controllers.status import Steps
from workbench.ui.events import ProjectEvents
from workbench.ui.ingest_dialog import IngestReportDialog
from workbench.ui.library import LibraryPanel
from workbench.ui.tasks import Task, TaskRunner

RECENT_KEY = "projects/recent"
INDEXING_TASKS = ("ingest", "seed", "import")  # tasks that bring the index in step themselves
# Every format ingest reads, scanned page images (read by OCR) included.
FORMATS = " ".join(f"*{ext}" for ext in SUPPORTED_EXTENSIONS)


def index_job(project, token):
    """Bring the index in step; announces that the index changed (or did not
    need to), with the entities it extracted (an interrupted ingest left them)
    in the same announcement at the end: announced at each document, they read
    as "the index is behind" and superseded this very job, once per document."""
    job = update_index(project, cancel=token)
    try:
        while True:
            try:
                step = next(job)
            except StopIteration as stop:
                report = stop.value
                break
            yield dataclasses.replace(step, changes=None)
    except Cancelled:
        return None
    return Outcome(report, Changes(index=True, entities=frozenset(report.extracted)))


class ProjectController(Controller):
    ready = Signal()  # documents listed and nothing left loading
    message = Signal(object)  # the text, or a function writing it in the window's language (see status)
    failed = Signal(object)
    opened_first_document = Signal(int)  # a document to show when the project opens with none shown

    def __init__(self, window: QMainWindow, events: ProjectEvents, runner: TaskRunner, library: LibraryPanel,
                 recent_menu: QMenu) -> None:
        super().__init__(events, window)
        self.window, self.runner, self.library, self.recent_menu = window, runner, library, recent_menu
        self.last_ingest_dialog: IngestReportDialog | None = None

    # --- opening ----------------------------------------------------------------------

    def start(self) -> None:
        """Seed the default project on first launch (in the background), then list."""
        self.remember(self.project.root)
        if needs_seeding(self.project):
            self.message.emit(lambda: self.tr("Adding the sample documents…"))
            project = self.project
            task = self.runner.prepare("seed", lambda token: seed_default_project(project, cancel=token))
            task.finished.connect(lambda _report: self._opened())
            self._follow_in_library(task, self.tr("Preparing the sample documents"))
            self.runner.submit(task)
        else:
            self._opened()

    def _opened(self) -> None:
        docs = self.list_documents()
        if docs:
            self.opened_first_document.emit(docs[0].id)
        self.keep_index_in_step()
        project = self.project
        # Kiwi takes seconds to load: do it now, behind the window, not on the first search.
        self.runner.submit(self.runner.prepare("warm-up", lambda token: as_job(warm_up, project),
                                               key="warm-up", quiet=True))
        self.ready.emit()

    def list_documents(self):
        docs = list_documents(self.project)
        self.library.set_documents(docs)
        count, root = len(docs), str(self.project.root)
        self.message.emit(lambda: self.tr("{0} documents in {1}").format(count, root))
        return docs

    def switch(self, root: Path) -> None:
        try:
            project = open_project(root)
        except WorkbenchError as exc:
            self.failed.emit(exc)
            return
        self.runner.cancel_all()
        self.events.set_project(project)
        self.start()

    def new_project(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Folder for the new project"))
        if folder:
            self.switch(Path(folder))

    def choose_project(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Open a project folder"))
        if folder:
            self.switch(Path(folder))

    def remember(self, root: Path) -> None:
        settings = QSettings()
        recent = [str(root)] + [p for p in (settings.value(RECENT_KEY, [], list) or []) if p != str(root)]
        settings.setValue(RECENT_KEY, recent[:10])
        self.fill_recent()

    def fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in QSettings().value(RECENT_KEY, [], list) or []:
            self.recent_menu.addAction(path, lambda _checked=False, p=path: self.switch(Path(p)))

    # --- adding documents ----------------------------------------------------------------

    def add_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self.window, self.tr("Add documents"), "",
                                                self.tr("Documents") + f" ({FORMATS});;* (*)")
        if files:
            self.ingest_paths(files)

    def add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Add a folder of documents"))
        if folder:
            self.ingest_paths([folder])

    def ingest_paths(self, paths: list[str]) -> Task:
        """Ingest in the background; the report (also of a cancelled run) is shown at the end."""
        project = self.project
        task = self.runner.prepare("ingest", lambda token: ingest(project, paths, cancel=token))
        task.finished.connect(self._ingested)
        self._follow_in_library(task, self.tr("Adding documents"))
        self.runner.submit(task)
        return task

    def _follow_in_library(self, task: Task, title: str) -> None:
        """Progress over the library, where the documents appear as they are added:
        one bar over the job's steps (reading, then indexing), only moving forward."""
        steps = Steps(task.name)

        def progress(p) -> None:
            value, maximum, text = steps.advance(p)
            self.library.show_progress(f"{title} — {text}" if text else title + "…", value, maximum)

        self.library.show_progress(title + "…", 0, 0)
        task.progress.connect(progress)
        for signal in (task.finished, task.failed, task.cancelled):
            signal.connect(lambda *_: self.library.hide_progress())

    def _ingested(self, report) -> None:
        docs = self.list_documents()
        summary, cancelled = report.summary(), report.cancelled

        def text() -> str:  # written again when the language is switched
            said = self.tr("{0} added, {1} updated, {2} failed").format(summary[ADDED], summary[UPDATED],
                                                                      summary["failed"])
            if cancelled:
                said = self.tr("Cancelled: {0}; {1} documents in the project").format(said, len(docs))
            return said

        self.message.emit(text)
        dialog = IngestReportDialog(report, getattr(self.window, "language", "en"), self.window)
        dialog.show()
        self.last_ingest_dialog = dialog
        self.ready.emit()

    # --- following changes ------------------------------------------------------------------

    def changed(self, changes: Changes) -> None:
        if changes.documents:
            self.library.set_documents(list_documents(self.project))
        if changes.searchable and not changes.index:
            self.keep_index_in_step()

    def keep_index_in_step(self) -> Task | None:
        """Start (or restart) the background job that brings the index in step, if
        needed — not while an ingest runs: it indexes what it added when it ends."""
        if any(t.name in INDEXING_TASKS and not t.superseded for t in self.runner.active):
            return None
        try:
            if index_state(self.project) == "ready":
                return None
        except WorkbenchError as exc:
            self.failed.emit(exc)
            return None
        project = self.project
        task = self.runner.prepare("index", lambda token: index_job(project, token), key="index")
        self.runner.submit(task)
        return task
