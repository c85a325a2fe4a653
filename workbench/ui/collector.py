"""Python's cycle collector, run only in the GUI thread.

The collector runs in whichever thread happens to allocate. If it runs in a
job's thread while dropped dialogs, menus or actions are cyclic garbage, their
Qt destructors run in that thread and can deadlock against the GUI thread
(seen: a pool thread in ``QObject::~QObject`` waiting for the GIL while the GUI
thread, holding it, waits for the same object's mutex). So automatic
collection is switched off and a timer in the GUI thread collects by the same
thresholds — pyqtgraph's ``GarbageCollector`` recipe, kept here so start-up
does not import pyqtgraph.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    """Disables automatic collection; collects generation by generation on a timer."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        counts = gc.get_count()
        for generation in range(3):
            if counts[generation] <= self.threshold[generation]:
                break
            gc.collect(generation)
