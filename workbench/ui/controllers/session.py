"""The last session, per project: the documents open in each pane, where the
reader was in them, and the last query — saved when the window closes and
restored when the project opens again."""

from __future__ import annotations

import hashlib
import json

from PySide6.QtCore import QSettings

from workbench.services.documents import list_documents
from workbench.ui.controllers.base import Controller
from workbench.ui.controllers.reading import ReadingController
from workbench.ui.events import ProjectEvents
from workbench.ui.search_panel import SearchPanel


class SessionController(Controller):
    def __init__(self, events: ProjectEvents, reading: ReadingController, search_panel: SearchPanel,
                 parent=None) -> None:
        super().__init__(events, parent)
        self.reading, self.search_panel = reading, search_panel
        events.project_closing.connect(self.save)

    def _key(self) -> str:
        digest = hashlib.sha1(str(self.project.root).encode("utf-8")).hexdigest()[:12]
        return f"session/{digest}"

    def save(self) -> None:
        panes = {}
        for pane in self.reading.panes:
            if pane.doc_id is not None:
                offset, words = pane.place()
                panes[pane.objectName()] = {"doc": pane.doc_id, "offset": offset, "words": words}
        state = {"panes": panes, "query": self.search_panel.query.currentText().strip(),
                 "documents": self.search_panel.documents.isChecked()}
        QSettings().setValue(self._key(), json.dumps(state, ensure_ascii=False))

    def restore(self) -> bool:
        """Reopen the last session's documents and query; True if a document was opened."""
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
