"""A compiled query: which words to find, and how each may be found.

Every word or phrase the analyst typed becomes a :class:`Word` with two ways
of being found:

* ``morph`` — a Whoosh query on the morpheme field (its morphemes, or the
  ``§`` token of its alias group). Whoosh scores these: they are the hits.
* ``grams`` — bigram sequences (one per name of the word) that find what
  Kiwi analysed differently: spacing, unknown words. A sequence is a tuple of
  positions, each the bigram tokens that may stand there; its first bigram
  must begin a word or word part (``^``), so 의대 is not found in 문의대응.

A passage found only through some word's bigrams ranks below every passage
whose words were all found as morphemes (see ``tiers``): bigram matches never
push exact matches down, and never appear alone where exact matches exist.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from whoosh import query as wq

# The bigram tokens that may stand at one position of a sequence.
Alternatives = tuple[str, ...]
GramSequence = tuple[Alternatives, ...]


@dataclass(eq=False)
class Word:
    text: str
    morph: wq.Query | None
    grams: list[GramSequence] = field(default_factory=list)
    # Morpheme-field tokens that stand for the word, for proximity: its
    # morphemes in order, or its alias group's token.
    near: tuple[str, ...] = ()


@dataclass(eq=False)
class Leaf:
    """A filter on the index (entity:, type:, doc:, section:) or everything."""

    query: wq.Query


@dataclass(eq=False)
class AllOf:
    parts: list[Plan]
    without: list[Plan] = field(default_factory=list)


@dataclass(eq=False)
class AnyOf:
    parts: list[Plan]


Plan = Word | Leaf | AllOf | AnyOf


def morph_query(plan: Plan) -> wq.Query:
    """The Whoosh query of the plan with every word found as morphemes only."""
    if isinstance(plan, Word):
        return plan.morph if plan.morph is not None else wq.NullQuery
    if isinstance(plan, Leaf):
        return plan.query
    if isinstance(plan, AnyOf):
        return wq.Or([morph_query(p) for p in plan.parts])
    if not plan.parts:  # NOT x inside an OR: everything without x
        base = wq.Every()
    elif len(plan.parts) == 1:
        base = morph_query(plan.parts[0])
    else:
        base = wq.And([morph_query(p) for p in plan.parts])
    for neg in plan.without:
        base = wq.AndNot(base, morph_query(neg))
    return base


def words(plan: Plan) -> Iterator[Word]:
    if isinstance(plan, Word):
        yield plan
    elif isinstance(plan, AnyOf):
        for p in plan.parts:
            yield from words(p)
    elif isinstance(plan, AllOf):
        for p in [*plan.parts, *plan.without]:
            yield from words(p)


def matches(plan: Plan, member) -> bool:
    """Whether a passage matches ``plan``, given ``member(node)`` for words and leaves."""
    if isinstance(plan, (Word, Leaf)):
        return member(plan)
    if isinstance(plan, AnyOf):
        return any(matches(p, member) for p in plan.parts)
    return all(matches(p, member) for p in plan.parts) and not any(matches(p, member) for p in plan.without)


def near_words(plan: Plan) -> list[Word]:
    """The words whose closeness, in order, should raise a passage: the
    positive words of a top-level AND (two or more)."""
    if isinstance(plan, AllOf):
        found = [p for p in plan.parts if isinstance(p, Word) and p.near]
        return found if len(found) > 1 else []
    return []
