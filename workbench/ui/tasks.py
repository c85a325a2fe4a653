"""One task runner for every long job (ingest, indexing, export, searches).

A job is a generator that yields :class:`Progress` and returns a result; it
runs on a pool thread (opening its own SQLite connection) and its progress,
result and errors come back to the GUI thread as signals.

- **Keys and supersession.** A task submitted with a key supersedes the
  running task with the same key: the old one is cancelled and whatever it
  still delivers is dropped, so an older, slower search can never replace a
  newer one's results (Spyder's find-in-files does the same).
- **Cancel reaches the job.** Cancel sets the job's token and throws
  :class:`Cancelled` into the generator at its next ``yield``. A job that
  catches it returns its partial result (ingest: what was committed), which
  arrives as ``finished``; one that does not ends as ``cancelled``.
- **Errors** arrive as ``failed``. Unexpected ones are logged with their
  traceback; a :class:`WorkbenchError` (an error the analyst can cause, whose
  message the window shows) is logged as one warning line.
- **Tests** pass ``InlinePool()``: tasks then run to the end inside
  ``submit``, so most UI tests need no waiting (Picard's habit).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from workbench.core.errors import WorkbenchError
from workbench.core.progress import Cancelled, CancelToken, Progress

JobFactory = Callable[[CancelToken], Generator[Progress, None, Any]]
log = logging.getLogger("workbench.tasks")


class Task(QObject):
    progress = Signal(object)  # Progress
    finished = Signal(object)  # the job's return value (also a partial one after a cancel)
    failed = Signal(object)  # the exception, with ``__traceback_text__``
    cancelled = Signal()  # the job stopped without a result

    def __init__(self, name: str, factory: JobFactory, key: str | None = None, quiet: bool = False) -> None:
        super().__init__()
        self.name = name
        self.factory = factory
        self.key = key
        self.quiet = quiet  # not shown in the status bar's progress (searches)
        self.token = CancelToken()
        self.superseded = False
        self.handles_errors = False  # its caller shows its errors (the window then does not)
        self.outcome: str | None = None  # "finished", "failed" or "cancelled" once ended

    def cancel(self) -> None:
        self.token.cancel()


class _Relay(QObject):
    """Lives on the GUI thread; the pool thread emits here, Qt queues to the runner."""

    progress = Signal(object, object)  # task, Progress
    report = Signal(object, str, object)  # task, outcome, payload


class _Runnable(QRunnable):
    def __init__(self, task: Task, relay: _Relay) -> None:
        super().__init__()
        self.task, self.relay = task, relay
        self.setAutoDelete(True)

    def run(self) -> None:  # on a pool thread (or inline in tests)
        task = self.task
        thrown = False
        try:
            job = task.factory(task.token)
            item = next(job)
            while True:
                self.relay.progress.emit(task, item)
                if task.token.cancelled and not thrown:
                    thrown = True
                    item = job.throw(Cancelled())
                else:
                    item = next(job)
        except StopIteration as stop:
            self.relay.report.emit(task, "finished", stop.value)
        except Cancelled:
            self.relay.report.emit(task, "cancelled", None)
        except Exception as exc:  # reported to the user by the window, logged here
            exc.__traceback_text__ = traceback.format_exc()
            if isinstance(exc, WorkbenchError):  # expected, and explained in the window: one line is enough
                log.warning("task %r failed: %s", task.name, " ".join(exc.message.split()))
            else:
                log.error("task %r failed:\n%s", task.name, exc.__traceback_text__)
            self.relay.report.emit(task, "failed", exc)


class InlinePool:
    """A stand-in for QThreadPool that runs each task at once on the calling thread."""

    def start(self, runnable: QRunnable) -> None:
        runnable.run()

    def waitForDone(self, msecs: int = -1) -> bool:  # noqa: N802 - QThreadPool's name
        return True


class TaskRunner(QObject):
    """Starts tasks on a thread pool and keeps them alive until they end."""

    started = Signal(object)  # Task
    ended = Signal(object)  # Task (check ``superseded`` and ``outcome``)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | InlinePool | None = None) -> None:
        super().__init__(parent)
        if pool is None:
            # A pool of our own: a long index job must not keep a search waiting
            # for the global pool's two threads.
            pool = QThreadPool(self)
            pool.setMaxThreadCount(4)
        self.pool = pool
        self.active: list[Task] = []
        self._relay = _Relay(self)
        self._relay.progress.connect(self._progress)
        self._relay.report.connect(self._deliver)

    def prepare(self, name: str, factory: JobFactory, key: str | None = None, quiet: bool = False) -> Task:
        """Make a task without starting it, so callers connect its signals first
        (a fast job may end before a connection made after start exists)."""
        return Task(name, factory, key, quiet)

    def submit(self, task: Task) -> Task:
        if task.key is not None:
            for old in self.active:
                if old.key == task.key and not old.superseded:
                    old.superseded = True
                    old.cancel()
        self.active.append(task)
        self.started.emit(task)
        self.pool.start(_Runnable(task, self._relay))
        return task

    def start(self, name: str, factory: JobFactory, key: str | None = None) -> Task:
        """Prepare and submit at once, for callers that only watch ``ended``."""
        return self.submit(self.prepare(name, factory, key))

    def _progress(self, task: Task, item: Progress) -> None:
        if not task.superseded:
            task.progress.emit(item)

    def _deliver(self, task: Task, outcome: str, payload: object) -> None:
        task.outcome = outcome
        if not task.superseded:
            if outcome == "finished":
                task.finished.emit(payload)
            elif outcome == "failed":
                task.failed.emit(payload)
            else:
                task.cancelled.emit()
        if task in self.active:
            self.active.remove(task)
            try:
                self.ended.emit(task)
            except RuntimeError:
                pass  # the runner's window closed while the task ran; nobody left to tell

    def running(self, key: str) -> Task | None:
        return next((t for t in self.active if t.key == key and not t.superseded), None)

    def cancel_all(self) -> None:
        for task in list(self.active):
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)
