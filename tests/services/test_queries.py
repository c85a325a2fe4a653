"""The filters the window builds parse back to exactly the value they name."""

from __future__ import annotations

import pytest

from workbench.search.query import Phrase, Term, parse_query
from workbench.services.queries import entity_query, tag_query, type_query


@pytest.mark.parametrize("value", ["과기정통부", "AI 안전연구소", "정책 / 규제", "메타(Meta)", "-마이너스", "OR", "a:b"])
def test_a_filter_names_exactly_its_value(value):
    for build, field in ((entity_query, "entity"), (tag_query, "tag")):
        node = parse_query(build(value))
        assert isinstance(node, (Term, Phrase)) and node.field == field and node.text == value


def test_types_and_quotes():
    assert type_query("PERSON") == "type:PERSON"
    node = parse_query(entity_query('이른바 "AI" 법'))  # a quote cannot be written inside a phrase
    assert node.field == "entity" and node.text == "이른바 AI 법"
