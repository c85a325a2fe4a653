"""One task runner for every long job (ingest, indexing, export, big searches).

A job is a generator that yields :class:`Progress` and returns a result; it
runs on a ``QThreadPool`` thread (opening its own SQLite connection), and its
progress, result and errors come back to the GUI thread as signals. Cancel
sets the job's :class:`CancelToken`, checked between items.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from workbench.core.progress import Cancelled, CancelToken, Progress

JobFactory = Callable[[CancelToken], Generator[Progress, None, Any]]


class Task(QObject):
    progress = Signal(object)  # Progress
    finished = Signal(object)  # the job's return value
    failed = Signal(object)  # the exception
    cancelled = Signal()

    def __init__(self, name: str, factory: JobFactory) -> None:
        super().__init__()
        self.name = name
        self.factory = factory
        self.token = CancelToken()

    def cancel(self) -> None:
        self.token.cancel()


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task
        self.setAutoDelete(True)

    def run(self) -> None:  # runs on a pool thread
        task = self.task
        try:
            job = task.factory(task.token)
            while True:
                try:
                    item = next(job)
                except StopIteration as stop:
                    result = stop.value
                    break
                task.progress.emit(item)
                task.token.check()
        except Cancelled:
            task.cancelled.emit()
            return
        except Exception as exc:  # reported to the user by the window
            exc.__traceback_text__ = traceback.format_exc()
            task.failed.emit(exc)
            return
        task.finished.emit(result)


class TaskRunner(QObject):
    """Starts tasks on a thread pool and keeps them alive until they end."""

    started = Signal(object)  # Task
    ended = Signal(object)  # Task

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self.active: list[Task] = []

    def prepare(self, name: str, factory: JobFactory) -> Task:
        """Make a task without starting it, so callers connect its signals first
        (a fast job may end before a connection made after start exists)."""
        return Task(name, factory)

    def submit(self, task: Task) -> Task:
        self.active.append(task)
        for signal in (task.finished, task.failed, task.cancelled):
            signal.connect(lambda *_, t=task: self._end(t))
        self.started.emit(task)
        self.pool.start(_Runnable(task))
        return task

    def start(self, name: str, factory: JobFactory) -> Task:
        """Prepare and submit at once, for callers that only watch ``ended``."""
        return self.submit(self.prepare(name, factory))

    def _end(self, task: Task) -> None:
        if task in self.active:
            self.active.remove(task)
            try:
                self.ended.emit(task)
            except RuntimeError:
                pass  # the runner's window closed while the task ran; nobody left to tell

    def cancel_all(self) -> None:
        for task in list(self.active):
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)
