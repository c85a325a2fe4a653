"""The search panel: a query box with history, passage or document results
with highlighted snippets, counts and the alias expansions that were applied.

Searches run in the task runner (Kiwi's first load takes seconds); results
are added to the model in batches so a long list never freezes the window.
The list holds a page of hits at a time (:data:`PAGE`): when there are more,
the status says how many of how many are shown and a button under the list
shows the next page, which continues the same ranking.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QCompleter, QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget,
)

from workbench.core.errors import IndexNotReadyError, WorkbenchError
from workbench.core.progress import Progress
from workbench.services.search import search
from workbench.ui.results_model import HitRole, HtmlDelegate, ResultsModel
from workbench.ui.i18n import effective_language
from workbench.ui.tasks import TaskRunner

BATCH = 25
PAGE = 300  # hits (or documents) a search lists; "Show N more" lists the next ones
HISTORY_KEY = "search/history"


class SearchPanel(QWidget):
    hit_activated = Signal(object, str)  # Hit, "left" | "right"
    finished = Signal(object)  # SearchResult (or an exception)
    index_needed = Signal()  # the index cannot be searched yet: build it
    autocode_requested = Signal(str)  # tag every hit of this query (the auto-code dialog)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.project = None
        self.result = None  # the shown search, its pages merged as they come
        self.page = PAGE
        self._pending: list = []
        self._loading_more = False
        self._waiting_for_index = False  # a search is waiting for the index to be built
        self._stale = False  # documents changed since the shown results were found

        self.query = QComboBox()
        self.query.setEditable(True)
        self.query.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.query.setCompleter(self._history_completer())
        self.query.lineEdit().returnPressed.connect(self.run)
        self.query.addItems(QSettings().value(HISTORY_KEY, [], list) or [])
        self.query.setCurrentText("")
        # Buttons send clicked(checked): every slot here takes it and ignores it.
        self.go = QPushButton()
        self.go.clicked.connect(lambda _checked=False: self.run())
        self.export_hits = QPushButton()
        self.export_hits.clicked.connect(lambda _checked=False: self.export_to_excel())
        self.autocode = QPushButton()
        self.autocode.setObjectName("search-autocode")
        self.autocode.clicked.connect(lambda _checked=False: self.autocode_requested.emit(self.query.currentText()))
        self.documents = QCheckBox()
        self.documents.toggled.connect(lambda _checked: self.run() if self.query.currentText().strip() else None)
        self.status = QLabel()
        self.status.setObjectName("search-status")  # counts, queries and names: data and words mixed
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.model = ResultsModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(HtmlDelegate(self.list))
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.activated.connect(lambda index: self._activate(index, "right"))
        self.list.doubleClicked.connect(lambda index: self._activate(index, "right"))
        self.more = QPushButton()  # under the list, where its end is
        self.more.setObjectName("search-more")
        self.more.clicked.connect(lambda _checked=False: self.show_more())
        self.more.hide()

        # The query box has a row of its own: it stays wide however narrow the dock.
        self.query.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.query.setMinimumContentsLength(16)
        buttons = QHBoxLayout()
        buttons.addWidget(self.documents, 1)
        buttons.addWidget(self.go)
        buttons.addWidget(self.export_hits)
        buttons.addWidget(self.autocode)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.query)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.more)
        self.retranslate()

    def _history_completer(self) -> QCompleter:
        """Earlier queries containing what is typed, in a list under the box.
        The editable combo's own completer is inline: it wrote the rest of an old
        query into the box, so Enter after "반도체" ran "반도체 AND 미국 -중국".
        A popup never changes the typed text unless an entry is picked."""
        completer = QCompleter(self.query.model(), self)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        return completer

    def retranslate(self) -> None:
        self.query.lineEdit().setPlaceholderText(self.tr('Search, e.g. 과기정통부 "AI 기본법" -중국 section:미국'))
        self.go.setText(self.tr("Search"))
        self.export_hits.setText(self.tr("Excel…"))
        self.export_hits.setToolTip(self.tr("Export the hits of this search to an Excel table"))
        self.autocode.setText(self.tr("Auto-code…"))
        self.autocode.setToolTip(self.tr("Tag every hit of this search: the words found, their sentence or "
                                         "paragraph (a preview first)"))
        self.documents.setText(self.tr("One line per document"))
        self.list.setToolTip(self.tr("Enter or double-click: open in the right pane; Ctrl+Enter: left pane"))
        if self.result is not None:
            self._show_status()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.list.hasFocus():
            side = "left" if event.modifiers() & Qt.KeyboardModifier.ControlModifier else "right"
            self._activate(self.list.currentIndex(), side)
            return
        super().keyPressEvent(event)

    def set_project(self, project) -> None:
        self.project = project
        self.result = None
        self.model.set_results([], False)
        self.status.clear()
        self.more.hide()

    def project_changed(self, changes) -> None:
        """Follow the project events: a newer index answers a search that was
        waiting for it (or that ran on an index still catching up); other
        changes only mark the shown results as possibly out of date."""
        if changes.index and (self._waiting_for_index or getattr(self.result, "index_behind", False)):
            self._waiting_for_index = False
            self.run()
        elif (changes.documents or changes.entities or changes.aliases) and self.result is not None:
            self._stale = True
            self._show_status()

    def run_query(self, text: str) -> None:
        self.query.setCurrentText(text)
        self.run()

    def run(self) -> None:
        text = self.query.currentText().strip()
        if not text or self.project is None:
            return
        self._remember(text)
        documents = self.documents.isChecked()
        project = self.project
        self.result = None  # the list is emptied for the new search
        self.status.setText(self.tr("Searching…"))
        self.model.set_results([], documents)
        self._pending = []
        self._loading_more = False
        self.more.hide()
        page = self.page

        def job(token):
            yield Progress(0, 1, text)
            return search(project, text, limit=page, docs=documents)

        # One search at a time: a newer one supersedes the running one, whose results are dropped.
        task = self.runner.prepare("search", job, key="search", quiet=True)
        task.finished.connect(self._show)
        task.failed.connect(self._failed)
        self.runner.submit(task)

    def export_to_excel(self, path: str | None = None):
        from workbench.services.export import export_hits

        text = self.query.currentText().strip()
        if not text or self.project is None:
            return None
        if path is None:
            from PySide6.QtWidgets import QFileDialog

            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export hits to"), "hits.xlsx", "Excel (*.xlsx)")
            if not path:
                return None
        project = self.project
        language = effective_language()  # the workbook in the window's language

        def job(token):
            yield Progress(0, 1, text)
            return export_hits(project, [text], path, language=language)

        task = self.runner.prepare("export-hits", job)
        task.finished.connect(lambda r: self.status.setText(self.tr("{0} hits written to {1}").format(r["hits"], r["path"])))
        task.failed.connect(self._failed)
        self.runner.submit(task)
        return task

    def _remember(self, text: str) -> None:
        items = [text] + [self.query.itemText(i) for i in range(self.query.count()) if self.query.itemText(i) != text]
        self.query.blockSignals(True)
        self.query.clear()
        self.query.addItems(items[:30])
        self.query.setCurrentText(text)
        self.query.blockSignals(False)
        QSettings().setValue(HISTORY_KEY, items[:30])

    def _show(self, result) -> None:
        self.result = result
        self._stale = False
        self._pending = list(result.docs if self.documents.isChecked() else result.hits)
        self.model.set_results([], self.documents.isChecked())
        self._show_status()
        self._feed()

    def _rows(self) -> list:
        """What the shown search lists (or is about to): its passages or its documents."""
        r = self.result
        return r.docs if self.model.documents else r.hits

    def _all(self) -> int:
        """How many the search found: passages, or documents with a hit."""
        return self.result.doc_total if self.model.documents else self.result.total

    def show_more(self) -> None:
        """The next page of the shown search (its query, not what the box holds now)."""
        r = self.result
        if r is None or self._loading_more or len(self._rows()) >= self._all():
            return
        project, text, documents, offset = self.project, r.query, self.model.documents, len(self._rows())
        page = self.page
        self._loading_more = True
        self._show_status()

        def job(token):
            yield Progress(0, 1, text)
            return search(project, text, limit=page, docs=documents, offset=offset)

        # A new search supersedes it (same key), and the page it brings is dropped.
        task = self.runner.prepare("search", job, key="search", quiet=True)
        task.finished.connect(self._more_arrived)
        task.failed.connect(self._failed)
        self.runner.submit(task)

    def _more_arrived(self, page) -> None:
        """Add the next page to the shown search: its rows to the list (none twice,
        should the index have changed in between), its counts to the status."""
        r = self.result
        self._loading_more = False
        if self.model.documents:
            seen = {d.doc_id for d in r.docs}
            new = [d for d in page.docs if d.doc_id not in seen]
            r.docs.extend(new)
            r.doc_total = page.doc_total
        else:
            seen = {(h.doc_id, h.passage) for h in r.hits}
            new = [h for h in page.hits if (h.doc_id, h.passage) not in seen]
            r.hits.extend(new)
        r.total, r.index_behind = page.total, r.index_behind or page.index_behind
        r.text_shas.update(page.text_shas)
        if len(new) < (len(page.docs) if self.model.documents else len(page.hits)) or not new:
            self._stale = True  # the index changed between the pages
        self._pending.extend(new)
        self._show_status()
        self._feed()

    def _feed(self) -> None:
        batch, self._pending = self._pending[:BATCH], self._pending[BATCH:]
        self.model.append(batch)
        if self._pending:
            QTimer.singleShot(0, self._feed)
        else:
            self.finished.emit(self.result)

    def _show_status(self) -> None:
        r = self.result
        if self.model.documents:
            text = self.tr("{0} documents, {1} passages, {2} ms").format(f"{r.doc_total:,}", f"{r.total:,}",
                                                                        int(r.milliseconds))
        else:
            text = self.tr("{0} passages, {1} ms").format(f"{r.total:,}", int(r.milliseconds))
        shown, found = len(self._rows()), self._all()
        if shown < found:
            text += " — " + self.tr("{0} of {1} shown").format(f"{shown:,}", f"{found:,}")
        self._show_more_button()
        for term, names in r.expansions.items():
            text += "\n" + self.tr("{0} also matches {1}").format(term, ", ".join(names))
        if r.index_behind:
            text += "\n" + self.tr("The index is catching up with the latest changes; this search runs again then")
        for warning in r.warnings:
            if not (r.index_behind and "catching up" in warning):
                text += "\n" + warning
        if self._stale:
            text += "\n" + self.tr("Documents changed since this search; search again to update the results")
        self.status.setText(text)

    def _show_more_button(self) -> None:
        """Under the list while the search found more than it lists."""
        shown, found = len(self._rows()), self._all()
        if shown < found:
            self.more.setText(self.tr("Showing more…") if self._loading_more
                              else self.tr("Show {0} more").format(f"{min(self.page, found - shown):,}"))
            self.more.setEnabled(not self._loading_more)
        self.more.setVisible(shown < found)

    def _failed(self, exc: Exception) -> None:
        lang = effective_language()
        if self._loading_more:  # the next page could not be read: the button offers it again
            self._loading_more = False
            self._show_more_button()
        if isinstance(exc, IndexNotReadyError):
            self._waiting_for_index = True
            self.status.setText(self.tr("The search index is being built; the search runs when it is ready"))
            self.index_needed.emit()
        else:
            self.status.setText(exc.localized(lang) if isinstance(exc, WorkbenchError)
                                else f"{type(exc).__name__}: {exc}")
        self.finished.emit(exc)

    def _activate(self, index, side: str) -> None:
        if index.isValid():
            row = index.data(HitRole)
            self.hit_activated.emit(getattr(row, "best", row), side)
