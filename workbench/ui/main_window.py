"""The main window: library and search docks around two reader panes.

Data comes only through services; long jobs (seeding, ingest, corrections that
re-extract entities, searches) run in the task runner with progress and
cancel; strings go through tr(), and every widget re-labels itself when the
language changes. Dock and window layout are remembered (QSettings).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget, QFileDialog, QInputDialog, QLabel, QMainWindow, QMessageBox, QProgressBar, QPushButton, QSplitter,
    QToolBar, QVBoxLayout, QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.services import entities as entity_service
from workbench.services.documents import list_documents, show_document
from workbench.services.ingest import ingest
from workbench.services.projects import needs_seeding, open_project, seed_default_project
from workbench.store.project import Project
from workbench.services import annotations as annotation_service
from workbench.ui.annotations_panel import AnnotationsPanel
from workbench.ui.i18n import apply_language, effective_language
from workbench.ui.tag_picker import TagPickerDialog
from workbench.ui.codebook_panel import CodebookPanel
from workbench.ui.undo import CodebookCommand, DeleteCommand, EditCommand, ReattachCommand, TagCommand
from workbench.ui.ingest_dialog import IngestReportDialog
from workbench.ui.legend import Legend
from workbench.ui.library import DOC_MIME, LibraryPanel
from workbench.ui.reader import ReaderPane
from workbench.ui.search_panel import SearchPanel
from workbench.ui.tasks import Task, TaskRunner

RECENT_KEY = "projects/recent"


class _DropPane(ReaderPane):
    dropped = Signal(int)

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.setAcceptDrops(True)
        self.view.setAcceptDrops(False)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasFormat(DOC_MIME):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        self.dropped.emit(int(bytes(event.mimeData().data(DOC_MIME)).decode()))
        event.acceptProposedAction()


class MainWindow(QMainWindow):
    ready = Signal()  # documents listed and nothing left loading
    document_opened = Signal(str, int, float)  # pane, doc id, milliseconds

    def __init__(self, project: Project, runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.project = project
        self.runner = runner or TaskRunner(self)
        self.language = effective_language()
        self.resize(1500, 900)

        self.library = LibraryPanel()
        self.library.open_document.connect(lambda doc_id, side: self.open_in(side, doc_id))
        self.library.facet_query.connect(self.run_search)
        self.search_panel = SearchPanel(self.runner)
        self.search_panel.hit_activated.connect(self.show_hit)
        self.search_panel.finished.connect(self._search_finished)
        self.library_dock = self._dock("library", self.library, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.search_dock = self._dock("search", self.search_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.annotations = AnnotationsPanel()
        self.annotations.jump.connect(self._jump_to_annotation)
        self.annotations.delete_requested.connect(lambda row: self.undo_stack.push(
            DeleteCommand(self.project, row["id"], self.refresh_annotations)))
        self.annotations.edit_requested.connect(self._edit_annotation)
        self.annotations.reattach_requested.connect(self._reattach)
        self.annotations_dock = self._dock("annotations", self.annotations, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.codebook = CodebookPanel()
        self.codebook.command.connect(self._codebook_command)
        self.codebook.search_tag.connect(lambda path: self.run_search(f'tag:"{path}"' if " " in path else f"tag:{path}"))
        self.codebook_dock = self._dock("codebook", self.codebook, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.undo_stack = QUndoStack(self)

        self.legend = Legend()
        self.legend.changed.connect(self._types_changed)
        self.left = _DropPane("left")
        self.right = _DropPane("right")
        for pane in (self.left, self.right):
            pane.dropped.connect(lambda doc_id, p=pane: self.open_in(p.objectName(), doc_id))
            pane.view.mention_action.connect(self._mention_action)
            pane.view.add_entity.connect(self._add_entity)
            pane.opened.connect(lambda doc_id, ms, p=pane: self.document_opened.emit(p.objectName(), doc_id, ms))
            pane.view.tag_selection.connect(lambda p=pane: self.tag_selection(p))
            pane.view.annotation_clicked.connect(self.annotations.select_annotation)
        self.panes = QSplitter(Qt.Orientation.Horizontal)
        self.panes.addWidget(self.left)
        self.panes.addWidget(self.right)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.legend)
        layout.addWidget(self.panes, 1)
        self.setCentralWidget(central)
        self._linking = False
        for a, b in ((self.left, self.right), (self.right, self.left)):
            a.view.verticalScrollBar().valueChanged.connect(lambda _v, a=a, b=b: self._linked_scroll(a, b))

        self._build_actions()
        self.status_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        self.cancel_button = QPushButton()
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.runner.cancel_all)
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        # The runner forgets a task before announcing its end, so this sees the true state.
        self.runner.ended.connect(self._task_done)
        self._last_result = None
        self._pending_opens = 0
        self._restore()
        self.retranslate()
        self._remember_project(project.root)

    # --- construction -------------------------------------------------------------

    def _dock(self, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_actions(self) -> None:
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("main-toolbar")
        self.addToolBar(self.toolbar)
        self.swap_action = QAction(self, shortcut=QKeySequence("Ctrl+Shift+S"), triggered=self.swap_panes)
        self.link_action = QAction(self, checkable=True, shortcut=QKeySequence("Ctrl+Shift+L"))
        self.focus_search = QAction(self, shortcut=QKeySequence("Ctrl+K"),
                                    triggered=lambda: self.search_panel.query.setFocus())
        self.tag_action = QAction(self, shortcut=QKeySequence("Ctrl+T"), triggered=lambda: self.tag_selection())
        self.toolbar.addAction(self.tag_action)
        self.toolbar.addAction(self.swap_action)
        self.toolbar.addAction(self.link_action)
        self.addAction(self.focus_search)

        menu = self.menuBar()
        self.file_menu = menu.addMenu("")
        self.new_action = self.file_menu.addAction("", self.new_project)
        self.open_action = self.file_menu.addAction("", self.choose_project)
        self.recent_menu = self.file_menu.addMenu("")
        self.file_menu.addSeparator()
        self.add_files_action = self.file_menu.addAction("", self.add_files)
        self.add_folder_action = self.file_menu.addAction("", self.add_folder)
        self.file_menu.addSeparator()
        self.export_action = self.file_menu.addAction("", self.open_export)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.file_menu.addSeparator()
        self.quit_action = self.file_menu.addAction("", self.close)
        self.edit_menu = menu.addMenu("")
        self.undo_action = self.undo_stack.createUndoAction(self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addAction(self.tag_action)
        self.view_menu = menu.addMenu("")
        self.view_menu.addAction(self.library_dock.toggleViewAction())
        self.view_menu.addAction(self.search_dock.toggleViewAction())
        self.view_menu.addAction(self.annotations_dock.toggleViewAction())
        self.view_menu.addAction(self.codebook_dock.toggleViewAction())
        self.view_menu.addAction(self.swap_action)
        self.view_menu.addAction(self.link_action)
        self.language_menu = self.view_menu.addMenu("")
        group = QActionGroup(self)
        self.language_actions = {}
        for code in ("system", "ko", "en"):
            action = self.language_menu.addAction("")
            action.setCheckable(True)
            action.setChecked(QSettings().value("ui/language", "system") == code)
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(action)
            self.language_actions[code] = action

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Workbench — {0}").format(self.project.root.name))
        self.library_dock.setWindowTitle(self.tr("Library"))
        self.search_dock.setWindowTitle(self.tr("Search"))
        self.annotations.retranslate()
        self.codebook.retranslate()
        self.codebook_dock.setWindowTitle(self.tr("Codebook"))
        self.annotations_dock.setWindowTitle(self.tr("Tagged passages"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.tag_action.setText(self.tr("Tag selection…"))
        self.undo_action.setText(self.tr("Undo"))
        self.redo_action.setText(self.tr("Redo"))
        self.swap_action.setText(self.tr("Swap panes"))
        self.link_action.setText(self.tr("Link scrolling"))
        self.file_menu.setTitle(self.tr("&File"))
        self.new_action.setText(self.tr("New project…"))
        self.open_action.setText(self.tr("Open project…"))
        self.recent_menu.setTitle(self.tr("Recent projects"))
        self.add_files_action.setText(self.tr("Add documents…"))
        self.add_folder_action.setText(self.tr("Add folder…"))
        self.export_action.setText(self.tr("Export tagged passages…"))
        self.quit_action.setText(self.tr("Quit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("Language"))
        self.language_actions["system"].setText(self.tr("System default"))
        self.language_actions["ko"].setText("한국어")
        self.language_actions["en"].setText("English")
        self.cancel_button.setText(self.tr("Cancel"))
        label = lambda kind: entity_service.type_label(kind, self.language)  # noqa: E731
        for widget in (self.legend, self.library, self.left, self.right):
            widget.type_label = label
        self.legend.retranslate()
        self.library.retranslate()
        self._fill_recent()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, choice: str) -> None:
        self.language = apply_language(choice)
        self.retranslate()

    # --- settings -----------------------------------------------------------------

    def _restore(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        state = settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        self.link_action.setChecked(settings.value("reader/linked", False, bool))

    def closeEvent(self, event) -> None:  # noqa: N802
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("reader/linked", self.link_action.isChecked())
        self.runner.cancel_all()
        super().closeEvent(event)

    def _remember_project(self, root: Path) -> None:
        settings = QSettings()
        recent = [str(root)] + [p for p in (settings.value(RECENT_KEY, [], list) or []) if p != str(root)]
        settings.setValue(RECENT_KEY, recent[:10])
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in QSettings().value(RECENT_KEY, [], list) or []:
            self.recent_menu.addAction(path, lambda p=path: self.switch_project(Path(p)))

    # --- start-up and project -----------------------------------------------------

    def start(self) -> None:
        """Seed the default project on first launch (in the background), then list."""
        self.search_panel.set_project(self.project)
        if needs_seeding(self.project):
            self.status_label.setText(self.tr("Adding the sample documents…"))
            self.run_task("seed", lambda token: seed_default_project(self.project), lambda _r: self.refresh())
        else:
            self.refresh()

    def refresh(self) -> None:
        docs = list_documents(self.project)
        self.library.set_documents(docs)
        self.library.set_facets(entity_service.facets(self.project))
        self.status_label.setText(self.tr("{0} documents in {1}").format(len(docs), str(self.project.root)))
        if docs and self.left.doc_id is None:
            self.open_in("left", docs[0].id)
        self.refresh_annotations()
        self.ready.emit()

    def switch_project(self, root: Path) -> None:
        try:
            project = open_project(root)
        except WorkbenchError as exc:
            self.report_error(exc)
            return
        self.project = project
        for pane in (self.left, self.right):
            pane.doc_id = None
            pane.view.clear()
        self._remember_project(project.root)
        self.retranslate()
        self.start()

    def new_project(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the new project"))
        if folder:
            self.switch_project(Path(folder))

    def choose_project(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open a project folder"))
        if folder:
            self.switch_project(Path(folder))

    def add_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add documents"), "",
            self.tr("Documents") + " (*.txt *.md *.html *.htm *.docx *.pdf *.hwp *.hwpx);;* (*)")
        if files:
            self.ingest_paths(files)

    def add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of documents"))
        if folder:
            self.ingest_paths([folder])

    def ingest_paths(self, paths: list[str]) -> Task:
        project = self.project

        def done(report) -> None:
            self.refresh()
            dialog = IngestReportDialog(report, self.language, self)
            dialog.show()
            self.last_ingest_dialog = dialog

        return self.run_task("ingest", lambda token: ingest(project, paths, cancel=token), done)

    # --- tasks ---------------------------------------------------------------------

    def run_task(self, name: str, factory, on_done) -> Task:
        task = self.runner.prepare(name, factory)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        task.progress.connect(self._on_progress)
        task.failed.connect(self.report_error)
        task.finished.connect(on_done)
        self.runner.submit(task)
        return task

    def _on_progress(self, progress) -> None:
        self.progress.setRange(0, max(progress.total, 1))
        self.progress.setValue(progress.done)
        if progress.message:
            stage = {"read": self.tr("Reading {0}"), "entities": self.tr("Finding entities"),
                     "index": self.tr("Indexing {0}")}.get(progress.stage, "{0}")
            self.status_label.setText(stage.format(progress.message))

    def _task_done(self, *_args) -> None:
        if not self.runner.active:
            self.progress.hide()
            self.cancel_button.hide()

    def report_error(self, exc: Exception) -> None:
        text = exc.localized(self.language) if isinstance(exc, WorkbenchError) else f"{type(exc).__name__}: {exc}"
        self.status_label.setText(text)
        QMessageBox.warning(self, self.tr("Workbench"), text)

    # --- reading -------------------------------------------------------------------

    def pane(self, side: str) -> ReaderPane:
        return self.left if side == "left" else self.right

    def open_in(self, side: str, doc_id: int) -> float:
        """Open a document in a pane; returns milliseconds taken."""
        pane = self.pane(side)
        try:
            view = show_document(self.project, str(doc_id))
            _, mentions = entity_service.entities_of(self.project, str(doc_id))
        except WorkbenchError as exc:
            self.report_error(exc)
            return 0.0
        ms = pane.load(view, mentions, self.legend.enabled())
        self._mark_hits(pane)
        self._shade(pane)
        return ms

    def show_hit(self, hit, side: str = "right") -> None:
        pane = self.pane(side)
        if pane.doc_id != hit.doc_id:
            self.open_in(side, hit.doc_id)
        self._mark_hits(pane)
        start, end = (hit.matches[0] if hit.matches else (hit.start, hit.start))
        pane.goto(start, end)

    def _mark_hits(self, pane: ReaderPane) -> None:
        result = self._last_result
        if result is None or pane.doc_id is None:
            return
        hits = [h for h in result.hits if h.doc_id == pane.doc_id] + [d.best for d in result.docs
                                                                       if d.doc_id == pane.doc_id]
        pane.show_hits(sorted({m for h in hits for m in h.matches}))

    def _search_finished(self, result) -> None:
        if isinstance(result, Exception):
            return
        self._last_result = result
        for pane in (self.left, self.right):
            self._mark_hits(pane)

    def run_search(self, query: str) -> None:
        self.search_dock.show()
        self.search_panel.run_query(query)

    def swap_panes(self) -> None:
        left, right = self.left.doc_id, self.right.doc_id
        left_at, right_at = self.left.first_visible_offset(), self.right.first_visible_offset()
        if right is not None:
            self.open_in("left", right)
            self.left.goto(right_at)
        if left is not None:
            self.open_in("right", left)
            self.right.goto(left_at)

    def _linked_scroll(self, source: ReaderPane, target: ReaderPane) -> None:
        if not self.link_action.isChecked() or self._linking or target.doc_id is None:
            return
        self._linking = True
        try:
            bar, other = source.view.verticalScrollBar(), target.view.verticalScrollBar()
            fraction = bar.value() / bar.maximum() if bar.maximum() else 0.0
            other.setValue(int(fraction * other.maximum()))
        finally:
            self._linking = False

    def _types_changed(self, enabled: set) -> None:
        for pane in (self.left, self.right):
            pane.set_enabled_types(enabled)

    # --- entity corrections ------------------------------------------------------------

    def _mention_action(self, action: str, mention) -> None:
        if action == "show":
            name = mention.canonical
            self.run_search(f'entity:"{name}"' if " " in name else f"entity:{name}")
            return
        project, pane = self.project, self.sender().pane
        if action.startswith("type:"):
            job = lambda token: _as_job(entity_service.set_type, project, mention.canonical, action[5:])  # noqa: E731
        elif action == "reject_span":
            job = lambda token: _as_job(entity_service.reject_span, project, str(pane.doc_id),  # noqa: E731
                                        mention.start, mention.end)
        else:
            job = lambda token: _as_job(entity_service.reject_name, project, mention.text)  # noqa: E731
        self.run_task("correct", job, lambda _r: self._after_correction())

    def _add_entity(self, text: str) -> None:
        kinds = ["ORG", "PERSON", "LOCATION", "PRODUCT", "LAW"]
        labels = [entity_service.type_label(k, self.language) for k in kinds]
        choice, ok = QInputDialog.getItem(self, self.tr("Add as an entity"), self.tr("Type of “{0}”").format(text),
                                          labels, 0, False)
        if ok:
            kind = kinds[labels.index(choice)]
            project = self.project
            self.run_task("add-entity", lambda token: _as_job(entity_service.add_entity, project, text, kind),
                          lambda _r: self._after_correction())

    def _after_correction(self) -> None:
        self.library.set_facets(entity_service.facets(self.project))
        for side in ("left", "right"):
            pane = self.pane(side)
            if pane.doc_id is not None:
                at = pane.first_visible_offset()
                self.open_in(side, pane.doc_id)
                pane.goto(at)
        self.status_label.setText(self.tr("Entities updated"))


    # --- tagged passages ------------------------------------------------------------------

    def refresh_annotations(self) -> None:
        self._annotation_rows = annotation_service.annotation_table(self.project)
        self._tag_colours = annotation_service.tag_colors(self.project)
        self.annotations.set_rows(self._annotation_rows, list(self._tag_colours))
        self.codebook.set_tags(annotation_service.codebook(self.project))
        for pane in (self.left, self.right):
            self._shade(pane)

    def _shade(self, pane: ReaderPane) -> None:
        rows = getattr(self, "_annotation_rows", None)
        if rows is not None and pane.doc_id is not None:
            pane.set_annotations([r for r in rows if r["doc_id"] == pane.doc_id], self._tag_colours)

    def tag_selection(self, pane: ReaderPane | None = None, tags: list[str] | None = None,
                      note: str | None = None) -> bool:
        """Tag the selected text of a pane (the focused one by default) through the picker."""
        pane = pane or (self.right if self.right.view.hasFocus() else self.left)
        span = pane.view.selection_offsets()
        if span is None or pane.doc_id is None or span[0] == span[1]:
            self.status_label.setText(self.tr("Select some text to tag first"))
            return False
        if tags is None:
            picker = TagPickerDialog([t.path for t in annotation_service.codebook(self.project)],
                                     pane.text[span[0]:span[1]], parent=self)
            if not picker.exec():
                return False
            tags, note = picker.chosen, picker.note_text()
        self.undo_stack.push(TagCommand(self.project, pane.doc_id, span[0], span[1], tags, note or "",
                                        self.refresh_annotations))
        return True

    def _reattach(self, row: dict) -> None:
        """Place an (orphaned) annotation on the text selected in the pane showing its document."""
        pane = next((p for p in (self.left, self.right) if p.doc_id == row["doc_id"]
                     and p.view.selection_offsets()), None)
        if pane is None:
            self.status_label.setText(self.tr("Select the new place of the passage in its document first"))
            return
        start, end = pane.view.selection_offsets()
        self.undo_stack.push(ReattachCommand(self.project, row["id"], start, end, self.refresh_annotations))

    def open_export(self):
        from workbench.ui.export_dialog import ExportDialog

        dialog = ExportDialog(self.project, self.runner, self.search_panel.query.currentText().strip(), self)
        dialog.show()
        self.export_dialog = dialog
        return dialog

    def _codebook_command(self, label: str, change) -> None:
        """An undoable codebook change; an empty label is a read-only action (export)."""
        project = self.project
        if not label:
            try:
                change(annotation_service, project)
            except WorkbenchError as exc:
                self.report_error(exc)
            return
        self.undo_stack.push(CodebookCommand(project, label, lambda: change(annotation_service, project),
                                             self.refresh_annotations, self.report_error))

    def _jump_to_annotation(self, row: dict) -> None:
        side = "left" if self.left.doc_id == row["doc_id"] or self.right.doc_id != row["doc_id"] else "right"
        if self.pane(side).doc_id != row["doc_id"]:
            self.open_in(side, row["doc_id"])
        self.pane(side).goto(row["start"], row["end"])

    def _edit_annotation(self, row: dict) -> None:
        picker = TagPickerDialog([t.path for t in annotation_service.codebook(self.project)], row["quote"],
                                 chosen=row["tags"], note=row["note"], parent=self)
        if picker.exec():
            self.undo_stack.push(EditCommand(self.project, row["id"], (row["tags"], row["note"]),
                                             (picker.chosen, picker.note_text()), self.refresh_annotations))


def _as_job(function, *args):
    """Run a plain service call as a task (it yields nothing, returns its value)."""
    return function(*args)
    yield  # pragma: no cover - makes this a generator
