"""What every controller shares: the project events it follows and the
project it reads (the one open in the window, which can change)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from workbench.core.changes import Changes
from workbench.ui.events import ProjectEvents


class Controller(QObject):
    def __init__(self, events: ProjectEvents, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.events = events
        events.changed.connect(self.changed)
        events.project_opened.connect(lambda _project: self.project_opened())

    @property
    def project(self):
        return self.events.project

    def changed(self, changes: Changes) -> None:
        """The project changed: refresh what this feature shows, if it is concerned."""

    def project_opened(self) -> None:
        """Another project was opened in the window."""


def as_job(function, *args):
    """Run a plain service call as a task (it yields nothing, returns its value)."""
    return function(*args)
    yield  # pragma: no cover - makes this a generator
