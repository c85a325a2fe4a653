"""Guard against the PySide6 6.12 / Python 3.11 crash (PERF_NOTES): ~100,000 void
Qt calls in one process must not abort it. Runs in a child process so a crash
fails this test instead of killing the suite."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PROBE = """
from PySide6.QtWidgets import QApplication, QWidget, QPlainTextEdit
app = QApplication([])
w = QWidget()
edit = QPlainTextEdit()
for i in range(50_000):
    w.resize(10 + i % 7, 10)
    edit.setPlainText("가")
print("ok")
"""


@pytest.mark.slow
def test_hundred_thousand_void_qt_calls_do_not_crash():
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=240,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "ok"


def test_environment_avoids_the_known_bad_combination():
    import PySide6

    major, minor = (int(x) for x in PySide6.__version__.split(".")[:2])
    assert sys.version_info >= (3, 12) or (major, minor) < (6, 12)  # pyproject also requires 3.12+
