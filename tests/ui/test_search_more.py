"""More hits than the list shows: the search panel says how many of how many
are shown ("300 of 504 shown", "504개 중 300개 표시") and a button under the
list shows the next ones, until all are there — in passages and in documents."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from tests.ui.test_search_panel import run_typed
from workbench.services.search import search
from workbench.ui.i18n import apply_language
from workbench.ui.search_panel import HISTORY_KEY, PAGE, SearchPanel
from workbench.ui.tasks import InlinePool, TaskRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def panel(qtbot, seeded_project):
    QSettings().setValue(HISTORY_KEY, [])
    panel = SearchPanel(TaskRunner(pool=InlinePool()))
    qtbot.addWidget(panel)
    panel.set_project(seeded_project)
    panel.resize(420, 600)
    panel.show()
    qtbot.waitExposed(panel)
    yield panel
    apply_language("en")


def click_more(qtbot, panel):
    assert panel.more.isVisible() and panel.more.isEnabled()
    with qtbot.waitSignal(panel.finished, timeout=30_000) as done:
        qtbot.mouseClick(panel.more, Qt.MouseButton.LeftButton)
    return done.args[0]


def shown(panel) -> list:
    return [panel.model.index(r, 0).data(Qt.ItemDataRole.UserRole + 1) for r in range(panel.model.rowCount())]


def test_the_panel_says_how_many_hits_it_shows_and_shows_the_rest(qtbot, panel, seeded_project):
    total = search(seeded_project, "AI", limit=None).total
    assert total > PAGE == 300  # the seed documents mention AI more often than one page holds
    run_typed(qtbot, panel, "AI")
    assert panel.model.rowCount() == PAGE
    first_line = panel.status.text().splitlines()[0]
    assert first_line.endswith(f"300 of {total:,} shown")
    assert panel.more.isVisible() and panel.more.text() == f"Show {total - PAGE} more"

    result = click_more(qtbot, panel)
    assert panel.model.rowCount() == total == len(result.hits)
    keys = [(h.doc_id, h.passage) for h in shown(panel)]
    assert len(set(keys)) == total  # the next ones, none twice
    every = search(seeded_project, "AI", limit=None)
    assert keys == [(h.doc_id, h.passage) for h in every.hits]  # in the order of the whole ranking
    assert "shown" not in panel.status.text() and not panel.more.isVisible()


def test_in_korean(qtbot, panel, seeded_project):
    total = search(seeded_project, "AI", limit=None).total
    apply_language("ko")
    run_typed(qtbot, panel, "AI")
    assert panel.status.text().splitlines()[0].endswith(f"{total:,}개 중 300개 표시")
    assert panel.more.text() == f"{total - PAGE}개 더 보기"
    apply_language("en")  # the words change with the window's language
    qtbot.waitUntil(lambda: panel.status.text().splitlines()[0].endswith(f"300 of {total:,} shown"), timeout=5000)
    assert panel.more.text() == f"Show {total - PAGE} more"


def test_a_page_at_a_time_in_documents(qtbot, panel, seeded_project):
    panel.page = 2  # five seed documents: three pages of two
    panel.documents.setChecked(True)
    run_typed(qtbot, panel, "AI")
    assert panel.model.rowCount() == 2
    assert panel.status.text().splitlines()[0].startswith("5 documents, ")
    assert panel.status.text().splitlines()[0].endswith("2 of 5 shown")
    assert panel.more.text() == "Show 2 more"
    click_more(qtbot, panel)
    assert panel.model.rowCount() == 4 and panel.more.text() == "Show 1 more"
    click_more(qtbot, panel)
    assert panel.model.rowCount() == 5 and not panel.more.isVisible()
    ids = [d.doc_id for d in shown(panel)]
    assert ids == [d.doc_id for d in search(seeded_project, "AI", limit=None, docs=True).docs]


def test_a_new_search_starts_from_the_first_page(qtbot, panel):
    run_typed(qtbot, panel, "AI")
    click_more(qtbot, panel)
    run_typed(qtbot, panel, "반도체")  # fewer hits than a page
    assert panel.model.rowCount() == panel.result.total < PAGE
    assert "shown" not in panel.status.text() and not panel.more.isVisible()
