"""Tests that share a module-scoped fixture must not depend on the order they
run in: one that changes the shared project would fail the others when run
first. Run the export tests backwards in a child pytest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_export_tests_pass_in_reverse_order(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--reverse-order",
         "tests/export/test_export.py", "--deselect",
         "tests/export/test_export.py::test_libreoffice_opens_the_workbook"],  # slow, and reads nothing shared
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "WORKBENCH_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert " passed" in proc.stdout
