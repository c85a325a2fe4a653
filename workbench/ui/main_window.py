"""The main window: library and search docks around two reader panes.

The window only assembles: it builds the widgets, docks and menus and hands
them to one controller per feature (``ui/controllers``: project, reading,
tagging, entities, status). The controllers learn about every change to
the project from one :class:`ProjectEvents` object. Strings go through tr();
dock and window layout are remembered (QSettings).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QToolBar, QVBoxLayout, QWidget

from workbench.services import entities as entity_service
from workbench.store.project import Project
from workbench.ui.annotations_panel import AnnotationsPanel
from workbench.ui.codebook_panel import CodebookPanel
from workbench.ui.controllers.entities import EntityController
from workbench.ui.controllers.project import ProjectController
from workbench.ui.controllers.reading import DropPane, ReadingController
from workbench.ui.controllers.status import StatusController
from workbench.ui.controllers.tagging import TaggingController
from workbench.ui.events import ProjectEvents
from workbench.ui.i18n import apply_language, effective_language
from workbench.ui.legend import Legend
from workbench.ui.library import LibraryPanel
from workbench.ui.search_panel import SearchPanel
from workbench.ui.tasks import TaskRunner


class MainWindow(QMainWindow):
    ready = Signal()  # documents listed and nothing left loading
    document_opened = Signal(str, int, float)  # pane, doc id, milliseconds

    def __init__(self, project: Project, runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.runner = runner or TaskRunner(self)
        self.events = ProjectEvents(project, self.runner, self)
        self.language = effective_language()
        self.resize(1500, 900)

        # Widgets and docks.
        self.library = LibraryPanel()
        self.search_panel = SearchPanel(self.runner)
        self.annotations = AnnotationsPanel()
        self.codebook = CodebookPanel()
        self.library_dock = self._dock("library", self.library, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.search_dock = self._dock("search", self.search_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.annotations_dock = self._dock("annotations", self.annotations, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.codebook_dock = self._dock("codebook", self.codebook, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.legend = Legend()
        self.left, self.right = DropPane("left"), DropPane("right")
        self.panes = QSplitter(Qt.Orientation.Horizontal)
        self.panes.addWidget(self.left)
        self.panes.addWidget(self.right)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.legend)
        layout.addWidget(self.panes, 1)
        self.setCentralWidget(central)

        # Controllers, one per feature.
        self.status = StatusController(self, self.runner, self.events)
        self.reading = ReadingController(self.events, self.left, self.right, self.legend, self)
        self.tagging = TaggingController(self.events, self.reading, self.annotations, self.codebook, self)
        self.entities = EntityController(self.events, self.runner, self.reading, self.library, self)
        self._build_actions()
        self.project_ctl = ProjectController(self, self.events, self.runner, self.library, self.recent_menu)
        self._connect()
        self._restore()
        self.retranslate()

    @property
    def project(self) -> Project:
        return self.events.project

    # --- construction -------------------------------------------------------------

    def _dock(self, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _connect(self) -> None:
        reading, tagging, project, status = self.reading, self.tagging, self.project_ctl, self.status
        self.library.open_document.connect(lambda doc_id, side: reading.open_in(side, doc_id))
        self.library.facet_query.connect(self.run_search)
        self.search_panel.hit_activated.connect(reading.show_hit)
        self.search_panel.finished.connect(reading.search_finished)
        self.search_panel.index_needed.connect(project.keep_index_in_step)
        self.events.changed.connect(self.search_panel.project_changed)
        self.events.project_opened.connect(self._project_opened)
        reading.document_opened.connect(self.document_opened)
        project.opened_first_document.connect(
            lambda doc_id: reading.open_in("left", doc_id) if self.left.doc_id is None else None)
        project.ready.connect(self.ready)
        for source in (reading, tagging, project):
            source.failed.connect(status.report_error)
        for source in (tagging, self.entities, project):
            source.message.connect(status.show_message)
        for source in (tagging, self.entities):
            source.search.connect(self.run_search)

    def _build_actions(self) -> None:
        reading, tagging = self.reading, self.tagging
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("main-toolbar")
        self.addToolBar(self.toolbar)
        self.swap_action = QAction(self, shortcut=QKeySequence("Ctrl+Shift+S"), triggered=reading.swap)
        self.link_action = QAction(self, checkable=True, shortcut=QKeySequence("Ctrl+Shift+L"))
        self.link_action.toggled.connect(lambda on: setattr(reading, "linked", on))
        self.focus_search = QAction(self, shortcut=QKeySequence("Ctrl+K"),
                                    triggered=lambda: self.search_panel.query.setFocus())
        self.tag_action = QAction(self, shortcut=QKeySequence("Ctrl+T"), triggered=lambda: tagging.tag_selection())
        self.toolbar.addAction(self.tag_action)
        self.toolbar.addAction(self.swap_action)
        self.toolbar.addAction(self.link_action)
        self.addAction(self.focus_search)

        menu = self.menuBar()
        self.file_menu = menu.addMenu("")
        self.new_action = self.file_menu.addAction("", lambda: self.project_ctl.new_project())
        self.open_action = self.file_menu.addAction("", lambda: self.project_ctl.choose_project())
        self.recent_menu = self.file_menu.addMenu("")
        self.file_menu.addSeparator()
        self.add_files_action = self.file_menu.addAction("", lambda: self.project_ctl.add_files())
        self.add_folder_action = self.file_menu.addAction("", lambda: self.project_ctl.add_folder())
        self.file_menu.addSeparator()
        self.export_action = self.file_menu.addAction("", self.open_export)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.file_menu.addSeparator()
        self.quit_action = self.file_menu.addAction("", self.close)
        self.edit_menu = menu.addMenu("")
        self.undo_action = tagging.undo_stack.createUndoAction(self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = tagging.undo_stack.createRedoAction(self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addAction(self.tag_action)
        self.view_menu = menu.addMenu("")
        for dock in (self.library_dock, self.search_dock, self.annotations_dock, self.codebook_dock):
            self.view_menu.addAction(dock.toggleViewAction())
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
        self.status.retranslate()
        label = lambda kind: entity_service.type_label(kind, self.language)  # noqa: E731
        for widget in (self.legend, self.library):
            widget.type_label = label
        self.reading.retranslate(label)
        self.entities.language = self.language
        self.legend.retranslate()
        self.library.retranslate()
        self.project_ctl.fill_recent()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, choice: str) -> None:
        self.language = apply_language(choice)
        self.retranslate()

    # --- start-up, settings ------------------------------------------------------------

    def start(self) -> None:
        """Show the project: seed it on first launch, list it, keep its index in step."""
        self.search_panel.set_project(self.project)
        self.tagging.refresh()
        self.entities.refresh()
        self.project_ctl.start()

    def _project_opened(self, _project: Project) -> None:
        self.search_panel.set_project(self.project)
        self.retranslate()

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

    # --- actions that open other windows ------------------------------------------------

    def run_search(self, query: str) -> None:
        self.search_dock.show()
        self.search_panel.run_query(query)

    def open_export(self):
        from workbench.ui.export_dialog import ExportDialog

        dialog = ExportDialog(self.project, self.runner, self.search_panel.query.currentText().strip(), self)
        dialog.show()
        self.export_dialog = dialog
        return dialog
