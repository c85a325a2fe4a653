"""Helpers for long jobs written as generators that yield progress."""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import TypeVar

from workbench.core.progress import Progress

T = TypeVar("T")


def run_job(job: Generator[Progress, None, T], on_progress: Callable[[Progress], None] | None = None) -> T:
    """Drive a job to the end and return its result."""
    while True:
        try:
            progress = next(job)
        except StopIteration as stop:
            return stop.value
        if on_progress is not None:
            on_progress(progress)
