"""The one place the window learns that the project changed.

Every writing service returns :class:`Changes`; whatever runs it — a write
from the GUI thread through :meth:`ProjectEvents.apply`, or a background
task whose progress or result carries ``changes`` — ends in
:meth:`ProjectEvents.publish`, and the ``changed`` signal tells every view.
Each view decides for itself whether the change concerns it (a reader: "is
my document's text new?"; the codebook: "did the codebook change?"). Nothing
calls another widget's refresh by hand (Anki's ``operation_did_execute``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QThread, Signal

from workbench.core.changes import Changes, Outcome
from workbench.store.project import Project
from workbench.ui.tasks import Task, TaskRunner


class ProjectEvents(QObject):
    changed = Signal(object)  # Changes
    project_closing = Signal()  # the open project is about to be replaced by another
    project_opened = Signal(object)  # Project: another project was opened in this window
    waiting = Signal(bool)  # True while a write from the window waits for a job's transaction

    def __init__(self, project: Project, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._waited = False
        project.on_wait = self._on_wait
        runner.started.connect(self._watch)

    def set_project(self, project: Project) -> None:
        self.project_closing.emit()
        self.project.on_wait = None
        self.project = project
        project.on_wait = self._on_wait
        self.project_opened.emit(project)

    def publish(self, changes: Changes | None) -> None:
        if changes:
            self.changed.emit(changes)

    def apply(self, service: Callable[..., Outcome], *args: Any, **kwargs: Any) -> Any:
        """Run a writing service now, on this thread, announce what it changed
        and return its value. Errors propagate to the caller."""
        try:
            outcome = service(self.project, *args, **kwargs)
        finally:
            if self._waited:
                self._waited = False
                self.waiting.emit(False)
        self.publish(outcome.changes)
        return outcome.value

    def _on_wait(self) -> None:
        """Called by the project when a write must wait for another writer: on
        the GUI thread, say so and paint it before blocking."""
        if QThread.currentThread() is not self.thread() or self._waited:
            return
        self._waited = True
        self.waiting.emit(True)
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def _watch(self, task: Task) -> None:
        task.progress.connect(lambda progress: self.publish(progress.changes))
        task.finished.connect(lambda result: self.publish(getattr(result, "changes", None)))
