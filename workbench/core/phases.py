"""Where a long job's time goes, by phase, for reports and benchmarks.

Timed per document, not per passage, so the clock itself costs nothing that
shows. Cumulative: a caller takes ``snapshot()`` before a step and
``since(snapshot)`` after it.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager


class PhaseClock:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - start

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] += seconds

    def snapshot(self) -> dict[str, float]:
        return dict(self.seconds)

    def since(self, snapshot: dict[str, float]) -> dict[str, float]:
        """Seconds per phase run since ``snapshot`` (to the millisecond)."""
        out = {}
        for name, total in self.seconds.items():
            spent = total - snapshot.get(name, 0.0)
            if spent > 0:
                out[name] = round(spent, 3)
        return out
