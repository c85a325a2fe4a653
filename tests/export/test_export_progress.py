"""The export as a job: progress every batch of rows through the whole
write, and a cancel that leaves no file — an older file at the path keeps
its content and no temporary file is left beside it or in openpyxl's."""

from __future__ import annotations

import os

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet import _writer as openpyxl_writer

from workbench.core.progress import Cancelled, CancelToken
from workbench.export.xlsx import BATCH
from workbench.services.export import export_steps
from tests.helpers.passages import many_passages

COUNT = 450


@pytest.fixture(scope="module")
def busy(tmp_path_factory):
    root = tmp_path_factory.mktemp("progress")
    return many_passages(root, COUNT), root


def _openpyxl_temp_files() -> set[str]:
    return {p for p in openpyxl_writer.ALL_TEMP_FILES if os.path.exists(p)}


def test_progress_every_batch_through_the_whole_write(busy):
    project, root = busy
    job = export_steps(project, root / "all.xlsx")
    steps = []
    try:
        while True:
            steps.append(next(job))
    except StopIteration as stop:
        result = stop.value
    writes = [s for s in steps if s.stage == "write"]
    total = writes[0].total
    # Passages, then each passage again under its top-level tags: every row counted.
    assert total >= 2 * COUNT
    assert len(writes) == total // BATCH and all(s.total == total for s in writes)
    assert [s.done for s in writes] == sorted(s.done for s in writes) and writes[-1].done > total - BATCH
    assert steps[-1].stage == "save" and steps[-1].done == total
    assert result["passages"] == COUNT
    assert load_workbook(root / "all.xlsx")["Passages"].max_row == COUNT + 1


@pytest.mark.parametrize("how", ["thrown", "token"])
def test_a_cancelled_export_leaves_the_old_file_and_no_temp(busy, tmp_path, how):
    project, _ = busy
    out = tmp_path / "brief.xlsx"
    out.write_bytes(b"last week's briefing")
    before = _openpyxl_temp_files()
    token = CancelToken()
    job = export_steps(project, out, token=token)
    while (step := next(job)).stage != "write":
        pass
    assert step.done < step.total  # mid-write
    assert any(p.name.startswith(".brief-") for p in tmp_path.iterdir())  # the temporary file exists now
    with pytest.raises(Cancelled):
        if how == "thrown":  # the task runner throws Cancelled in at the job's yield
            job.throw(Cancelled())
        else:  # or the job sees its token between batches
            token.cancel()
            next(job)
    assert out.read_bytes() == b"last week's briefing"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.xlsx"]
    assert _openpyxl_temp_files() <= before  # the rows openpyxl had streamed are gone too


def test_a_cancelled_first_export_writes_nothing(busy, tmp_path):
    project, _ = busy
    job = export_steps(project, tmp_path / "new.xlsx")
    while next(job).stage != "write":
        pass
    job.close()  # a generator dropped half-way (the window closed) cleans up as well
    assert list(tmp_path.iterdir()) == []
