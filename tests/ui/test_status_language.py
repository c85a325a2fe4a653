"""The status bar follows a language switch like everything else in the window:
"5 documents in /path" becomes "문서 5개 — /path" and back, as do the words
of what just happened."""

from __future__ import annotations

import pytest

from workbench.core.errors import WorkbenchError
from workbench.ui.i18n import apply_language
from workbench.ui.main_window import MainWindow
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, seeded_project):
    apply_language("en")
    win = MainWindow(seeded_project, TaskRunner(pool=InlinePool()))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitSignal(win.ready, timeout=20_000):
        win.start()
    yield win
    apply_language("en")


def test_the_document_count_changes_language_with_the_window(window, seeded_project):
    root = str(seeded_project.root)
    assert window.status.label.text() == f"5 documents in {root}"  # what the window says once the project is open
    window.set_language("ko")
    assert window.status.label.text() == f"문서 5개 — {root}"
    window.set_language("en")
    assert window.status.label.text() == f"5 documents in {root}"


def test_an_error_in_the_status_bar_changes_language_too(window):
    window.status.report_error(WorkbenchError("No such thing", "그런 것은 없습니다"))
    window.status.last_error_box.close()
    assert window.status.label.text() == "No such thing"
    window.set_language("ko")
    assert window.status.label.text() == "그런 것은 없습니다"
    window.set_language("en")
    assert window.status.label.text() == "No such thing"


def test_a_message_of_the_status_bar_itself_changes_language(window):
    window.status.cancel()  # nothing is running: the bar still says it is cancelling
    assert window.status.label.text() == "Cancelling…"
    window.set_language("ko")
    assert window.status.label.text() == "취소하는 중…"


def test_waiting_for_another_process_s_index_build_is_said_in_korean(qtbot, korean):
    """The wait is its own stage, named by the window in its language (the job's
    message is English, for the command line)."""
    from workbench.core.progress import Progress
    from workbench.ui.controllers.status import Steps

    steps = Steps("ingest")
    steps.advance(Progress(5, 5, "a.txt", stage="read"))
    _, _, label = steps.advance(Progress(0, 0, "Another Workbench process is building", stage="index-wait"))
    assert label.endswith("다른 워크벤치 프로세스가 검색 색인을 다 만들 때까지 기다리는 중") and "Another" not in label, label


def test_the_bar_moves_inside_one_long_document_and_says_how_far(qtbot, korean):
    """One document of one sat at 0 % while Kiwi analysed it for a minute: the
    bar follows the characters done, and the label gives the share."""
    from workbench.core.progress import Progress
    from workbench.ui.controllers.status import SCALE, Steps

    steps = Steps("ingest")
    steps.advance(Progress(1, 1, "report.txt", 10_000_000, 10_000_000, stage="read"))
    value, maximum, label = steps.advance(Progress(0, 1, "report", 1_000_000, 4_000_000, stage="index"))
    assert (value, maximum) == (SCALE + SCALE // 4, 2 * SCALE)
    assert label.endswith("색인 중: 0/1 report (25%)"), label
    value, _, label = steps.advance(Progress(1, 1, "report", 4_000_000, 4_000_000, stage="index"))
    assert value == 2 * SCALE and "%" not in label
