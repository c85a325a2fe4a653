"""Find in document: offsets in the original text, whatever casefolding does."""

from hypothesis import example, given, settings
from hypothesis import strategies as st

from workbench.core.textfind import find_all


def test_offsets_survive_casefolding_that_changes_length():
    text = "Die Straße führt zum Ministerium. ﬁnal 😀 MINISTERIUM"
    found = find_all(text, "ministerium")
    assert [text[a:b] for a, b in found] == ["Ministerium", "MINISTERIUM"]
    assert [text[a:b] for a, b in find_all(text, "strasse")] == ["Straße"]
    assert [text[a:b] for a, b in find_all(text, "FINAL")] == ["ﬁnal"]
    assert find_all(text, "") == []


def test_korean_and_decomposed_input():
    import unicodedata

    text = "과기정통부가 발표했다. 과기정통부는"
    needle = unicodedata.normalize("NFD", "과기정통부")  # typed decomposed
    assert [text[a:b] for a, b in find_all(text, needle)] == ["과기정통부", "과기정통부"]


def test_finder_narrows_as_the_needle_grows_and_finds_what_a_fresh_search_finds():
    from workbench.core.textfind import Finder

    text = "인공지능 기본법, 인공 지능, 인공지능산업 · 인도 · 인공지능" * 3
    finder = Finder(text)
    for typed in ("인", "인공", "인공지", "인공지능", "인공", "인공지능산", "x", ""):
        found = finder.find(typed).pairs()
        assert found == find_all(text, typed, limit=10**6)
        assert all(text[a:b] == typed for a, b in found)
    assert Finder("aaa").find("aa").pairs() == [(0, 2), (1, 3)]  # overlapping, as find_all
    assert Finder("Straße STRASSE").find("strasse").pairs() == [(0, 6), (7, 14)]  # folding that changes length


def test_finder_starts_from_a_place_and_wraps():
    from workbench.core.textfind import Finder

    text = "미국 … 중국 … 미국 … 미국"
    finder = Finder(text)
    found = finder.find("미국")
    starts = found.starts
    assert found.first_from(0) == 0
    assert found.first_from(starts[0] + 1) == 1  # the first at or after the place
    assert found.first_from(starts[1]) == 1
    assert found.first_from(starts[2] + 1) == 0  # past the last: wraps to the first
    assert finder.find("일본").first_from(0) == -1
    found = Finder("ab abab ba").find("ab")
    assert found.between(1, 4) == [(0, 2), (3, 5)] and found.between(9, 10) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aAbß인공지능 ", max_size=40), st.lists(st.sampled_from("aAbß인공지능 "), min_size=1, max_size=5))
@example("ßßß", ["ß"])  # folded "ssssss": five places, three of them real
def test_typing_letter_by_letter_finds_what_a_fresh_search_finds(text, letters):
    from workbench.core.textfind import Finder

    finder = Finder(text)
    needle = ""
    for letter in letters:
        needle += letter
        expected = find_all(text, needle, limit=10**6)
        assert finder.find(needle).pairs() == Finder(text).find(needle).pairs() == expected
        assert finder.matches.between(3, 9) == [(a, b) for a, b in expected if a < 9 and b > 3]


def test_sharp_s_matches_whole_letters_only():
    """ß folds to "ss": each ß is one match, none spans two, and "s" is not half of one."""
    from workbench.core.textfind import Finder

    assert find_all("ßßß", "ß") == [(0, 1), (1, 2), (2, 3)]
    assert Finder("ßßß").find("ß").pairs() == [(0, 1), (1, 2), (2, 3)]
    assert find_all("Straße Strasse", "strasse") == [(0, 6), (7, 14)]
    assert find_all("Straße", "s") == [(0, 1)]
