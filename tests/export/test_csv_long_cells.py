"""A CSV cell holds what Excel can show (issue 24, item 12): Excel cuts a
cell over 32,767 characters without a word, so a long passage is cut as the
.xlsx export cuts it, with the same visible marker in the file's language."""

from __future__ import annotations

import csv

from workbench.export.csv_writer import write_csv
from workbench.export.rows import Briefing, PassageRow
from workbench.export.safety import EXCEL_CELL_LIMIT, fit


def _briefing(text: str, language: str = "en") -> Briefing:
    row = PassageRow(1, 1, "문서", "/x/a.txt", "", "chars 0-1", 0, len(text), text, ["정책"], ["정책"], "")
    return Briefing("t", [row], [], [], language=language)


def _cells(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header, row = list(csv.reader(handle))
    return dict(zip(header, row))


def test_a_passage_over_excels_cell_limit_is_cut_with_the_xlsx_marker(tmp_path):
    text = "가" * 40_000
    write_csv(_briefing(text), tmp_path / "out.csv")
    cell = _cells(tmp_path / "out.csv")["Passage"]
    assert len(cell) <= EXCEL_CELL_LIMIT
    assert cell == fit(text) and "truncated: " in cell


def test_the_marker_is_korean_in_a_korean_file_and_short_cells_stay_whole(tmp_path):
    write_csv(_briefing("나" * 33_000, "ko"), tmp_path / "ko.csv")
    cells = _cells(tmp_path / "ko.csv")
    assert any(len(v) <= EXCEL_CELL_LIMIT and "생략" in v for v in cells.values())
    write_csv(_briefing("짧은 구절"), tmp_path / "short.csv")
    assert _cells(tmp_path / "short.csv")["Passage"] == "짧은 구절"


def test_a_cut_formula_like_cell_keeps_its_apostrophe_within_the_limit(tmp_path):
    text = "=" + "x" * 40_000
    write_csv(_briefing(text), tmp_path / "f.csv")
    cell = _cells(tmp_path / "f.csv")["Passage"]
    assert cell.startswith("'=") and len(cell) <= EXCEL_CELL_LIMIT
