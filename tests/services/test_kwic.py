"""Keyword in context: every row checked against the stored text and counted
against a literal scan of it (not against the search), sorting by the
morphemes around the match, the filters, the command line and the workbook."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from workbench.cli.main import main
from workbench.core.errors import WorkbenchError
from workbench.search.kwic_keys import key_window
from workbench.services.annotations import tag_passage
from workbench.services.documents import list_documents, show_document
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.kwic import (
    MAX_WIDTH, KwicFilters, check_sort, check_width, export_kwic_steps, kwic,
)
from workbench.services.metadata import set_document_metadata
from workbench.services.projects import open_project

A = ("😀 정부는 반도체를 육성한다. 반도체가 성장했다. 반도체는 성장했다.\n\n"
     "한국의 반도체 수출이 늘었다. 미국의 반도체가 성장했다. 정부가 반도체를 지원한다.")
B = "반도체는 수출이 늘었다.\n\n개인 정보 보호가 중요하다. 개인정보를 지킨다. 인공지능 기본법이 나왔다."
C = "=1+2 반도체 위험을 말하는 문서. 날씨가 맑다."
TEXTS = {"a.txt": A, "b.txt": B, "c.txt": C}


def _ingest(project, folder) -> dict[str, int]:
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    run_job(ingest(project, [folder / n for n in TEXTS]))
    return {d.source.rsplit("/", 1)[-1]: d.id for d in list_documents(project)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Three documents, read-only for the tests that share them."""
    folder = tmp_path_factory.mktemp("kwic")
    project = open_project(folder / "project")
    ids = _ingest(project, folder)
    texts = {doc_id: show_document(project, str(doc_id)).text for doc_id in ids.values()}
    return project, ids, texts


@pytest.fixture
def writable(project, tmp_path):
    return project, _ingest(project, tmp_path)


def _literal(texts: dict[int, str], pattern: str) -> set[tuple[int, int, int]]:
    return {(doc_id, m.start(), m.end()) for doc_id, text in texts.items() for m in re.finditer(pattern, text)}


def _check_exact(rows, texts, width):
    for row in rows:
        text = texts[row.doc_id]
        assert row.match == text[row.start:row.end]
        assert row.left == text[max(0, row.start - width):row.start]
        assert row.right == text[row.end:row.end + width]


def test_every_match_is_a_row_with_the_text_really_around_it(corpus):
    project, ids, texts = corpus
    result = kwic(project, "반도체", width=12)
    expected = _literal(texts, "반도체")
    assert len(expected) == 8  # by hand: 6 in A (the first after the emoji), 1 in B, 1 in C
    assert {(r.doc_id, r.start, r.end) for r in result.rows} == expected
    assert result.total == len(result.rows) == 8 and result.documents == 3
    _check_exact(result.rows, texts, 12)
    # Offsets are code points: the first match of A comes after the emoji (one code point, two UTF-16 units).
    first = min(r.start for r in result.rows if r.doc_id == ids["a.txt"])
    assert first == A.index("반도체") == 6
    assert [(r.doc_id, r.start) for r in result.rows] == sorted((r.doc_id, r.start) for r in result.rows)


def test_sorting_by_the_words_after_keeps_particles_from_splitting_groups(corpus):
    project, ids, texts = corpus
    rows = kwic(project, "반도체", width=12, sort="right").rows
    # 반도체가 성장했다 and 반도체는 성장했다: one group, whatever the particle.
    grown = [i for i, r in enumerate(rows) if re.match(r"[가는] 성장했다", r.right)]
    assert len(grown) == len(re.findall("반도체[가는] 성장했다", A)) == 3
    assert grown == list(range(grown[0], grown[0] + 3))  # next to each other
    assert {rows[i].right[0] for i in grown} == {"가", "는"}
    # A plain sort of the right context would have put 는-rows with 는 수출이 (B), apart from 가 성장.
    assert rows[grown[0]].right_key[0] == "성장"
    keys = [r.right_key for r in rows]
    assert [k for k in keys if k] == sorted(k for k in keys if k)


def test_sorting_by_the_words_before_reads_the_nearest_morpheme_first(corpus):
    project, ids, texts = corpus
    rows = kwic(project, "반도체", width=12, sort="left").rows
    # 정부는 반도체를 and 정부가 반도체를: together under 정부, particles aside.
    government = [i for i, r in enumerate(rows) if re.search(r"정부[는가] $", r.left)]
    assert len(government) == 2 and government[1] == government[0] + 1
    firsts = [r.left_key[0] for r in rows if r.left_key]
    assert firsts == sorted(firsts)
    order = [r.left_key[0] for r in rows if r.left_key and r.left_key[0] in ("미국", "한국", "정부")]
    assert order == ["미국", "정부", "정부", "한국"]  # 의 and the particles play no part
    assert not rows[-1].left_key or rows[-1].left_key[0] >= firsts[-1]


def test_a_phrase_is_one_row_whether_written_spaced_or_not(corpus):
    project, ids, texts = corpus
    result = kwic(project, '"개인 정보"', width=8)
    assert {(r.doc_id, r.start, r.end) for r in result.rows} == _literal(texts, "개인 ?정보")
    assert sorted(r.match for r in result.rows) == ["개인 정보", "개인정보"]
    _check_exact(result.rows, texts, 8)


def test_words_found_side_by_side_are_one_row(corpus):
    project, ids, texts = corpus
    rows = kwic(project, "인공지능 기본법", width=5).rows
    assert [(r.doc_id, r.match) for r in rows] == [(ids["b.txt"], "인공지능 기본법")]


def test_a_cap_lists_the_first_rows_and_says_how_many_there_are(corpus):
    project, ids, texts = corpus
    result = kwic(project, "반도체", width=3, limit=4)
    assert result.total == 8 and len(result.rows) == 4 and result.capped
    assert any("8 matches" in w and "first 4" in w for w in result.warnings)
    ordered = sorted(_literal(texts, "반도체"))[:4]
    assert [(r.doc_id, r.start, r.end) for r in result.rows] == ordered
    _check_exact(result.rows, texts, 3)


def test_filters_by_document_type_and_date(writable):
    project, ids = writable
    a, b, c = ids["a.txt"], ids["b.txt"], ids["c.txt"]
    assert {r.doc_id for r in kwic(project, "반도체", filters=KwicFilters(docs=(b, c))).rows} == {b, c}
    set_document_metadata(project, a, date="2024.3.5", doc_type="보도자료")
    set_document_metadata(project, b, date="2023-11")
    only_a = kwic(project, "반도체", filters=KwicFilters(doc_type="보도자료"))
    assert {r.doc_id for r in only_a.rows} == {a} and only_a.total == A.count("반도체")
    assert {r.doc_id for r in kwic(project, "반도체", filters=KwicFilters(date_from="2024")).rows} == {a}
    assert {r.doc_id for r in kwic(project, "반도체", filters=KwicFilters(date_to="2023-12-31")).rows} == {b}
    assert {r.doc_id for r in kwic(project, "반도체",
                                   filters=KwicFilters(date_from="2023", date_to="2024-12")).rows} == {a, b}
    with pytest.raises(WorkbenchError) as bad:
        kwic(project, "반도체", filters=KwicFilters(date_from="2024-13"))
    assert "2024-13" in bad.value.message and "날짜" in bad.value.message_ko
    with pytest.raises(WorkbenchError):
        kwic(project, "반도체", filters=KwicFilters(date_from="2025", date_to="2024"))


def test_a_tag_filter_keeps_the_matches_inside_its_passages(writable):
    project, ids = writable
    a = ids["a.txt"]
    second = A.index("반도체가 성장")
    tag_passage(project, str(a), ["정책 / 산업"], second - 2, second + 10)  # one sentence of A
    result = kwic(project, "반도체", filters=KwicFilters(tag="정책 / 산업"))
    assert [(r.doc_id, r.start, r.end) for r in result.rows] == [(a, second, second + 3)]
    assert [(r.doc_id, r.start) for r in kwic(project, "반도체", filters=KwicFilters(tag="정책")).rows] == [
        (a, second)]  # a tag under it counts
    with pytest.raises(WorkbenchError):
        kwic(project, "반도체", filters=KwicFilters(tag="없는 태그"))


def test_the_command_line_gives_rows_with_exact_text_and_offsets(corpus, capsys):
    project, ids, texts = corpus
    assert main(["kwic", "반도체", "--project", str(project.root), "--json", "--width", "5",
                 "--sort", "right"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 8 and data["shown"] == 8 and data["sort"] == "right"
    for row in data["rows"]:
        assert set(row) >= {"doc_id", "title", "source", "start", "end", "left", "match", "right"}
        text = texts[row["doc_id"]]
        assert (row["left"], row["match"], row["right"]) == (
            text[max(0, row["start"] - 5):row["start"]], text[row["start"]:row["end"]], text[row["end"]:row["end"] + 5])
    assert main(["kwic", "반도체", "--project", str(project.root), "--json", "--doc", "b.txt", "c.txt"]) == 0
    assert {r["doc_id"] for r in json.loads(capsys.readouterr().out)["rows"]} == {ids["b.txt"], ids["c.txt"]}


def test_the_command_line_aligns_the_keyword_for_a_person(corpus, capsys):
    project, ids, texts = corpus
    assert main(["kwic", "반도체", "--project", str(project.root), "--width", "6", "--lang", "ko"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("문서 3개에서 8건")
    import unicodedata

    def columns(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    starts = {columns(line[:line.index("[반도체]")]) for line in lines[1:]}
    assert len(starts) == 1  # the keyword in one column on every line (Hangul counted as two)
    assert all("\n" not in line for line in lines)


def test_a_width_outside_1_to_500_is_refused_by_the_command(corpus, capsys):
    project, ids, texts = corpus
    with pytest.raises(SystemExit) as stop:
        main(["kwic", "반도체", "--project", str(project.root), "--width", "0"])
    assert stop.value.code == 2
    assert "1 to 500" in capsys.readouterr().err


def test_the_workbook_holds_the_rows_as_listed(corpus, tmp_path):
    project, ids, texts = corpus
    result = kwic(project, "반도체", width=10, sort="left")
    out = tmp_path / "kwic.xlsx"
    summary = run_job(export_kwic_steps(result, out, language="ko", filters=KwicFilters(docs=(ids["a.txt"],))))
    assert summary["rows"] == 8 and out.exists()
    wb = load_workbook(out)
    ws = wb[wb.sheetnames[0]]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("문서", "제목", "앞 문맥", "검색어", "뒤 문맥", "시작", "끝")
    assert [(r[0], r[2] or "", r[3], r[4] or "", r[5], r[6]) for r in rows[1:]] == [
        (x.doc_id, x.left, x.match, x.right, x.start, x.end) for x in result.rows]
    # A context that looks like a formula stays text (C begins "=1+2 반도체").
    formula = next(c for c in ws["C"][1:] if (c.value or "").startswith("="))
    assert formula.value == "=1+2 " and formula.data_type == "s"
    assert ws["C2"].alignment.horizontal == "right" and ws["D2"].font.b
    about = dict(wb[wb.sheetnames[1]].iter_rows(values_only=True))
    assert about["검색어"] == "반도체" and about["일치 수"] == 8 and about["정렬"] == "앞 단어"
    with pytest.raises(WorkbenchError):
        run_job(export_kwic_steps(result, tmp_path / "kwic.csv"))


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.integers(-10, 10_000), st.text(max_size=8)))
def test_any_width_typed_is_a_number_from_1_to_500_or_refused(value):
    try:
        width = check_width(value)
    except WorkbenchError as exc:
        assert "1" in exc.message and str(MAX_WIDTH) in exc.message_ko
        return
    assert 1 <= width <= MAX_WIDTH and width == int(str(value).strip())


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.none(), st.sampled_from(["left", "RIGHT ", "document", ""]), st.text(max_size=6)))
def test_any_sort_typed_is_left_right_document_order_or_refused(value):
    try:
        sort = check_sort(value)
    except WorkbenchError:
        assert (value or "").strip().lower() not in ("left", "right", "document", "doc", "")
        return
    assert sort in (None, "left", "right")
    assert sort == (None if (value or "").strip().lower() in ("", "document", "doc") else value.strip().lower())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="가나 다\n😀ab", min_size=1, max_size=60), st.data())
def test_the_key_window_holds_the_match_where_it_is(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    window, a, b = key_window(text, start, end)
    assert window[a:b] == text[start:end]
    assert window in text and text.find(window, start - a) == start - a


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(1, 40), st.sampled_from([None, "left", "right"]))
def test_every_width_and_sort_gives_the_same_exact_rows(corpus, width, sort):
    project, ids, texts = corpus
    result = kwic(project, "반도체", width=width, sort=sort)
    assert {(r.doc_id, r.start, r.end) for r in result.rows} == _literal(texts, "반도체")
    _check_exact(result.rows, texts, width)


def test_tagging_matches_is_one_step_that_a_changed_document_refuses_whole(writable, tmp_path):
    from workbench.core.errors import StaleTextError
    from workbench.services.annotations import list_annotations, put_back
    from workbench.services.codebook import codebook
    from workbench.services.kwic import tag_matches

    project, ids = writable
    rows = kwic(project, "반도체").rows
    chosen = [(r.doc_id, r.start, r.end, r.text_sha) for r in rows if r.doc_id == ids["a.txt"]][:3]
    outcome = tag_matches(project, chosen, ["검토 / 반도체"], note="확인")
    stored = {(a.doc_id, a.start, a.end, a.quote, a.note) for a in list_annotations(project, tag="검토 / 반도체")}
    assert stored == {(d, s, e, A[s:e], "확인") for d, s, e, _ in chosen}
    assert outcome.changes.annotations == {a.id for a in outcome.value} and outcome.changes.codebook
    put_back(project, [a.id for a in outcome.value], [])  # what Ctrl+Z does
    assert list_annotations(project) == []
    # B is added again with new text: a step naming one of its matches is refused whole.
    (tmp_path / "b.txt").write_text(B + " 반도체 추가.", encoding="utf-8")
    run_job(ingest(project, [tmp_path / "b.txt"]))
    stale = chosen + [(r.doc_id, r.start, r.end, r.text_sha) for r in rows if r.doc_id == ids["b.txt"]]
    with pytest.raises(StaleTextError):
        tag_matches(project, stale, ["새 태그"])
    assert list_annotations(project) == [] and "새 태그" not in [t.path for t in codebook(project)]
