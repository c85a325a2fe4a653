"""What the log file says when a task fails: an error the analyst caused (a
WorkbenchError, already explained in the window) is one warning line; an
unexpected exception keeps its traceback at ERROR level."""

from __future__ import annotations

import pytest

from workbench.core.errors import WorkbenchError
from workbench.core.progress import Progress
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui


def _fail_with(exc: Exception):
    def job(token):
        yield Progress(0, 1)
        raise exc

    return job


def _logged(tmp_path, monkeypatch, name: str, exc: Exception) -> list[str]:
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path))
    from workbench.services.logs import configure_logging, log_file

    configure_logging()
    runner = TaskRunner(pool=InlinePool())
    errors = []
    task = runner.prepare(name, _fail_with(exc))
    task.failed.connect(errors.append)
    runner.submit(task)
    assert errors == [exc]  # the window still hears of it
    return log_file().read_text(encoding="utf-8").splitlines()


def test_an_error_the_analyst_caused_is_one_warning_line(tmp_path, monkeypatch):
    lines = _logged(tmp_path, monkeypatch, "search", WorkbenchError("No tag 'AI' in the codebook",
                                                                    "코드북에 'AI' 태그가 없습니다"))
    mine = [line for line in lines if "task 'search'" in line]
    assert len(mine) == 1, lines
    assert " WARNING workbench.tasks: " in mine[0] and "No tag 'AI' in the codebook" in mine[0]
    assert not any("Traceback" in line or " ERROR " in line for line in lines)


def test_an_unexpected_error_keeps_its_traceback(tmp_path, monkeypatch):
    lines = _logged(tmp_path, monkeypatch, "broken", KeyError("boom"))
    text = "\n".join(lines)
    assert " ERROR workbench.tasks: task 'broken' failed" in text
    assert "Traceback (most recent call last)" in text and "KeyError: 'boom'" in text
