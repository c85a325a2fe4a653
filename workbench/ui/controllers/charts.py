"""Charts in the window: compute a chart's frame off the GUI thread, draw it,
and take the analyst from a bar, a cell or a point to the text behind it:

- a document's bar → that document, and a search for the source in it;
- an occurrence along a document → that place in the reader, selected;
- a tag × document cell → those tagged passages in the tagged-passages panel;
- two entities' cell → a search for the passages holding both;
- a point on the timeline → the document, or the date mention in it.

A chart that is on screen is drawn again when the project changes, and a
chart is drawn as soon as it is picked (or says what it needs). A chart's
"Drawing…", its error or its empty result belong to that chart only.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDockWidget

from workbench.core.changes import Changes
from workbench.core.errors import WorkbenchError
from workbench.services import charts as chart_service
from workbench.services import entities as entity_service
from workbench.services.documents import list_documents
from workbench.services.queries import entity_query, tag_query
from workbench.ui.annotations_panel import AnnotationsPanel
from workbench.ui.charts.panel import ChartsPanel
from workbench.ui.controllers.base import Controller, as_job
from workbench.ui.controllers.reading import ReadingController
from workbench.ui.events import ProjectEvents
from workbench.ui.tasks import TaskRunner


class ChartsController(Controller):
    search = Signal(str)  # a query to run and show
    message = Signal(str)

    def __init__(self, events: ProjectEvents, runner: TaskRunner, panel: ChartsPanel, reading: ReadingController,
                 annotations: AnnotationsPanel, parent=None) -> None:
        super().__init__(events, parent)
        self.runner, self.panel, self.reading, self.annotations = runner, panel, reading, annotations
        self.current_query = ""  # the search panel's query: what a chart counts when its box is empty
        self.language = "en"
        panel.draw_requested.connect(self.draw)
        panel.kind_changed.connect(lambda _kind: self.draw_picked())
        reading.document_opened.connect(lambda _pane, doc_id, _ms: panel.follow_document(doc_id))
        for chart in panel.charts.values():
            chart.clicked.connect(self.navigate)
        panel.exported.connect(lambda path: self.message.emit(self.tr("Chart saved to {0}").format(path)))

    def retranslate(self, language: str) -> None:
        self.language = self.panel.language = language
        self.panel.set_entity_kinds({k: entity_service.type_label(k, language) for k in entity_service.ENTITY_TYPES})

    def project_opened(self) -> None:
        self.refresh_documents()
        for chart in self.panel.charts.values():
            chart.frame = None
            chart.clear()
        self.panel.clear_messages()

    def refresh_documents(self) -> None:
        self.panel.set_documents(list_documents(self.project))

    def changed(self, changes: Changes) -> None:
        if changes.documents:
            self.refresh_documents()
        chart = self.panel.current()
        if chart.frame is not None and self.panel.isVisible() and (
                changes.annotations or changes.codebook or changes.entities or changes.documents or changes.index):
            self.draw()

    # --- drawing ---------------------------------------------------------------------------

    def job(self):
        """The service call for the panel's current choice (run in a task)."""
        panel, project = self.panel, self.project
        kind = panel.chart_kind()
        what = panel.what.text().strip() or self.current_query
        if kind == "distribution":
            source = chart_service.source_from_text(what)
            return kind, lambda: chart_service.distribution(project, source)
        if kind == "dispersion":
            sources = [chart_service.source_from_text(t) for t in what.split(";") if t.strip()]
            if not sources:
                raise WorkbenchError("Say what to look for: a query, entity:NAME or tag:PATH",
                                     "무엇을 찾을지 입력하세요: 검색어, entity:이름 또는 tag:경로")
            doc_id = panel.document.currentData() or self.reading.left.doc_id
            if doc_id is None:
                raise WorkbenchError("Choose a document", "문서를 고르세요")
            return kind, lambda: chart_service.dispersion(project, int(doc_id), sources)
        if kind == "tags":
            by, language = panel.matrix_by.currentData() or "document", self.language
            return kind, lambda: chart_service.tag_matrix(project, by, language)
        if kind == "cooccurrence":
            entity_kind = panel.entity_kind.currentData() or "ORG"
            return kind, lambda: chart_service.cooccurrence(project, entity_kind)
        doctype, tag = panel.filter_type.text().strip() or None, panel.filter_tag.text().strip() or None
        return kind, lambda: chart_service.timeline(project, doctype=doctype, tag=tag)

    def draw(self) -> None:
        kind = self.panel.chart_kind()
        try:
            kind, compute = self.job()
        except WorkbenchError as exc:
            self.panel.failed(kind, exc, self.language)
            return
        panel = self.panel
        panel.say(self.tr("Drawing…"), kind)
        # One task per kind of chart: drawing another chart does not drop this one's result
        # (a superseded task says nothing, and its "Drawing…" would stay).
        task = self.runner.prepare("chart", lambda token: as_job(compute), key=f"chart:{kind}", quiet=True)
        task.finished.connect(lambda frame, k=kind: panel.show(k, frame))
        task.failed.connect(lambda exc, k=kind: panel.failed(k, exc, self.language))
        task.cancelled.connect(lambda k=kind: panel.say("", k))
        self.runner.submit(task)

    def draw_picked(self) -> None:
        """The analyst picked another chart: draw it, or say what it needs."""
        if self.project is not None:
            self.draw()

    # --- from the picture to the text --------------------------------------------------------

    def navigate(self, target: dict) -> None:
        kind = target["kind"]
        if kind == "document_hits":
            source = chart_service.source_from_text(target["source"])
            query = {"query": source.value, "entity": entity_query(source.value),
                     "tag": tag_query(source.value)}[source.kind]
            self.reading.open_in("right", target["doc_id"])
            self.search.emit(f"doc:{target['doc_id']} ({query})" if source.kind == "query"
                             else f"doc:{target['doc_id']} {query}")
        elif kind == "position":
            pane = next((p for p in self.reading.panes if p.doc_id == target["doc_id"]), None)
            if pane is None:
                self.reading.open_in("right", target["doc_id"])
                pane = self.reading.right
            pane.goto(target["start"], target["end"])
        elif kind == "document":
            self.reading.open_in("right", target["doc_id"])
        elif kind == "tagged":
            self.annotations.show_only(tag=target["tag"], doc_id=target.get("doc_id"), doc_ids=target.get("doc_ids"))
            dock = self.annotations.parentWidget()  # the panel's QDockWidget, tabbed with the charts
            if isinstance(dock, QDockWidget):
                dock.show()
                dock.raise_()
        elif kind == "together":
            self.search.emit(" ".join(entity_query(name) for name in target["entities"]))
