"""A deleted tag leaves its full path on its passages, as a record: 경제 / 해외투자
and 산업 / 해외투자 stay told apart after one of them is deleted — in the
service, the tag: filter, the briefing, the CSV, the command line's listing —
and a deleted passage brought back (undo) keeps the record whole."""

from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook

from workbench.services import annotations as svc
from workbench.services import codebook as books
from workbench.services.export import export_briefing
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job

TEXT = "정부는 해외투자 유치 전략을 발표했다. 반도체 업계의 해외투자는 늘었다."


@pytest.fixture
def two_investments(project, tmp_path):
    (tmp_path / "memo.txt").write_text(TEXT, encoding="utf-8")
    run_job(ingest(project, [tmp_path / "memo.txt"], entities=False))
    economy = svc.tag_passage(project, "memo.txt", ["경제 / 해외투자"], quote="해외투자 유치 전략").value
    industry = svc.tag_passage(project, "memo.txt", ["산업 / 해외투자"], quote="반도체 업계의 해외투자").value
    return project, tmp_path, economy, industry


def test_deleting_a_tag_keeps_its_full_path_on_the_passages(two_investments):
    project, root, economy, industry = two_investments
    assert books.delete_tag(project, "경제 / 해외투자").value == 1
    rows = {r.id: (r.tags, r.tag_ids) for r in svc.list_annotations(project)}
    assert rows[economy.id] == (["경제 / 해외투자"], [None])  # the record names the place, not just 해외투자
    assert rows[industry.id] == (["산업 / 해외투자"], industry.tag_ids)
    assert [r.id for r in svc.list_annotations(project, tag="경제 / 해외투자")] == [economy.id]
    assert [r.id for r in svc.list_annotations(project, tag="산업/해외투자")] == [industry.id]

    export_briefing(project, root / "brief.xlsx")
    ws = load_workbook(root / "brief.xlsx")["Passages"]
    header = [c.value for c in ws[1]]
    passage, tags = header.index("Passage") + 1, header.index("Tags") + 1
    by_text = {ws.cell(row=r, column=passage).value: ws.cell(row=r, column=tags).value
               for r in range(2, ws.max_row + 1)}
    assert by_text == {"해외투자 유치 전략": "경제 / 해외투자", "반도체 업계의 해외투자": "산업 / 해외투자"}
    export_briefing(project, root / "brief.csv", tags=["경제 / 해외투자"])
    with open(root / "brief.csv", encoding="utf-8-sig", newline="") as handle:
        assert [(r["Passage"], r["Tags"]) for r in csv.DictReader(handle)] == [("해외투자 유치 전략", "경제 / 해외투자")]


def test_undoing_the_delete_gives_the_tag_back(two_investments):
    project, _, economy, _ = two_investments
    before = books.codebook_snapshot(project)
    books.delete_tag(project, "경제 / 해외투자")
    books.restore_codebook(project, before)
    [row] = [r for r in svc.list_annotations(project) if r.id == economy.id]
    assert row.tags == ["경제 / 해외투자"] and row.tag_ids == economy.tag_ids  # the live tag again, not a record
    assert "경제 / 해외투자" in [t.path for t in books.codebook(project)]


def test_a_passage_brought_back_keeps_the_deleted_tags_path(two_investments):
    """Delete the tag, then the passage, then undo the passage's deletion."""
    project, _, economy, _ = two_investments
    books.delete_tag(project, "경제 / 해외투자")
    deleted = svc.delete_annotation(project, economy.id).value
    svc.restore_annotation(project, deleted)
    assert svc.get_annotation(project, economy.id).tags == ["경제 / 해외투자"]


def test_a_deleted_parent_leaves_its_path_and_children_move_up(two_investments):
    project, _, economy, _ = two_investments
    books.create_tag(project, "경제 / 해외투자 / 유치")
    row = svc.tag_passage(project, "memo.txt", ["경제 / 해외투자 / 유치"], quote="유치 전략").value
    books.delete_tag(project, "경제 / 해외투자")
    tags = {r.id: r.tags for r in svc.list_annotations(project)}
    assert tags[economy.id] == ["경제 / 해외투자"]
    assert tags[row.id] == ["경제 / 유치"]  # a live tag, moved up a level
