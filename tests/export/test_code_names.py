"""Unique code names for QualCoder (export.code_names): the same name in
several places of the tree is told apart by the shortest run of parents,
a top-level code keeps its name, and the result is unique against every
name, as QualCoder's ``unique(name)`` compares them (exactly)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbench.core.xmltext import clean
from workbench.export.code_names import UNNAMED, unique_names


def _names(*paths: str) -> list[str]:
    return unique_names([tuple(p.split(" / ")) for p in paths]).names


def test_the_issue_s_codebook():
    result = unique_names([("정책", "규제"), ("산업", "규제"), ("국제", "미국", "규제"), ("규제",),
                           ("정책",), ("산업",), ("국제",), ("국제", "미국")])
    assert result.names == ["규제 (정책)", "규제 (산업)", "규제 (미국)", "규제", "정책", "산업", "국제", "미국"]
    assert [r.to_json() for r in result.renamed] == [
        {"path": "정책 / 규제", "name": "규제 (정책)"}, {"path": "산업 / 규제", "name": "규제 (산업)"},
        {"path": "국제 / 미국 / 규제", "name": "규제 (미국)"}]


def test_the_shortest_run_of_parents_that_tells_them_apart():
    assert _names("국제 / 미국 / 규제", "국내 / 미국 / 규제") == ["규제 (국제 / 미국)", "규제 (국내 / 미국)"]
    assert _names("가 / 미국 / 규제", "나 / 미국 / 규제", "다 / 일본 / 규제") == [
        "규제 (가 / 미국)", "규제 (나 / 미국)", "규제 (일본)"]


def test_with_no_top_level_namesake_every_nested_one_is_renamed():
    assert _names("정책 / 규제", "산업 / 규제") == ["규제 (정책)", "규제 (산업)"]


def test_unique_names_are_left_alone():
    result = unique_names([("정책",), ("정책", "규제"), ("산업", "지원")])
    assert result.names == ["정책", "규제", "지원"] and result.renamed == []


def test_a_made_name_that_a_code_already_has_is_made_longer():
    # 규제 (정책) is a real code's name: the nested 정책 / 규제 may not take it.
    assert _names("규제 (정책)", "정책 / 규제", "규제") == ["규제 (정책)", "규제 (정책) (2)", "규제"]
    assert _names("규제 (미국)", "국제 / 미국 / 규제", "산업 / 규제") == [
        "규제 (미국)", "규제 (국제 / 미국)", "규제 (산업)"]


def test_the_same_path_twice_is_numbered():
    # A deleted tag's name kept on its passages can be a live top-level tag's name too.
    assert _names("규제", "규제") == ["규제", "규제 (2)"]
    assert _names("정책 / 규제", "정책 / 규제") == ["규제 (정책)", "규제 (정책) (2)"]


def test_names_are_compared_exactly_as_qualcoder_s_sqlite_does():
    # BINARY collation: case and spaces count, so these are already different names…
    assert _names("a / Reg", "b / reg", "c / reg ") == ["Reg", "reg", "reg "]
    # …but what XML cannot hold is left out of the file, so these two would be one name there.
    assert unique_names([("규제\x07",), ("가", "규제")]).names == ["규제", "규제 (가)"]


def test_an_empty_name_is_written_unnamed():
    assert unique_names([("",), ("가", " ")]).names == [UNNAMED, f"{UNNAMED} (가)"]


names = st.text(alphabet=st.one_of(st.sampled_from("규제정책산업국제미국 ()/"), st.sampled_from("😀👍🏽"),
                                   st.characters()), max_size=6)
trees = st.lists(st.lists(names, min_size=1, max_size=4).map(tuple), max_size=30)


@given(trees)
def test_every_name_is_unique_and_not_empty(paths):
    result = unique_names(paths)
    assert len(result.names) == len(paths)
    assert len(set(result.names)) == len(result.names)
    assert all(name.strip() for name in result.names)
    assert all(clean(name) == name for name in result.names)  # what the file holds is what was compared


@given(trees)
def test_a_name_no_other_code_has_is_kept_and_every_change_is_reported(paths):
    result = unique_names(paths)
    written = [clean(p[-1]) for p in paths]
    for path, last, name in zip(paths, written, result.names):
        if last.strip() and written.count(last) == 1:
            assert name == last
        if len(path) == 1 and last.strip() and sum(1 for p in paths if len(p) == 1 and clean(p[0]) == last) == 1:
            assert name == last  # the only top-level code of its name keeps it
    assert [(r.path, r.name) for r in result.renamed] == [
        (tuple(p), n) for p, last, n in zip(paths, written, result.names) if n != last]
