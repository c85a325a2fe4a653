"""Progress reporting for long jobs.

Long jobs are generators that yield :class:`Progress`; the CLI draws a terminal
bar from them, the GUI's task runner forwards them to a progress bar, and a
cancel flag is checked between items.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    total: int
    message: str = ""
    bytes_done: int = 0
    bytes_total: int = 0
    stage: str = ""  # "read", "index", … for jobs with several phases

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0


class Cancelled(Exception):
    """Raised inside a job when its cancel flag was set between two items."""


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
