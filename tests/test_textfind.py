"""Find in document: offsets in the original text, whatever casefolding does."""

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
