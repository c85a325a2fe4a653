"""The main window: library and search docks around two reader panes.

The window only assembles: it builds the widgets, docks and menus and hands
them to one controller per feature (``ui/controllers``: project, reading,
tagging, entities, status). The controllers learn about every change to
the project from one :class:`ProjectEvents` object. Strings go through tr();
dock and window layout are remembered (QSettings).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QRect, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QSplitter, QToolBar, QVBoxLayout, QWidget

from workbench.services import entities as entity_service
from workbench.store.project import Project
from workbench.ui.analysis_menu import AnalysisMenu
from workbench.ui.annotations_panel import AnnotationsPanel
from workbench.ui.codebook_panel import CodebookPanel
from workbench.ui.charts.panel import ChartsPanel
from workbench.ui.controllers.charts import ChartsController
from workbench.ui.controllers.documents import DocumentsController
from workbench.ui.controllers.entities import EntityController
from workbench.ui.controllers.importing import ImportController
from workbench.ui.controllers.project import ProjectController
from workbench.ui.controllers.reading import DropPane, ReadingController
from workbench.ui.controllers.session import SessionController
from workbench.ui.controllers.status import StatusController
from workbench.ui.controllers.tagging import TaggingController
from workbench.ui.events import ProjectEvents
from workbench.ui.help import GuideDialog, ShortcutsDialog, show_about
from workbench.ui.i18n import apply_language, effective_language
from workbench.ui.legend import Legend
from workbench.ui.library import LibraryPanel
from workbench.ui.search_panel import SearchPanel
from workbench.ui.tasks import TaskRunner


def _keys(*keys) -> list[QKeySequence]:
    """Shortcuts from standard keys and key strings, without duplicates (a key
    registered twice is an "ambiguous shortcut" that does nothing)."""
    out: list[QKeySequence] = []
    for key in keys:
        for sequence in (QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey)
                         else [QKeySequence(key)]):
            if not sequence.isEmpty() and sequence.toString() not in {s.toString() for s in out}:
                out.append(sequence)
    return out


LAYOUT_VERSION = 3  # bump when the docks change: an older saved layout is then not restored


class MainWindow(QMainWindow):
    ready = Signal()  # documents listed and nothing left loading
    document_opened = Signal(str, int, float)  # pane, doc id, milliseconds

    def __init__(self, project: Project, runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.runner = runner or TaskRunner(self)
        self.events = ProjectEvents(project, self.runner, self)
        self.language = effective_language()
        self._docks_wanted: dict[QDockWidget, QSize] = {}  # dock sizes kept across language switches
        self._docks_switched: dict[QDockWidget, QSize] = {}  # … and what they were right after the last one
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks
                            | QMainWindow.DockOption.AllowNestedDocks)

        # Widgets and docks.
        self.library = LibraryPanel()
        self.search_panel = SearchPanel(self.runner)
        self.annotations = AnnotationsPanel()
        self.codebook = CodebookPanel()
        self.library_dock = self._dock("library", self.library, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.search_dock = self._dock("search", self.search_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.annotations_dock = self._dock("annotations", self.annotations, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.codebook_dock = self._dock("codebook", self.codebook, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.charts_panel = ChartsPanel()
        self.charts_dock = self._dock("charts", self.charts_panel, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.annotations_dock, self.charts_dock)
        self.annotations_dock.raise_()
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
        self.documents = DocumentsController(self.events, self.library, self.tagging.undo_stack, self)
        self.charts = ChartsController(self.events, self.runner, self.charts_panel, self.reading, self.annotations, self)
        self.documents.failed.connect(self.status.report_error)
        self.documents.message.connect(self.status.show_message)
        self._build_actions()
        self.project_ctl = ProjectController(self, self.events, self.runner, self.library, self.recent_menu)
        self.importer = ImportController(self, self.events, self.runner, self.codebook)
        self.analysis = AnalysisMenu(self, self.help_menu)
        self.session = SessionController(self.events, self.reading, self.search_panel, self)
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
        project.opened_first_document.connect(self._show_first)
        project.ready.connect(self.ready)
        for source in (reading, tagging, project, self.importer):
            source.failed.connect(status.report_error)
        for source in (tagging, self.entities, project, self.charts, self.importer):
            source.message.connect(status.show_message)
        for source in (tagging, self.entities, self.charts):
            source.search.connect(self.run_search)
        self.search_panel.finished.connect(
            lambda result: setattr(self.charts, "current_query", getattr(result, "query", "") or ""))

    def _build_actions(self) -> None:
        reading, tagging = self.reading, self.tagging
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("main-toolbar")
        self.addToolBar(self.toolbar)
        self.swap_action = self._action(reading.swap, "Ctrl+Shift+S")
        self.link_action = self._action(None, "Ctrl+Shift+L")
        self.link_action.setCheckable(True)
        self.link_action.toggled.connect(lambda on: setattr(reading, "linked", on))
        self.focus_search = self._action(lambda: self.search_panel.query.setFocus(), "Ctrl+K")
        self.tag_action = self._action(lambda: tagging.tag_selection(), "Ctrl+T")
        self.find_action = self._action(lambda: reading.focused().show_find(), QKeySequence.StandardKey.Find)
        for action in (self.tag_action, self.swap_action, self.link_action):
            self.toolbar.addAction(action)

        menu = self.menuBar()
        self.file_menu = menu.addMenu("")
        self.new_action = self.file_menu.addAction("", lambda: self.project_ctl.new_project())
        self.open_action = self.file_menu.addAction("", lambda: self.project_ctl.choose_project())
        self.recent_menu = self.file_menu.addMenu("")
        self.recent_menu.setObjectName("recent-projects")  # its items are folder paths
        self.file_menu.addSeparator()
        self.add_files_action = self._action(lambda: self.project_ctl.add_files(), QKeySequence.StandardKey.Open)
        self.add_folder_action = self._action(lambda: self.project_ctl.add_folder())
        self.import_action = self._action(lambda: self.importer.choose())
        self.export_action = self._action(self.open_export, "Ctrl+E")
        self.print_action = self._action(self.print_document, QKeySequence.StandardKey.Print)
        self.pdf_action = self._action(self.save_pdf, "Ctrl+Shift+P")
        self.quit_action = self._action(self.close, QKeySequence.StandardKey.Quit, "Ctrl+Q")
        for action in (self.add_files_action, self.add_folder_action, self.import_action, None,
                       self.export_action, None, self.print_action, self.pdf_action, None, self.quit_action):
            self.file_menu.addSeparator() if action is None else self.file_menu.addAction(action)

        self.edit_menu = menu.addMenu("")
        self.undo_action = tagging.undo_stack.createUndoAction(self)
        self.undo_action.setShortcuts(_keys(QKeySequence.StandardKey.Undo))
        self.redo_action = tagging.undo_stack.createRedoAction(self)
        self.redo_action.setShortcuts(_keys(QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y"))
        for action in (self.undo_action, self.redo_action, None, self.tag_action, self.find_action,
                       self.focus_search):
            self.edit_menu.addSeparator() if action is None else self.edit_menu.addAction(action)

        self.view_menu = menu.addMenu("")
        for dock in (self.library_dock, self.search_dock, self.annotations_dock, self.codebook_dock):
            self.view_menu.addAction(dock.toggleViewAction())
        self.view_menu.addAction(self.charts_dock.toggleViewAction())
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.swap_action)
        self.view_menu.addAction(self.link_action)
        self.reset_layout_action = self.view_menu.addAction("", lambda: self.reset_layout())
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

        self.help_menu = menu.addMenu("")
        self.guide_action = self._action(self.show_guide, QKeySequence.StandardKey.HelpContents, "F1")
        self.shortcuts_action = self._action(self.show_shortcuts, "Ctrl+/")
        self.about_action = self._action(lambda: show_about(self))
        for action in (self.guide_action, self.shortcuts_action, None, self.about_action):
            self.help_menu.addSeparator() if action is None else self.help_menu.addAction(action)

    def _action(self, slot, *keys) -> QAction:
        """A window action with its shortcuts, each registered once."""
        action = QAction(self)
        if slot is not None:
            action.triggered.connect(lambda _=False: slot())
        if keys:
            action.setShortcuts(_keys(*keys))
        self.addAction(action)
        return action

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Workbench — {0}").format(self.project.root.name))
        self.library_dock.setWindowTitle(self.tr("Library"))
        self.search_dock.setWindowTitle(self.tr("Search"))
        self.annotations.retranslate()
        self.codebook.retranslate()
        self.codebook_dock.setWindowTitle(self.tr("Codebook"))
        self.annotations_dock.setWindowTitle(self.tr("Tagged passages"))
        self.charts_dock.setWindowTitle(self.tr("Charts"))
        self.charts_panel.retranslate()
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
        self.import_action.setText(self.tr("Import REFI-QDA project…"))
        self.export_action.setText(self.tr("Export tagged passages…"))
        self.print_action.setText(self.tr("Print document…"))
        self.pdf_action.setText(self.tr("Save document as PDF…"))
        self.quit_action.setText(self.tr("Quit"))
        self.find_action.setText(self.tr("Find in document"))
        self.focus_search.setText(self.tr("Go to the search box"))
        self.reset_layout_action.setText(self.tr("Reset window layout"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.analysis.retranslate()
        self.guide_action.setText(self.tr("User guide"))
        self.shortcuts_action.setText(self.tr("Keyboard shortcuts"))
        self.about_action.setText(self.tr("About Workbench"))
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
        self.charts.retranslate(self.language)
        self.entities.language = self.language
        self.legend.retranslate()
        self.library.retranslate()
        self.project_ctl.fill_recent()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, choice: str) -> None:
        """Switch the UI's language and keep the docks as they were.

        Qt posts the language change to each widget, so panels take their new
        words after this returns, and a dock whose panel needs more room in
        the other language grows (the search dock, 280 → 342 px): switching
        back did not shrink it. The new words are let in first, then each dock
        is given back the size it had — or, if the analyst has not touched it
        since the last switch, the size it had before that one.
        """
        now = self._dock_sizes()
        wanted = {dock: self._docks_wanted.get(dock, size) if self._docks_switched.get(dock) == size else size
                  for dock, size in now.items()}
        self.language = apply_language(choice)
        self.retranslate()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self._put_docks(wanted)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self._docks_wanted, self._docks_switched = wanted, self._dock_sizes()

    def _dock_sizes(self) -> dict[QDockWidget, QSize]:
        """The docks on screen (a tab behind another is moved out of sight, still "visible")."""
        return {dock: dock.size() for dock in self.findChildren(QDockWidget)
                if dock.isVisible() and not dock.isFloating() and not dock.visibleRegion().isEmpty()}

    def _put_docks(self, sizes: dict[QDockWidget, QSize]) -> None:
        """Each dock to its size: across its area first (a side dock's width), then
        along it where docks share the area (the library above the codebook)."""
        side = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)
        areas: dict = {}
        for dock in sizes:
            areas.setdefault(self.dockWidgetArea(dock), []).append(dock)
        for across in (True, False):
            for area, docks in areas.items():
                if not across and len(docks) < 2:
                    continue
                horizontal = (area in side) == across
                self.resizeDocks(docks, [sizes[d].width() if horizontal else sizes[d].height() for d in docks],
                                 Qt.Orientation.Horizontal if horizontal else Qt.Orientation.Vertical)

    # --- start-up, settings ------------------------------------------------------------

    def start(self) -> None:
        """Show the project: seed it on first launch, list it, keep its index in step."""
        self.search_panel.set_project(self.project)
        self.tagging.refresh()
        self.entities.refresh()
        self.charts.refresh_documents()
        self.project_ctl.start()

    def _show_first(self, doc_id: int) -> None:
        """The last session's documents and query, or else the project's first document."""
        if not self.session.restore() and self.left.doc_id is None:
            self.reading.open_in("left", doc_id)

    def _project_opened(self, _project: Project) -> None:
        self.search_panel.set_project(self.project)
        self.retranslate()

    def _restore(self) -> None:
        """The saved layout if there is one, else one chosen for the screen; either way
        the window fits the screen it is on."""
        settings = QSettings()
        geometry = settings.value("window/geometry")
        state = settings.value("window/state")
        restored = isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)
        if not (isinstance(state, QByteArray) and self.restoreState(state, LAYOUT_VERSION)):
            self.default_layout(self._available())
        self.fit_to(self._available(), resize=not restored)
        self.link_action.setChecked(settings.value("reader/linked", False, bool))

    def _available(self) -> QRect:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)

    def default_layout(self, available: QRect) -> None:
        """Docks arranged for the screen: on a laptop the library and codebook share
        one dock as tabs and the side docks are narrow, leaving the readers room."""
        small = available.width() < 1600 or available.height() < 900
        if small:
            self.tabifyDockWidget(self.library_dock, self.codebook_dock)
            self.library_dock.raise_()
        side = 240 if small else 300
        self.resizeDocks([self.library_dock, self.search_dock], [side, side + 40], Qt.Orientation.Horizontal)
        self.resizeDocks([self.annotations_dock], [150 if small else 220], Qt.Orientation.Vertical)

    def fit_to(self, available: QRect, resize: bool = False) -> None:
        """Keep the window on the screen (a layout saved on a large monitor, opened on a laptop)."""
        margin_w, margin_h = 16, 48  # the window manager's frame and title bar
        # A laptop gets the whole screen; a large monitor nine tenths of it.
        large = available.width() >= 1600
        default_w = int(available.width() * 0.9) if large else available.width()
        default_h = int(available.height() * 0.9) if large else available.height()
        width = min(self.width() if not resize else default_w, available.width() - margin_w)
        height = min(self.height() if not resize else default_h, available.height() - margin_h)
        if resize or width < self.width() or height < self.height():
            self.resize(max(width, 640), max(height, 480))
        x = min(max(self.x(), available.x()), available.right() - self.width() - margin_w)
        y = min(max(self.y(), available.y()), available.bottom() - self.height() - margin_h)
        self.move(max(x, available.x()), max(y, available.y()))

    def closeEvent(self, event) -> None:  # noqa: N802
        self.session.save()
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState(LAYOUT_VERSION))
        settings.setValue("reader/linked", self.link_action.isChecked())
        self.runner.cancel_all()
        for dialog in self.findChildren(QMessageBox):  # an error box does not outlive its window
            dialog.close()
        super().closeEvent(event)

    # --- actions that open other windows ------------------------------------------------

    def reset_layout(self) -> None:
        for dock in (self.library_dock, self.codebook_dock, self.search_dock, self.annotations_dock, self.charts_dock):
            dock.setFloating(False)
            dock.show()
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.codebook_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.search_dock)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.annotations_dock)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.charts_dock)
        self.tabifyDockWidget(self.annotations_dock, self.charts_dock)
        self.annotations_dock.raise_()
        self.default_layout(self._available())

    def show_guide(self) -> GuideDialog:
        dialog = GuideDialog(self.language, self)
        dialog.show()
        return dialog

    def show_shortcuts(self) -> ShortcutsDialog:
        """In menu order, then the panels' own (the library's Ctrl+I)."""
        actions = [a for menu in (self.file_menu, self.edit_menu, self.view_menu, self.analysis.menu, self.help_menu)
                   for a in menu.actions()]
        actions += [a for a in self.findChildren(QAction) if a not in actions]
        dialog = ShortcutsDialog(actions, self)
        dialog.show()
        return dialog

    def _type_label(self, kind: str) -> str:
        return entity_service.type_label(kind, self.language)

    def print_document(self) -> None:
        pane = self.reading.focused()
        if pane.doc_id is None:
            self.status.show_message(self.tr("Open a document to print first"))
            return
        from workbench.ui.printing import print_pane

        print_pane(pane, self, self._type_label)

    def save_pdf(self, path: str | None = None):
        """Save the current pane's document as PDF, with its highlights."""
        pane = self.reading.focused()
        if pane.doc_id is None:
            self.status.show_message(self.tr("Open a document to save first"))
            return None
        if path is None:
            from PySide6.QtWidgets import QFileDialog

            from workbench.ui.printing import pdf_name

            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save document as PDF"), pdf_name(pane.title.text()),
                                                  "PDF (*.pdf)")
            if not path:
                return None
        from PySide6.QtGui import QGuiApplication as _App

        from workbench.ui.printing import save_pdf

        _App.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = save_pdf(pane, Path(path), self._type_label)
        except OSError as exc:
            self.status.report_error(exc)
            return None
        finally:
            _App.restoreOverrideCursor()
        self.status.show_message(self.tr("Saved {0}").format(str(written)))
        return written

    def run_search(self, query: str) -> None:
        self.search_dock.show()
        self.search_panel.run_query(query)

    def open_export(self):
        from workbench.ui.export_dialog import ExportDialog

        dialog = ExportDialog(self.project, self.runner, self.search_panel.query.currentText().strip(), self)
        dialog.show()
        self.export_dialog = dialog
        return dialog
