"""Filters on whole documents, read from the database when searching:
date:, publisher:, author:, doctype: (the document's effective metadata, so
an analyst's correction counts at once, without re-indexing) and memo: (the
document's memo, likewise: a memo written a second ago is found)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from workbench.corpus.doc_meta import DOC_TYPES, date_bounds, normalise_date
from workbench.search.query import QueryError


def _squash(text: str) -> str:
    return "".join(text.casefold().split())


def memo_key(text: str) -> str:
    """A memo's text as memo: compares it: NFC (a decomposed 검토 typed on a Mac
    is 검토), case and spacing ignored (검토 필요 finds 검토필요)."""
    return _squash(unicodedata.normalize("NFC", text))


@dataclass(frozen=True, slots=True)
class DocFilter:
    """One condition on a document's effective metadata.

    ``date``: the document's date (of any precision: 2024, 2024-03, 2024-03-05)
    lies wholly within [first, last] (either end open); a document without a
    date never matches. ``memo``: the document's memo contains one of
    ``names`` (the word, and its stem without a particle: memo:검토를 finds
    "검토 필요"), as :func:`memo_key` reads both; a document without a memo
    never matches. ``publisher`` / ``author``: the value contains one of
    ``names`` (case and spacing ignored). ``doctype``: the type is ``names[0]``
    (a code), or contains it when it is the analyst's own word.
    """

    field: str
    text: str  # as written, for messages
    names: tuple[str, ...] = ()
    first: str | None = None
    last: str | None = None

    def matches(self, values: dict[str, str]) -> bool:
        if self.field == "date":
            value = values.get("date")
            if not value:
                return False
            try:
                start, end = date_bounds(value)
            except ValueError:
                return False
            return (self.first is None or start >= self.first) and (self.last is None or end <= self.last)
        if self.field == "memo":
            value = values.get("memo", "")
            return bool(value) and any(memo_key(n) in memo_key(value) for n in self.names)
        if self.field == "doctype":
            value = values.get("doc_type", "")
            code = self.names[0]
            return value == code if code in DOC_TYPES else _squash(code) in _squash(value)
        value = _squash(values.get(self.field, ""))
        return bool(value) and any(_squash(n) in value for n in self.names)


@dataclass(frozen=True, slots=True)
class DocFilterGroup:
    """Filters joined by OR (date:2024 OR date:2025); ``negated``: documents matching none."""

    alternatives: tuple[DocFilter, ...]
    negated: bool = False

    def matches(self, values: dict[str, str]) -> bool:
        hit = any(f.matches(values) for f in self.alternatives)
        return not hit if self.negated else hit


def parse_date_filter(value: str) -> tuple[str | None, str | None]:
    """date:2024, date:2024-03-05, date:2024-01..2024-06, date:..2024-06, date:2024-01.. →
    the first and last day (inclusive; either may be open). Raises QueryError."""
    example = "date:2024, date:2024-03, date:2024-03-05, date:2024-01..2024-06, date:..2024-06"
    text = value.strip()
    if ".." in text:
        start_text, _, end_text = text.partition("..")
        if ".." in end_text or (not start_text.strip() and not end_text.strip()):
            raise QueryError(f'"date:{value}" is not a date range; write e.g. {example}',
                             f'"date:{value}"은(는) 올바른 날짜 범위가 아닙니다. 예: {example}')
    else:
        start_text = end_text = text
    bounds: list[str | None] = []
    for part, side in ((start_text.strip().rstrip("."), 0), (end_text.strip().rstrip("."), 1)):
        if not part:
            bounds.append(None)
            continue
        normal = normalise_date(part)
        if normal is None:
            raise QueryError(f'"{part}" in "date:{value}" is not a date; write e.g. {example}',
                             f'"date:{value}"의 "{part}"은(는) 날짜가 아닙니다. 예: {example}')
        bounds.append(date_bounds(normal)[side])
    first, last = bounds
    if first is not None and last is not None and first > last:
        raise QueryError(f'"date:{value}" ends before it begins', f'"date:{value}"은(는) 끝이 시작보다 앞섭니다')
    return first, last
