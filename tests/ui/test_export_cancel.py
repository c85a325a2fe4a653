"""The export dialog while it writes: a determinate bar that counts rows,
and a Cancel button that stops the export (instead of only closing the
dialog) — nothing written, the old file unchanged, the dialog says so."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from tests.helpers.passages import many_passages
from workbench.ui.export_dialog import ExportDialog
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui


def test_export_dialog_counts_rows_and_cancel_stops_it(qtbot, tmp_path):
    project = many_passages(tmp_path, 450)
    runner = TaskRunner(pool=InlinePool())  # the job runs inside submit; signals arrive as it goes
    dialog = ExportDialog(project, runner)
    qtbot.addWidget(dialog)
    out = tmp_path / "brief.xlsx"
    out.write_bytes(b"last week's briefing")
    seen = []

    def watch(progress):
        if progress.stage == "write":
            bar = dialog.progress
            seen.append((bar.maximum(), bar.value(), dialog.progress_label.text()))
            if len(seen) == 2:
                dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()

    runner.started.connect(lambda task: task.progress.connect(watch))
    task = dialog.export_to(out, ask_to_open=False)
    assert task.outcome == "cancelled"
    total = seen[0][0]
    assert total > 450 and [value for _, value, _ in seen] == [200, 400]  # determinate: rows written of all
    assert seen[0][2] == f"Writing rows: 200 of {total}"
    assert out.read_bytes() == b"last week's briefing"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".brief")) == []
    assert "cancelled" in dialog.error.text() and not dialog.error.isHidden()
    assert dialog.progress.isHidden() and dialog.task is None
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    assert dialog.result is None  # no file was reported as written
