"""The fast forms of the extractor's pieces agree with the plain ones they
replaced (on random input, beyond the pinned documents), and Kiwi tokens
computed by the caller stand in for the extractor's own Kiwi run."""

from __future__ import annotations

import random
import re

import pytest

from workbench.entities.extract import EntityExtractor, _Taken
from workbench.entities.trie import first_chars, trie_alternation


def test_taken_spans_answer_as_the_scan_did():
    rng = random.Random(7)
    for _ in range(200):
        taken, scan = _Taken([]), []
        for _ in range(60):
            start = rng.randrange(0, 200)
            end = start + rng.randrange(1, 12)
            overlaps = any(start < b and a < end for a, b in scan)
            assert taken.overlaps(start, end) == overlaps
            if not overlaps:
                taken.add(start, end)
                scan.append((start, end))


@pytest.mark.parametrize("ignore_case", [False, True])
def test_trie_matches_what_the_plain_alternation_matches(ignore_case):
    rng = random.Random(11 + ignore_case)
    alphabet = "abAB 가나-" if ignore_case else "ab 가나-"
    flags = re.IGNORECASE if ignore_case else 0
    for _ in range(300):
        names = list({"".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 5))) for _ in range(8)})
        names.sort(key=len, reverse=True)
        plain = "|".join(re.escape(n) for n in names)
        text = "".join(rng.choice(alphabet + "c") for _ in range(80))
        # As in the gazetteer: a look-behind before, a look-ahead after (so backtracking matters).
        old = re.compile(rf"(?<![ab])(?:{plain})(?=나?(?![ab가]))", flags)
        new = re.compile(rf"{first_chars(names)}(?<![ab])(?:{trie_alternation(names, ignore_case)})(?=나?(?![ab가]))",
                         flags)
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], (names, text)


def test_ambiguous_case_pairs_fall_back_to_the_plain_alternation():
    pattern = re.compile(trie_alternation(["ſa", "sb"], ignore_case=True), re.IGNORECASE)
    assert pattern.fullmatch("SB") and pattern.fullmatch("sa")


TEXT = "장은영 디지털플랫폼정부위원회 기획총괄과장은 말했다.\n제이슨 권 오픈AI CSO가 밝혔다. 바이든 대통령은 서명했다."


def _no_kiwi(lines):
    raise AssertionError("Kiwi ran although the tokens were given")


def test_given_tokens_replace_the_extractors_kiwi_run():
    from workbench.core.aliases import load_resource_aliases
    from workbench.corpus.kiwi import get_kiwi

    table = load_resource_aliases()
    tokens = get_kiwi().tokenize(TEXT)
    own = EntityExtractor(table, lambda lines: get_kiwi().tokenize(lines)).extract(TEXT)
    given = EntityExtractor(table, _no_kiwi).extract(TEXT, tokens=tokens)
    assert given == own
    assert ("제이슨 권", "kiwi:nnp+title") in [(m.text, m.evidence) for m in given]
    # An extractor without Kiwi of its own uses the tokens too.
    assert EntityExtractor(table).extract(TEXT, tokens=tokens) == own
    # Tokens in any order, as plain objects with form/tag/start/len.
    shuffled = list(tokens)
    random.Random(3).shuffle(shuffled)
    assert EntityExtractor(table, _no_kiwi).extract(TEXT, tokens=shuffled) == own


def test_project_entities_pass_the_tokens_through(project):
    from workbench.corpus.kiwi import get_kiwi
    from workbench.services.entities import ProjectEntities

    entities = ProjectEntities(project)
    own = entities.extract(TEXT)
    entities.extractor.tokenize = _no_kiwi
    assert entities.extract(TEXT, tokens=get_kiwi().tokenize(TEXT)) == own
