"""Auto-code from a search: every hit tagged at the chosen unit, checked
against a literal scan of the alias names (not against the search itself)."""

from __future__ import annotations

import re

import pytest

from workbench.core.errors import StaleTextError, WorkbenchError
from workbench.services.annotations import list_annotations, put_back, tag_passage
from workbench.services.autocode import apply_plan, autocode, plan_autocode
from workbench.services.documents import list_documents
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job

MINISTRY = ("과학기술정보통신부", "과기정통부", "과기부", "MSIT", "Ministry of Science and ICT")  # resources/aliases.tsv
A = ("과학기술정보통신부는 반도체 지원을 늘린다고 밝혔다. 과기정통부 장관은 환영했다 그러나 우려도 있다.\n\n"
     "다른 단락은 날씨 이야기다.")
B = "😀 과기정통부가 발표했다. 오픈AI와 협력한다고 했다.\n\n개인 정보 보호 지침도 나왔다."
C = "관련 없는 문서. 반도체 수출이 늘었다."


@pytest.fixture
def docs(project, tmp_path):
    for name, text in (("a.txt", A), ("b.txt", B), ("c.txt", C)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    run_job(ingest(project, [tmp_path / n for n in ("a.txt", "b.txt", "c.txt")]))
    return {d.source.rsplit("/", 1)[-1]: d.id for d in list_documents(project)}


def _literal(text: str) -> list[tuple[int, int]]:
    pattern = re.compile("|".join(re.escape(n) for n in sorted(MINISTRY, key=len, reverse=True)))
    return [m.span() for m in pattern.finditer(text)]


def _tagged(project, tag: str) -> set[tuple[int, int, int, str]]:
    return {(r.doc_id, r.start, r.end, r.quote) for r in list_annotations(project, tag=tag)}


def test_every_alias_of_the_query_is_tagged_where_a_literal_scan_finds_it(project, docs):
    result = autocode(project, "과기정통부", "정책 / 부처", "match").value
    expected = {(docs[name], a, b, text[a:b]) for name, text in (("a.txt", A), ("b.txt", B))
                for a, b in _literal(text)}
    assert len(expected) == 3
    assert _tagged(project, "정책 / 부처") == expected
    assert len(result.created) == 3 and result.plan.matches == 3
    # Offsets are code points: the emoji before the match in b.txt counts one.
    assert (docs["b.txt"], 2, 7, "과기정통부") in expected


def test_a_sentence_is_a_korean_sentence_not_up_to_a_full_stop(project, docs):
    autocode(project, "과기정통부", "부처 문장", "sentence")
    quotes = sorted(q for _, _, _, q in _tagged(project, "부처 문장"))
    # "…환영했다 그러나…" has no full stop: Kiwi ends the sentence at 환영했다.
    # (The emoji opens b.txt's first sentence.)
    assert quotes == ["과기정통부 장관은 환영했다", "과학기술정보통신부는 반도체 지원을 늘린다고 밝혔다.", "😀 과기정통부가 발표했다."]


def test_a_paragraph_unit_tags_the_paragraph_once_for_several_matches(project, docs):
    result = autocode(project, "과기정통부", "부처 문단", "paragraph").value
    rows = sorted(_tagged(project, "부처 문단"))
    assert [(doc, q) for doc, _, _, q in rows] == [(docs["a.txt"], A.split("\n\n")[0]),
                                                  (docs["b.txt"], B.split("\n\n")[0])]
    assert [s.matches for s in result.plan.spans if s.doc_id == docs["a.txt"]] == [2]  # two matches, one paragraph


def test_a_passage_unit_tags_the_passage_the_results_list_shows(project, docs):
    from workbench.services.search import search

    autocode(project, "과기정통부", "부처 단락", "passage")
    shown = {(h.doc_id, h.start, h.end) for h in search(project, "과기정통부", limit=None).hits}
    assert {(doc, a, b) for doc, a, b, _ in _tagged(project, "부처 단락")} == shown


def test_a_phrase_is_tagged_whole(project, docs):
    autocode(project, '"개인 정보 보호"', "개인정보", "match")
    assert {q for _, _, _, q in _tagged(project, "개인정보")} == {"개인 정보 보호"}


def test_running_it_twice_adds_nothing_and_the_preview_says_so(project, docs):
    autocode(project, "과기정통부", "부처", "match")
    plan = plan_autocode(project, "과기정통부", "부처", "match")
    assert plan.skipped == 3 and plan.to_tag == []
    result = apply_plan(project, plan).value
    assert result.created == [] and len(_tagged(project, "부처")) == 3


def test_an_existing_passage_with_the_same_span_gets_the_tag_and_keeps_its_own(project, docs):
    start = A.index("과기정통부")
    own = tag_passage(project, str(docs["a.txt"]), ["쟁점"], start, start + 5).value
    plan = plan_autocode(project, "과기정통부", "부처", "match")
    assert [s.state for s in plan.spans if s.start == start] == ["add-tag"]
    result = apply_plan(project, plan).value
    assert result.extended == [own.id]
    row = next(r for r in list_annotations(project) if r.id == own.id)
    assert sorted(row.tags) == ["부처", "쟁점"]
    assert row.applied(row.tags.index("쟁점")) == own.applied(0)  # who applied its own tag, and when, kept


def test_a_document_changed_after_the_preview_refuses_the_run_and_writes_nothing(project, docs, tmp_path):
    plan = plan_autocode(project, "과기정통부", "부처", "match")
    (tmp_path / "a.txt").write_text("머리말.\n\n" + A, encoding="utf-8")
    run_job(ingest(project, [tmp_path / "a.txt"]))
    with pytest.raises(StaleTextError) as caught:
        apply_plan(project, plan)
    assert "preview" in caught.value.message and "미리 보기" in caught.value.message_ko
    assert list_annotations(project) == []


def test_one_undo_takes_the_whole_run_back_and_redo_puts_it_again(project, docs):
    start = A.index("과기정통부")
    own = tag_passage(project, str(docs["a.txt"]), ["쟁점"], start, start + 5).value
    result = autocode(project, "과기정통부", "부처", "match").value
    put_back(project, result.created, result.before)  # undo
    assert [(r.id, r.tags) for r in list_annotations(project)] == [(own.id, ["쟁점"])]
    put_back(project, [], result.after)  # redo
    assert len(_tagged(project, "부처")) == 3


def test_a_unit_or_tag_that_is_not_one_is_refused_in_both_languages(project, docs):
    with pytest.raises(WorkbenchError) as caught:
        plan_autocode(project, "과기정통부", "부처", "word")
    assert "match, sentence, paragraph, passage" in caught.value.message and "단위" in caught.value.message_ko
    with pytest.raises(WorkbenchError):
        plan_autocode(project, "과기정통부", "  ", "match")


def test_the_command_line_previews_then_tags_and_says_so_in_json(project, docs, capsys):
    import json

    from workbench.cli.main import main as cli

    root = str(project.root)
    assert cli(["autocode", "과기정통부", "--tag", "부처", "--unit", "sentence", "--dry-run", "--json",
                "--project", root]) == 0
    preview = json.loads(capsys.readouterr().out)
    assert (preview["dry_run"], preview["to_tag"], preview["matches"], preview["documents"]) == (True, 3, 3, 2)
    assert list_annotations(project) == []  # a dry run changes nothing
    assert cli(["autocode", "과기정통부", "--tag", "부처", "--unit", "sentence", "--json", "--project", root]) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["created"] == 3 and len(done["annotation_ids"]) == 3
    assert cli(["autocode", "과기정통부", "--tag", "부처", "--unit", "sentence", "--project", root, "--lang", "ko"]) == 0
    assert "새 구절 0개" in capsys.readouterr().out and len(list_annotations(project)) == 3


def test_a_sentence_in_a_long_paragraph_is_whole_where_the_search_cut_its_passages(project, tmp_path):
    """A paragraph longer than a search passage (2,000 characters) is cut
    where the passages' rule finds a full stop; Kiwi ends sentences elsewhere
    too, and splitting only the passage gave sentences that began mid-phrase."""
    filler = "정부는 여러 사업을 검토했다 그리고 다음 해 예산을 늘렸다 " * 60  # no full stop: one long run
    target = "엔비디아의 최첨단 GPU를 1만 8천 개 도입할 예정이다."
    paragraph = filler + target + " " + filler
    (tmp_path / "long.txt").write_text(paragraph, encoding="utf-8")
    run_job(ingest(project, [tmp_path / "long.txt"]))
    plan = plan_autocode(project, "GPU", "컴퓨팅", "sentence")
    [span] = plan.spans
    assert span.quote.endswith(target) and "GPU" in span.quote
    assert span.quote.split()[0] in ("엔비디아의", "늘렸다", "그리고")  # a word boundary, never a cut word
    assert paragraph[span.start - 1] == " " and paragraph[span.start:span.end] == span.quote
