"""An error nobody caught in the window is reported in a dialog that says,
in the analyst's language, that the project is kept and where the report
is; a repeated error does not stack dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench.services import crash
from workbench.ui.crash_dialog import CrashNotifier
from workbench.ui.i18n import apply_language

pytestmark = pytest.mark.gui


def _dialogs() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "crash-dialog" and w.isVisible()]


def test_the_dialog_names_the_report_once_in_korean(qtbot):
    apply_language("ko")
    try:
        notify = CrashNotifier()
        try:
            raise RuntimeError("slot failed")
        except RuntimeError as exc:
            path = crash.write_report(exc, "a slot")
            notify(path, exc)
            notify(path, exc)  # the same error again while the first dialog is open
        qtbot.waitUntil(lambda: len(_dialogs()) == 1)
        [box] = _dialogs()
        assert "예기치 않은 오류" in box.windowTitle() and "RuntimeError" in box.text()
        assert str(path) in box.informativeText() and "문서 내용은 없음" in box.informativeText()
        assert notify.reports == [path, path]
        box.close()
    finally:
        apply_language("en")
