"""The analyst's corrections, re-applied every time entities are extracted.

Corrections are kept apart from the extracted mentions (``entity_edits``), so
re-ingesting a changed document re-extracts and then corrects again: nothing
the analyst said is lost. A rejected span is found again by its quote,
nearest its old place, if the text moved.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from workbench.entities.extract import Mention
from workbench.entities.types import EntityType

REJECT_NAME, REJECT_SPAN, SET_TYPE, MERGE = "reject_name", "reject_span", "set_type", "merge"
ACTIONS = (REJECT_NAME, REJECT_SPAN, SET_TYPE, MERGE)


@dataclass(frozen=True, slots=True)
class Edit:
    action: str
    name: str = ""
    value: str = ""
    doc_id: int | None = None
    start: int | None = None
    end: int | None = None
    quote: str = ""
    id: int = 0


def _names(mention: Mention) -> tuple[str, str]:
    return mention.text, mention.canonical


def locate(text: str, quote: str, start: int) -> tuple[int, int] | None:
    """Where ``quote`` is now: at ``start`` if unchanged, else its occurrence nearest it."""
    if text[start:start + len(quote)] == quote:
        return start, start + len(quote)
    best, pos = None, text.find(quote)
    while pos != -1:
        if best is None or abs(pos - start) < abs(best - start):
            best = pos
        pos = text.find(quote, pos + 1)
    return (best, best + len(quote)) if best is not None else None


def apply_edits(mentions: list[Mention], edits: list[Edit], text: str, doc_id: int | None) -> list[Mention]:
    rejected = {e.name for e in edits if e.action == REJECT_NAME}
    types = {e.name: e.value for e in edits if e.action == SET_TYPE}
    merges = {e.name: e.value for e in edits if e.action == MERGE}
    spans = []
    for e in edits:
        if e.action == REJECT_SPAN and doc_id is not None and e.doc_id == doc_id and e.start is not None:
            found = locate(text, e.quote, e.start)
            if found:
                spans.append(found)
    out = []
    for m in mentions:
        if rejected & set(_names(m)) or any(m.start < b and a < m.end for a, b in spans):
            continue
        for name in _names(m):
            if name in merges:
                m = replace(m, canonical=merges[name])
                break
        for name in (m.canonical, m.text):
            if name in types:
                m = replace(m, type=EntityType(types[name]))
                break
        out.append(m)
    return out
