"""The last session, per project: the documents open in each pane, where the
reader was in them, and the last query — restored when the project opens
again.

It is saved as it changes (a document opened, a query run, the reader's
place moved), a second after the last change, and written to disk at once:
saved only when the window closed, it was lost with a crash. The delay keeps
scrolling from writing the settings file on every step.
"""

from __future__ import annotations

import hashlib
import json

from PySide6.QtCore import QSettings, QTimer, Signal

from workbench.services.documents import list_documents
from workbench.ui.controllers.base import Controller
from workbench.ui.controllers.reading import ReadingController
from workbench.ui.events import ProjectEvents
from workbench.ui.search_panel import SearchPanel


class SessionController(Controller):
    saved = Signal()  # the session is on disk
    DELAY_MS = 1000

    def __init__(self, events: ProjectEvents, reading: ReadingController, search_panel: SearchPanel,
                 parent=None) -> None:
        super().__init__(events, parent)
        self.reading, self.search_panel = reading, search_panel
        self._restored = False  # until the last session is read back, a save would overwrite it
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(self.DELAY_MS)
        self.timer.timeout.connect(self.save)
        events.project_closing.connect(self.save)
        reading.document_opened.connect(lambda *_args: self.schedule())
        search_panel.finished.connect(lambda _result: self.schedule())
        for pane in reading.panes:
            pane.view.verticalScrollBar().valueChanged.connect(lambda _value: self.schedule())

    def _key(self) -> str:
        digest = hashlib.sha1(str(self.project.root).encode("utf-8")).hexdigest()[:12]
        return f"session/{digest}"

    def project_opened(self) -> None:
        self.timer.stop()
        self._restored = False

    def schedule(self) -> None:
        """Something the session holds changed: save it once things settle."""
        if self._restored or not QSettings().contains(self._key()):
            self.timer.start()

    def save(self) -> None:
        self.timer.stop()
        panes = {}
        for pane in self.reading.panes:
            if pane.doc_id is not None:
                offset, words = pane.place()
                panes[pane.objectName()] = {"doc": pane.doc_id, "offset": offset, "words": words}
        result = self.search_panel.result
        query = getattr(result, "query", None) or self.search_panel.query.currentText().strip()
        state = {"panes": panes, "query": query, "documents": self.search_panel.documents.isChecked()}
        settings = QSettings()
        settings.setValue(self._key(), json.dumps(state, ensure_ascii=False))
        settings.sync()  # on disk now, not when the settings object happens to be destroyed
        self.saved.emit()

    def restore(self) -> bool:
        """Reopen the last session's documents and query; True if a document was opened."""
        self._restored = True
        try:
            state = json.loads(QSettings().value(self._key(), "") or "{}")
        except (TypeError, ValueError):
            return False
        present = {d.id for d in list_documents(self.project)}
        opened = False
        for side, saved in (state.get("panes") or {}).items():
            if side in ("left", "right") and saved.get("doc") in present:  # a document may be gone
                self.reading.open_in(side, saved["doc"])
                self.reading.pane(side).restore_place((int(saved.get("offset", 0)), saved.get("words", "")))
                opened = True
        if state.get("query"):
            self.search_panel.documents.setChecked(bool(state.get("documents")))
            self.search_panel.run_query(state["query"])
        return opened
