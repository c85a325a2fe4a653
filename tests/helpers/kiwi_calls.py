"""Who asks for Kiwi, from which thread: Kiwi takes seconds to load, so the
GUI thread must never be the one that asks (the window would freeze).

``get_kiwi`` is imported by name into several modules; every module holding
it gets a wrapper that records the calls made on the main thread (with the
stack, so a failure says who asked)."""

from __future__ import annotations

import sys
import threading
import traceback

import workbench.corpus.kiwi as kiwi_module


def watch_main_thread_kiwi(monkeypatch) -> list[str]:
    """The stacks of the calls to ``get_kiwi`` made on the main thread from now
    on (until ``monkeypatch`` is undone)."""
    original = kiwi_module.get_kiwi
    calls: list[str] = []

    def recording():
        if threading.current_thread() is threading.main_thread():
            calls.append("".join(traceback.format_stack(limit=14)[:-1]))
        return original()

    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("workbench") and getattr(module, "get_kiwi", None) is original:
            monkeypatch.setattr(module, "get_kiwi", recording)
    return calls
