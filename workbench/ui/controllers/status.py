"""The status bar: what is running (progress and cancel), what just happened,
a write waiting its turn, and errors — as a dialog whose details hold the
traceback, also written to the log file.

A message may be given as a function that writes it (``lambda: self.tr(...)``):
the bar then writes it again when the language is switched, so "5 documents
in …" becomes "문서 5개 — …" with the rest of the window. A plain string
stays as it was given.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QProgressBar, QPushButton, QSizePolicy

from workbench.core.errors import WorkbenchError
from workbench.ui.events import ProjectEvents
from workbench.ui.tasks import Task, TaskRunner

log = logging.getLogger("workbench.ui")

# The steps of the jobs that have several, in order. A job's stages that belong to one
# step: OCR is part of reading a file; entities are found while indexing. A stage not
# listed is a step of its own, added when it first shows.
STEPS = {"ingest": ("read", "index"), "seed": ("read", "index"), "import": ("sources", "read", "index", "codings")}
SAME_STEP = {"ocr": "read", "entities": "index", "index-wait": "index"}
SCALE = 1000  # bar units per step

Message = str | Callable[[], str]  # a text, or a function writing it in the current language


def _tr(text: str) -> str:
    return QCoreApplication.translate("progress", text)


class Steps:
    """One bar for a job of several steps that only moves forward.

    Each step of a job reports its own count (seeding reads 5 files, then
    indexes 5 documents): shown as it came, the bar went from "5/5 — reading"
    at 100 % back to "4/5 — indexing" at 80 %. Here each step takes an equal
    share of the bar and the label names the step ("step 2 of 2: indexing 4/5").
    """

    def __init__(self, job: str) -> None:
        self.steps = list(STEPS.get(job, ()))
        self.value = 0
        self.step = 0

    def advance(self, progress) -> tuple[int, int, str]:
        """(bar value, bar maximum, label) after ``progress``; the label is empty when
        the job said nothing a person could read."""
        step = SAME_STEP.get(progress.stage, progress.stage)
        if step not in self.steps:
            self.steps.append(step)
        index = self.steps.index(step)
        # Bytes (characters when indexing) where the job counts them: one long
        # document is one of one until it is done, and its bar sat at 0 for a minute.
        if progress.bytes_total > 0:
            done = min(progress.bytes_done / progress.bytes_total, 1.0)
        else:
            done = min(progress.done / progress.total, 1.0) if progress.total > 0 else 0.0
        self.value = max(self.value, round((index + done) * SCALE))
        self.step = max(self.step, index + 1)
        what = {"read": _tr("reading {0}"), "entities": _tr("finding entities"), "index": _tr("indexing {0}"),
                "ocr": _tr("recognising text (OCR): {0}"), "sources": _tr("reading the sources: {0}"),
                "codings": _tr("adding the tagged passages: {0}"),
                "index-wait": _tr("waiting for another Workbench process that is building the search index")
                }.get(progress.stage)
        if what is None and not progress.message:
            return self.value, len(self.steps) * SCALE, ""  # a stage without a name or message: nothing to say
        counted = f"{progress.done}/{progress.total} " if progress.total else ""
        text = (what or "{0}").format(counted + progress.message).strip()
        if progress.bytes_total > 0 and progress.done < progress.total:
            text += f" ({round(done * 100)}%)"
        if len(self.steps) > 1:
            text = _tr("step {0} of {1}: {2}").format(self.step, len(self.steps), text)
        return self.value, len(self.steps) * SCALE, text


class StatusController(QObject):
    def __init__(self, window: QMainWindow, runner: TaskRunner, events: ProjectEvents) -> None:
        super().__init__(window)
        self.window, self.runner = window, runner
        self.label = QLabel()
        self.label.setObjectName("status-message")
        # A long message (a path, an error) is cut, never widens the window.
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.label.setMinimumWidth(80)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        self.cancel_button = QPushButton()
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(lambda _checked=False: self.cancel())
        bar = window.statusBar()
        bar.addWidget(self.label, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        self._progress_text = ""  # the label text a progress update set (replaced when the task ends)
        self._message: Message = ""  # what the label shows, written again on a language switch
        self.last_error_box: QMessageBox | None = None
        runner.started.connect(self._started)
        runner.ended.connect(self._ended)
        events.waiting.connect(self._waiting)

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        if callable(self._message):
            self.label.setText(self._message())

    def show_message(self, text: Message) -> None:
        self._message = text
        self.label.setText(text() if callable(text) else text)
        self._progress_text = ""

    def cancel(self) -> None:
        for task in self.runner.active:
            if not task.quiet:
                task.cancel()
        self.show_message(lambda: self.tr("Cancelling…"))

    # --- tasks ---------------------------------------------------------------------

    def _visible(self) -> list[Task]:
        return [t for t in self.runner.active if not t.quiet]

    def _started(self, task: Task) -> None:
        if task.quiet:
            return
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        steps = Steps(task.name)
        task.progress.connect(lambda progress: self._on_progress(progress, steps))
        if not task.handles_errors:
            task.failed.connect(self.report_error)

    def _on_progress(self, progress, steps: Steps) -> None:
        value, maximum, text = steps.advance(progress)
        self.progress.setRange(0, maximum)
        self.progress.setValue(value)
        if text:
            self._progress_text = text[:1].upper() + text[1:]
            self._message = ""  # the job's own words until it ends
            self.label.setText(self._progress_text)

    def _ended(self, task: Task) -> None:
        if not self._visible():
            self.progress.hide()
            self.cancel_button.hide()
        if task.quiet or task.superseded:
            return
        # A task's own handler may already have said what happened; replace only our progress text.
        if self.label.text() == self._progress_text or self.label.text() == self.tr("Cancelling…"):
            cancelled = task.outcome == "cancelled" or getattr(task.token, "cancelled", False)
            self.show_message((lambda: self.tr("Cancelled; what was done before is kept")) if cancelled
                              else (lambda: self.tr("Done")) if task.outcome == "finished" else "")

    def _waiting(self, waiting: bool) -> None:
        if waiting:
            self.show_message(lambda: self.tr("Waiting for the running job to save its changes…"))
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        else:
            QGuiApplication.restoreOverrideCursor()
            self.show_message("")

    # --- errors --------------------------------------------------------------------

    def report_error(self, exc: BaseException) -> None:
        """Say what went wrong in the analyst's language; unexpected errors
        offer their traceback as details and are logged."""
        details = ""
        if isinstance(exc, WorkbenchError):
            message = lambda: exc.localized(getattr(self.window, "language", "en"))  # noqa: E731
        else:
            details = getattr(exc, "__traceback_text__", "")
            message = lambda: self.tr("Something went wrong: {0}: {1}").format(type(exc).__name__, exc)  # noqa: E731
            if not details:
                import traceback

                details = "".join(traceback.format_exception(exc))
                log.error("error reported in the window:\n%s", details)
        self.show_message(message)
        text = message()
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Workbench"), text, parent=self.window)
        if details:
            from workbench.services.logs import log_file

            box.setInformativeText(self.tr("The details are also in the log file: {0}").format(str(log_file())))
            box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_error_box = box
