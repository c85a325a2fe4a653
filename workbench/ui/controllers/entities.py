"""Entities in the window: the facets in the library, the reader's context
menu (show all mentions, change type, reject, add a name). Corrections
re-extract entities, so they run as tasks; the readers and facets follow
from the changes they return."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QInputDialog, QWidget

from workbench.core.changes import Changes
from workbench.services import entities as entity_service
from workbench.services.queries import entity_query
from workbench.ui.controllers.base import Controller, as_job
from workbench.ui.controllers.reading import ReadingController
from workbench.ui.events import ProjectEvents
from workbench.ui.library import LibraryPanel
from workbench.ui.tasks import TaskRunner


class EntityController(Controller):
    search = Signal(str)  # a query to run
    message = Signal(str)

    def __init__(self, events: ProjectEvents, runner: TaskRunner, reading: ReadingController,
                 library: LibraryPanel, parent: QWidget) -> None:
        super().__init__(events, parent)
        self.runner, self.reading, self.library = runner, reading, library
        self.language = "en"
        for pane in reading.panes:
            pane.view.mention_action.connect(self.mention_action)
            pane.view.add_entity.connect(self.add_entity)

    def refresh(self) -> None:
        self.library.set_facets(entity_service.facets(self.project))

    def project_opened(self) -> None:
        self.refresh()

    def changed(self, changes: Changes) -> None:
        if changes.entities or changes.documents:
            self.refresh()

    def mention_action(self, action: str, mention) -> None:
        if action == "show":
            self.search.emit(entity_query(mention.canonical))
            return
        project, pane = self.project, self.sender().pane
        if action.startswith("type:"):
            job = lambda token: as_job(entity_service.set_type, project, mention.canonical, action[5:])  # noqa: E731
        elif action == "reject_span":
            job = lambda token: as_job(entity_service.reject_span, project, str(pane.doc_id),  # noqa: E731
                                       mention.start, mention.end)
        else:
            job = lambda token: as_job(entity_service.reject_name, project, mention.text)  # noqa: E731
        self._run("correct", job)

    def add_entity(self, text: str) -> None:
        kinds = list(entity_service.GAZETTEER_TYPES)
        labels = [entity_service.type_label(k, self.language) for k in kinds]
        choice, ok = QInputDialog.getItem(self.parent(), self.tr("Add as an entity"),
                                          self.tr("Type of “{0}”").format(text), labels, 0, False)
        if ok:
            kind, project = kinds[labels.index(choice)], self.project
            self._run("add-entity", lambda token: as_job(entity_service.add_entity, project, text, kind))

    def _run(self, name: str, job) -> None:
        task = self.runner.prepare(name, job)
        task.finished.connect(lambda _result: self.message.emit(self.tr("Entities updated")))
        self.runner.submit(task)
