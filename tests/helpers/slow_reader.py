"""Hold an ingest between two files: the reader of one named file waits until
the test lets it go, so a test can act while the job is running."""

from __future__ import annotations

import threading


def hold_reading(monkeypatch, name: str) -> tuple[threading.Event, threading.Event]:
    """Returns (reading, go_on): ``reading`` is set when the job reaches ``name``;
    set ``go_on`` to let it continue."""
    import workbench.services.ingest as ingest_module

    reading, go_on = threading.Event(), threading.Event()
    real = ingest_module.extract_file

    def slow(path):
        if path.name == name:
            reading.set()
            go_on.wait(20)
        return real(path)

    monkeypatch.setattr(ingest_module, "extract_file", slow)
    return reading, go_on
