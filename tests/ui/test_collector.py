"""The GUI-thread collector: automatic collection off, cycles still freed."""

import gc
import threading
import weakref

from workbench.ui.collector import GuiThreadCollector


class _Node:
    pass


def test_cycles_are_collected_by_the_gui_thread_timer_not_by_other_threads(qtbot):
    was_enabled = gc.isenabled()
    collector = GuiThreadCollector(interval_ms=50)
    try:
        assert not gc.isenabled()
        node = _Node()
        node.self = node
        alive = weakref.ref(node)
        del node

        kept: list = []

        def allocate_in_a_worker() -> None:  # would trigger a collection there if automatic
            kept.extend(_Node() for _ in range(50_000))

        worker = threading.Thread(target=allocate_in_a_worker)
        worker.start()
        worker.join()
        assert alive() is not None  # no collection ran in the worker
        qtbot.waitUntil(lambda: alive() is None, timeout=2000)  # the timer in this thread freed it
    finally:
        collector.timer.stop()
        if was_enabled:
            gc.enable()
