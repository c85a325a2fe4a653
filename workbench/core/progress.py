"""Progress reporting for long jobs.

Long jobs are generators that yield :class:`Progress`; the CLI draws a terminal
bar from them, the GUI's task runner forwards them to a progress bar, and a
cancel flag is checked between items.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.core.changes import Changes


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    total: int
    message: str = ""
    bytes_done: int = 0
    bytes_total: int = 0
    stage: str = ""  # "read", "index", … for jobs with several phases
    # What the job has just committed, so views can follow a long job as it goes
    # (a reader whose document was re-ingested reloads before the job ends).
    changes: "Changes | None" = None

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0


class Cancelled(Exception):
    """Stops a job at a safe point: raised by the job when its token is set, or
    thrown into the job's generator at a ``yield`` by the task runner. A job
    that catches it can still return its partial result."""


class CancelToken:
    """A flag another thread sets to stop a job at the next safe point."""

    def __init__(self) -> None:
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def check(self) -> None:
        if self._cancelled:
            raise Cancelled()
