"""Property-based tests for what the analyst types into the search box and the
filters the window writes for them (Hypothesis).

- Any text either parses or is refused with a message in both languages that
  points inside the query; nothing else is ever raised.
- A query built from a tree parses back to that tree (AND binds tighter than
  OR, NOT and - negate, parentheses group, fields carry their value).
- A filter the window builds (entity:, tag:, type:) names exactly the value
  it was built from, whatever the name holds.
- date: filters give the first and last day they stand for, or a message.
"""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.search.doc_filters import parse_date_filter
from workbench.search.query import FIELDS, And, Not, Or, Phrase, QueryError, Term, parse_query
from workbench.services.queries import entity_query, filter_query, tag_query

HANGUL = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)
LETTERS = st.one_of(HANGUL, st.sampled_from("abcxyzAIGPT0123456789"))
WORDS = st.text(LETTERS, min_size=1, max_size=6).filter(lambda w: w not in ("AND", "OR", "NOT"))
# What an analyst might type, operators and punctuation included.
TYPED = st.text(st.one_of(LETTERS, st.sampled_from(' ()"*-:/.AND OR NOT\t\n'),
                          st.characters(blacklist_categories=("Cs",))), max_size=80)


@settings(max_examples=400, deadline=None)
@given(TYPED)
def test_any_text_parses_or_gets_a_message_that_points_into_the_query(query):
    try:
        node = parse_query(query)
    except QueryError as exc:
        assert exc.localized("en") and exc.localized("ko")
        assert exc.localized("ko") != exc.localized("en")
        if exc.position is not None:
            assert 0 <= exc.position <= len(query)
        return
    assert isinstance(node, Term | Phrase | Not | And | Or)


# --- a tree, written out, read back -----------------------------------------------------------

def _leaf():
    term = WORDS.map(Term)
    prefix = WORDS.map(lambda w: Term(w, prefix=True))
    phrase = st.lists(WORDS, min_size=2, max_size=3).map(lambda ws: Phrase(" ".join(ws)))
    field = st.tuples(st.sampled_from(["doc", "section", "title", "entity", "tag", "note", "publisher"]),
                      WORDS).map(lambda fv: Term(fv[1], fv[0]))
    return st.one_of(term, prefix, phrase, field)


def _positive(children):
    """An AND with at least one positive member, or an OR of positives."""
    ands = st.lists(st.one_of(children, children.map(Not)), min_size=2, max_size=3).filter(
        lambda nodes: any(not isinstance(n, Not) for n in nodes)).map(lambda ns: And(tuple(ns)))
    ors = st.lists(children, min_size=2, max_size=3).map(lambda ns: Or(tuple(ns)))
    return st.one_of(ands, ors)


TREES = st.recursive(_leaf(), _positive, max_leaves=8)


def _write(node, negate_with_minus: bool) -> str:
    if isinstance(node, Term):
        return f"{node.field + ':' if node.field else ''}{node.text}{'*' if node.prefix else ''}"
    if isinstance(node, Phrase):
        return f'"{node.text}"'
    if isinstance(node, Not):
        inner = _write(node.node, negate_with_minus)
        if isinstance(node.node, And | Or):
            inner = f"({inner})"
        return f"-{inner}" if negate_with_minus and not isinstance(node.node, And | Or) else f"NOT {inner}"
    joiner = " OR " if isinstance(node, Or) else " "
    return joiner.join(f"({_write(n, negate_with_minus)})" if isinstance(n, And | Or) else _write(n, negate_with_minus)
                       for n in node.nodes)


@pytest.mark.filterwarnings("ignore:Generating overly large repr")  # Hypothesis describing the tree strategy
@settings(max_examples=300, deadline=None)
@given(TREES, st.booleans())
def test_a_query_written_from_a_tree_reads_back_as_that_tree(tree, minus):
    assert parse_query(_write(tree, minus)) == tree


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=4), st.lists(WORDS, min_size=1, max_size=3))
def test_and_binds_tighter_than_or(left, right):
    node = parse_query(" ".join(left) + " OR " + " ".join(right))
    assert isinstance(node, Or) and len(node.nodes) == 2
    for side, words in zip(node.nodes, (left, right)):
        assert side == (Term(words[0]) if len(words) == 1 else And(tuple(Term(w) for w in words)))


# --- filters the window writes ------------------------------------------------------------------

NAMES = st.text(st.one_of(LETTERS, st.sampled_from(' ()"*-:/._&[]「」·'), st.characters(
    blacklist_categories=("Cs", "Cc", "Zl", "Zp"))), min_size=1, max_size=30).filter(
    lambda s: any(c.isalnum() for c in s.replace('"', " ")))


@settings(max_examples=400, deadline=None)
@given(NAMES, st.sampled_from(["entity", "tag", "type", "section", "title", "publisher"]))
def test_a_filter_the_window_writes_names_exactly_its_value(name, field):
    query = filter_query(field, name)
    node = parse_query(query)
    expected = " ".join(name.replace('"', " ").split())
    assert isinstance(node, Term | Phrase), (query, node)
    assert node.field == field, (query, node)
    assert node.text == expected, (query, node)
    assert not getattr(node, "prefix", False), (query, node)


@settings(max_examples=100, deadline=None)
@given(NAMES, WORDS)
def test_a_window_filter_joins_a_typed_query_as_one_more_term(name, word):
    """The charts and facets put a filter beside what was typed: it stays one filter."""
    for filter_text in (entity_query(name), tag_query(name)):
        node = parse_query(f"{word} {filter_text}")
        assert isinstance(node, And) and len(node.nodes) == 2 and node.nodes[0] == Term(word)


# --- date: ------------------------------------------------------------------------------------

DAYS = st.dates(min_value=date(1950, 1, 1), max_value=date(2079, 12, 31))


@settings(max_examples=300, deadline=None)
@given(DAYS, st.sampled_from(["day", "month", "year"]))
def test_a_date_filter_stands_for_its_first_and_last_day(day, precision):
    text = {"day": day.isoformat(), "month": f"{day.year}-{day.month:02d}", "year": str(day.year)}[precision]
    first, last = parse_date_filter(text)
    last_day = calendar.monthrange(day.year, day.month)[1]
    assert (first, last) == {
        "day": (day.isoformat(), day.isoformat()),
        "month": (f"{day.year}-{day.month:02d}-01", f"{day.year}-{day.month:02d}-{last_day:02d}"),
        "year": (f"{day.year}-01-01", f"{day.year}-12-31")}[precision]
    assert parse_query(f"반도체 date:{text}").nodes[1] == Term(text, "date")


@settings(max_examples=300, deadline=None)
@given(DAYS, DAYS)
def test_a_date_range_is_ordered_or_refused(a, b):
    text = f"{a.isoformat()}..{b.isoformat()}"
    if a <= b:
        assert parse_date_filter(text) == (a.isoformat(), b.isoformat())
    else:
        try:
            parse_date_filter(text)
        except QueryError as exc:
            assert "ends before it begins" in exc.localized("en") and exc.localized("ko")
        else:
            raise AssertionError(f"{text} was accepted")
    assert parse_date_filter(f"..{b.isoformat()}") == (None, b.isoformat())
    assert parse_date_filter(f"{a.isoformat()}..") == (a.isoformat(), None)


@settings(max_examples=400, deadline=None)
@given(st.integers(1950, 2079), st.integers(0, 13), st.integers(0, 32))
def test_an_impossible_day_is_refused_with_a_message(year, month, day):
    text = f"{year}-{month:02d}-{day:02d}"
    try:
        real = date(year, month, day)
    except ValueError:
        real = None
    try:
        bounds = parse_date_filter(text)
    except QueryError as exc:
        assert real is None, text
        assert text in exc.localized("en") and text in exc.localized("ko")
    else:
        assert real is not None and bounds == (text, text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=25))
def test_any_date_filter_text_gives_bounds_or_a_message(text):
    try:
        first, last = parse_date_filter(text)
    except QueryError as exc:
        assert exc.localized("en") and exc.localized("ko")
        return
    for bound in (first, last):
        assert bound is None or date.fromisoformat(bound)
    assert first is None or last is None or first <= last


def test_every_filter_the_language_names_is_accepted():
    for field in FIELDS:
        value = "2024" if field == "date" else "미국"
        assert parse_query(f"반도체 {field}:{value}").nodes[1].field == field


def test_minus_excludes_a_phrase_or_a_group():
    """Found by the round trip above: the lexer cut "-" from the quote after it, so
    -"중국 정부" searched for a lone "-" and the phrase instead of excluding it."""
    assert parse_query('반도체 -"중국 정부"') == And((Term("반도체"), Not(Phrase("중국 정부"))))
    assert parse_query("반도체 -(구글 OR 메타)") == And((Term("반도체"), Not(Or((Term("구글"), Term("메타"))))))


def test_a_name_with_a_star_or_a_colon_is_quoted():
    """Found by the filter property: an entity named "*0" or "A*B" made a query the parser refused."""
    assert parse_query(entity_query("A*B")) == Phrase("A*B", "entity")
    assert parse_query(tag_query("검토:보류")) == Phrase("검토:보류", "tag")
