"""The numbers the charts draw are the numbers the rest of Workbench gives:
per-document counts equal the search service's, positions equal match
offsets, heatmap cells equal annotation counts, co-occurrence equals a
brute-force count over the index's passages."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest

from workbench.core.errors import WorkbenchError
from workbench.services import annotations as svc
from workbench.services import charts
from workbench.services.search import search
from workbench.store.documents import DocumentRepository


def test_hits_per_document_equal_the_search_services(seeded_project):
    frame = charts.distribution(seeded_project, charts.source_of(query="인공지능 기본법"))
    result = search(seeded_project, "인공지능 기본법", limit=None, docs=True)
    assert dict(zip(frame.doc_id, frame["count"])) == {d.doc_id: d.hits for d in result.docs}
    assert list(frame["count"]) == sorted(frame["count"], reverse=True)
    row = frame.iloc[0]
    assert row.per_10k == pytest.approx(row["count"] * 10_000 / row.chars, abs=1e-3)
    assert frame.attrs["unit"] == "passages"


def test_entity_counts_are_its_mentions_under_any_name(seeded_project):
    frame = charts.distribution(seeded_project, charts.source_of(entity="과기정통부"))
    conn = seeded_project.connect()
    try:
        expected = Counter(r[0] for r in conn.execute(
            "SELECT doc_id FROM entities WHERE canonical IN ('과학기술정보통신부', '과기정통부')"))
    finally:
        conn.close()
    assert dict(zip(frame.doc_id, frame["count"])) == dict(expected) and sum(expected.values()) > 10


def test_dispersion_positions_are_the_match_offsets(seeded_project):
    report = next(d for d in DocumentRepository(seeded_project.connect()).list() if d.chars > 100_000)
    sources = [charts.source_of(query="반도체"), charts.source_of(entity="과기정통부")]
    frame = charts.dispersion(seeded_project, report.id, sources)
    hits = search(seeded_project, f"doc:{report.id} 반도체", limit=None).hits
    expected = sorted({m for h in hits for m in h.matches})
    query_rows = frame[frame.series == "반도체"]
    assert list(zip(query_rows.start, query_rows.end)) == expected and expected
    assert all(0 <= f < 1 for f in frame.fraction)
    assert frame.attrs["chars"] == report.chars and frame.attrs["sections"]
    first = query_rows.iloc[0]
    assert first.section  # the section the occurrence sits in
    bins = charts.density(list(query_rows.start), report.chars, bins=10)
    assert len(bins) == 10 and max(bins) == 1.0


def test_tag_cells_equal_the_annotation_counts(project, tmp_path):
    from workbench.services.ingest import ingest
    from workbench.services.jobs import run_job

    for name, text in (("a.txt", "가나다 라마바 사아자 차카타 파하"), ("b.txt", "하나 둘 셋 넷 다섯 여섯")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    run_job(ingest(project, [tmp_path / "a.txt", tmp_path / "b.txt"], entities=False))
    svc.tag_passage(project, "a.txt", ["정책 / 규제"], quote="가나다")
    svc.tag_passage(project, "a.txt", ["정책 / 규제", "산업 / 규제"], quote="라마바")
    svc.tag_passage(project, "b.txt", ["산업 / 규제"], quote="하나")
    frame = charts.tag_matrix(project)
    assert frame.loc["정책 / 규제", 1] == 2 and frame.loc["산업 / 규제", 1] == 1 and frame.loc["산업 / 규제", 2] == 1
    assert frame.loc["정책 / 규제", 2] == 0 and frame.values.sum() == 4  # a passage with two tags counts in both
    assert frame.attrs["titles"][2].startswith("하나")


def test_tags_by_publisher_type_and_month_add_up_their_documents(project, tmp_path):
    """Three documents: two of 과기정통부 in March (a press release and a
    report), one without a publisher dated only by year. Counts by hand."""
    from tests.helpers.crosstab_project import tagged_documents

    tagged_documents(project, tmp_path, b_date="2024-03-20", policy="정책 / 규제")

    by_publisher = charts.tag_matrix(project, by="publisher")
    assert list(by_publisher.columns) == ["과기정통부", ""]  # documents without one last
    assert by_publisher.loc["정책 / 규제", "과기정통부"] == 3 and by_publisher.loc["산업", ""] == 1
    assert by_publisher.loc["산업", "과기정통부"] == 1
    assert by_publisher.attrs["groups"] == {"과기정통부": [1, 2], "": [3]}

    by_type = charts.tag_matrix(project, by="type", language="ko")
    assert list(by_type.columns) == ["보고서", "보도자료"]
    assert by_type.loc["정책 / 규제", "보도자료"] == 2 and by_type.loc["정책 / 규제", "보고서"] == 1
    assert by_type.loc["산업", "보고서"] == 1 and by_type.loc["산업", "보도자료"] == 1

    by_month = charts.tag_matrix(project, by="month")
    assert list(by_month.columns) == ["2024-03", ""]  # a year alone has no month
    assert by_month.loc["정책 / 규제", "2024-03"] == 3 and by_month.values.sum() == 5
    with pytest.raises(WorkbenchError):
        charts.tag_matrix(project, by="author")


def test_the_command_line_gives_the_crosstab_by_publisher(project, tmp_path, capsys):
    import json

    from workbench.cli.main import main as cli
    from workbench.services.ingest import ingest
    from workbench.services.jobs import run_job
    from workbench.services.metadata import set_document_metadata

    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"{name} 본문 글", encoding="utf-8")
    run_job(ingest(project, [tmp_path / "a.txt", tmp_path / "b.txt"], entities=False))
    set_document_metadata(project, "a.txt", publisher="기획재정부")
    svc.tag_passage(project, "a.txt", ["예산"], quote="본문")
    svc.tag_passage(project, "b.txt", ["예산"], quote="본문")
    assert cli(["chart", "tags", "--by", "publisher", "--json", "--project", str(project.root)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["columns"], data["rows"], data["values"], data["by"]) == (["기획재정부", ""], ["예산"], [[1, 1]],
                                                                           "publisher")
    assert data["documents"] == {"기획재정부": [1], "": [2]}


def test_cooccurrence_equals_a_brute_force_count_over_passages(seeded_project):
    from workbench.search.passages import make_passages

    frame = charts.cooccurrence(seeded_project, "ORG", top=8)
    names = list(frame.index)
    assert len(names) == 8 and list(frame.columns) == names
    pairs, singles = Counter(), Counter()
    conn = seeded_project.connect()
    try:
        repo = DocumentRepository(conn)
        for doc in repo.list():
            mentions = conn.execute("SELECT start, end, canonical FROM entities WHERE doc_id = ?", (doc.id,)).fetchall()
            for passage in make_passages(repo.text(doc.id), repo.blocks(doc.id)):
                inside = {c for a, b, c in mentions if passage.start <= a and b <= passage.end and c in names}
                singles.update(inside)
                pairs.update(frozenset(p) for p in combinations(sorted(inside), 2))
    finally:
        conn.close()
    for a in names:
        assert frame.loc[a, a] == singles[a]
        for b in names:
            if a != b:
                assert frame.loc[a, b] == pairs[frozenset((a, b))]
    assert frame.values.sum() > frame.values.trace()  # some of them do meet


REAL = Path(__file__).resolve().parents[1] / "fixtures" / "realfiles"
TRANSCRIPT = REAL / "text" / "의대증원찬성_utf8.txt"
ANNOUNCEMENT = ("보도자료\n\n2025. 1. 10.\n\n정부는 2024년 2월 1일부터 2월 29일까지 신청을 받는다. "
                "결과는 오는 4월 발표한다. 2월 30일은 달력에 없다.")


def _is_real(value: str) -> bool:
    parts = value.split("-")
    date.fromisoformat(value if len(parts) == 3 else value + "-01")
    return True


def test_timeline_places_real_dates_and_counts_what_it_leaves_out(project, tmp_path):
    from workbench.services.ingest import ingest
    from workbench.services.jobs import run_job

    (tmp_path / "announcement.txt").write_text(ANNOUNCEMENT, encoding="utf-8")
    shutil.copy(TRANSCRIPT, tmp_path / TRANSCRIPT.name)
    run_job(ingest(project, [tmp_path / "announcement.txt", tmp_path / TRANSCRIPT.name]))
    frame = charts.timeline(project)
    assert all(_is_real(d) for d in frame.date)  # the transcript's "2월 29일" was 2022-02-29
    from workbench.services.documents import show_document

    by_doc = {"보도자료": show_document(project, "announcement.txt").info.id,
              "의대 정": show_document(project, TRANSCRIPT.name).info.id}
    mine = frame[frame.doc_id == by_doc["보도자료"]]
    assert set(mine.date) == {"2025-01-10", "2024-02-01", "2024-02-29", "2025-04"}  # a year from its sentence
    assert not (frame.doc_id == by_doc["의대 정"]).any()  # nothing in it says when: no date, no guess
    conn = project.connect()
    try:
        undated = [t for (t,) in conn.execute("SELECT text FROM entities WHERE type = 'DATE' AND doc_id = ?",
                                               (by_doc["의대 정"],)) if not re.search(r"(19|20)\d\d", t)]
    finally:
        conn.close()
    assert "2월 29일" in undated and len(undated) >= 10
    assert frame.attrs["unresolved"] == len(undated) + 1  # and "2월 30일"
    assert frame.attrs["undated_documents"] == 1
    data = charts.frame_to_json("timeline", frame)
    assert data["unresolved"] == frame.attrs["unresolved"] and len(data["rows"]) == len(frame)
