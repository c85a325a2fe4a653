"""The Python pyproject declares must be the one the suite proves.

`make test` builds its venv with the declared minimum (the Makefile looks
for it first) and says so in WORKBENCH_TEST_PYTHON_IS_MINIMUM; a newer
Python is fine for a developer's own runs, an older one never."""

from __future__ import annotations

import os
import sys
import tomllib

from tests.conftest import ROOT


def declared_minimum() -> tuple[int, int]:
    spec = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    assert spec.startswith(">="), spec
    major, minor = spec.removeprefix(">=").split(".")[:2]
    return int(major), int(minor)


def test_the_declared_minimum_python_is_the_one_tested():
    minimum = declared_minimum()
    assert sys.version_info[:2] >= minimum
    if os.environ.get("WORKBENCH_TEST_PYTHON_IS_MINIMUM"):
        assert sys.version_info[:2] == minimum, (
            f"pyproject declares Python >= {minimum[0]}.{minimum[1]} but make test ran on "
            f"{sys.version_info[0]}.{sys.version_info[1]}: install {minimum[0]}.{minimum[1]} or raise the minimum")


def test_every_module_compiles_on_this_python():
    for path in (ROOT / "workbench").rglob("*.py"):
        compile(path.read_text(encoding="utf-8"), str(path), "exec")
