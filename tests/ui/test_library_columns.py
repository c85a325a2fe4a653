"""The library on a laptop: a title an analyst can read beside as many other
columns as fit, none cut off at the dock's edge; Old Hangul titles readable."""

from __future__ import annotations

import pytest

from workbench.services.documents import list_documents
from workbench.ui.library import LibraryPanel

pytestmark = pytest.mark.gui


@pytest.fixture
def library(qtbot, seeded_project):
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.set_documents(list_documents(seeded_project))
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _shown(table) -> list[int]:
    return [c for c in range(table.model().columnCount()) if not table.isColumnHidden(c)]


@pytest.mark.parametrize("width", [260, 420, 900])
def test_the_title_is_readable_and_no_column_runs_off_the_dock(qtbot, library, width):
    library.resize(width, 500)
    qtbot.waitUntil(lambda: library.table.viewport().width() <= width)
    table, header = library.table, library.table.horizontalHeader()
    shown = _shown(table)
    assert shown[0] == 0 and table.columnWidth(0) >= 170, (width, table.columnWidth(0))
    assert sum(table.columnWidth(c) for c in shown) <= table.viewport().width() + 1
    assert table.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways to
    assert shown == list(range(len(shown)))  # the columns come in their order: date before publisher…
    if width == 260:
        assert shown == [0, 1]  # title and date on a laptop's library dock
    if width == 900:
        assert len(shown) >= 5
    assert header.sectionResizeMode(0).name == "Stretch"


def test_an_old_hangul_title_is_spelled_out_where_no_font_draws_it(qtbot, library, seeded_project):
    from PySide6.QtGui import QFont

    from workbench.ui.old_hangul import drawable

    from dataclasses import replace

    title = "ᄒᆞᆫ글 문서 파일 구조"  # hwpspec_large.hwp's title: conjoining jamo with arae-a
    docs = list_documents(seeded_project)
    library.set_documents([replace(docs[0], title=title)])
    model = library.model
    shown = model.data(model.index(0, 0))
    if drawable(title, QFont()):
        assert shown == title
    else:
        assert shown == "ㅎㆍㄴ글 문서 파일 구조"


def _viewport_width(qtbot, library, width: int) -> None:
    """Resize the panel until the table's viewport is ``width`` pixels wide."""
    library.resize(width + 40, 500)
    qtbot.waitUntil(lambda: library.table.viewport().width() > 0)
    library.resize(library.width() + width - library.table.viewport().width(), 500)
    qtbot.waitUntil(lambda: library.table.viewport().width() == width)


def test_a_236_px_library_shows_the_date_whole_beside_a_readable_title(qtbot, library, seeded_project):
    """A 1366×768 laptop gives the library dock a 236-px table: the analyst sees
    each document's date, not only its title (the date came a few pixels short)."""
    from workbench.services.metadata import document_metadata
    from workbench.ui.library import _DocumentTable

    library.set_metadata(document_metadata(seeded_project))
    table = library.table
    dates = [table.model().index(r, 1).data() for r in range(table.model().rowCount())]
    assert any(dates), "the seeds have dates"
    _viewport_width(qtbot, library, 236)
    assert _shown(table) == [0, 1]
    assert table.columnWidth(0) >= _DocumentTable.TITLE_MIN >= 140  # still about ten syllables of a title
    metrics = table.fontMetrics()
    widest = max(metrics.horizontalAdvance(d) for d in dates if d)
    assert table.columnWidth(1) >= widest + 2 * 3  # the date whole, not "2024-0…"
    assert table.columnWidth(0) + table.columnWidth(1) <= 236 + 1


def test_dates_that_arrive_after_the_documents_get_their_width(qtbot, library, seeded_project):
    """The window lists the documents first and their details a moment later: the
    date column is widened for the dates then, not left at its header's width."""
    from workbench.services.metadata import document_metadata

    _viewport_width(qtbot, library, 300)
    before = library.table.columnWidth(1)
    library.set_metadata(document_metadata(seeded_project))
    table = library.table
    dates = [table.model().index(r, 1).data() for r in range(table.model().rowCount())]
    widest = max(table.fontMetrics().horizontalAdvance(d) for d in dates if d)
    assert not table.isColumnHidden(1) and table.columnWidth(1) >= widest + 6, (before, table.columnWidth(1), widest)
