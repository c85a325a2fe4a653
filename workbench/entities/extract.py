"""Combine the evidence into entity mentions: gazetteer, rules, cues, Kiwi.

Every candidate carries its evidence. Where candidates overlap, the stronger
evidence wins (a user's own entity, then a 「law title」, then the gazetteer,
then the patterns and the person cues, then organisation suffixes), and among
equals the longer span (미국 국방부 over 미국). Spans never include particles:
the gazetteer and cues stop before them and the rules end at their units.
Offsets are code points into the document text, so ``text[start:end]`` is the
mention.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.core.aliases import AliasTable
from workbench.entities.cues import TITLES, org_spans, person_spans
from workbench.entities.gazetteer import Gazetteer
from workbench.entities.rules import rule_spans
from workbench.entities.types import EntityType

PRIORITY = {
    "user": 9, "rule:law-brackets": 8, "gazetteer": 7, "rule:money": 6, "rule:percent": 6, "rule:date": 5,
    "cue:name+title": 5, "kiwi:nnp+title": 5, "rule:quantity": 4, "rule:law-name": 3, "cue:org-suffix": 2,
}
_TITLE_LINE_RE = re.compile(TITLES)
_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>()\]]+")


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    type: EntityType
    canonical: str
    evidence: str

    def to_json(self) -> dict:
        return {"text": self.text, "type": self.type.value, "start": self.start, "end": self.end,
                "canonical": self.canonical, "evidence": self.evidence}


class ProperNouns:
    """Which spans Kiwi tags as proper nouns — only on lines that hold a title,
    the one place the person cue asks, so a long report costs little Kiwi time.

    Kiwi runs lazily: :meth:`prepare` is told the spans the person cue will
    ask about and tokenises only the title lines that hold them (a line's
    tokens do not depend on the other lines of the batch). With ``tokens``
    (Kiwi's tokens of the whole text, offsets into it) Kiwi is not run at
    all; their proper nouns on title lines are used instead.
    """

    def __init__(self, text: str, tokenize=None, tokens: Sequence | None = None) -> None:
        self.text = text
        self.tokenize = tokenize
        self.tokens = tokens
        self._token_starts: list[int] | None = None
        self._lines: set[int] = set()  # start offsets of the lines already looked at
        self.starts: set[int] = set()
        self.covered: set[int] = set()

    def _line(self, pos: int) -> tuple[int, int]:
        return self.text.rfind("\n", 0, pos) + 1, _line_end(self.text, pos)

    def prepare(self, spans: Iterable[tuple[int, int]]) -> None:
        """Look at the title lines holding these spans (a span is inside one line)."""
        todo: dict[int, int] = {}
        for start, _ in spans:
            begin, end = self._line(start)
            if begin not in self._lines and begin not in todo:
                self._lines.add(begin)
                if _TITLE_LINE_RE.search(self.text, begin, end):
                    todo[begin] = end
        if not todo:
            return
        if self.tokens is not None:
            self._from_tokens(todo)
        elif self.tokenize is not None:
            offsets = sorted(todo)
            for offset, tokens in zip(offsets, self.tokenize([self.text[o:todo[o]] for o in offsets])):
                for tok in tokens:
                    if tok.tag == "NNP":
                        self._add(offset + tok.start, tok.len)

    def _from_tokens(self, lines: dict[int, int]) -> None:
        if self._token_starts is None:
            tokens = list(self.tokens)
            starts = [t.start for t in tokens]
            if starts != sorted(starts):
                tokens.sort(key=lambda t: t.start)
                starts.sort()
            self.tokens, self._token_starts = tokens, starts
        for begin, end in lines.items():
            for i in range(bisect_left(self._token_starts, begin), bisect_left(self._token_starts, end)):
                tok = self.tokens[i]
                if tok.tag == "NNP":
                    self._add(tok.start, tok.len)

    def _add(self, start: int, length: int) -> None:
        self.starts.add(start)
        self.covered.update(range(start, start + length))

    def __call__(self, start: int, end: int) -> bool:
        self.prepare([(start, end)])
        return start in self.starts and all(i in self.covered for i in range(start, end))


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


class _Taken:
    """Spans already taken, which never overlap one another, sorted by start
    (so by end too): whether a new span overlaps one is two bisects, not a
    scan of all of them (that scan was quadratic: seconds on a long report)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in spans:
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        # The last span starting before ``end`` reaches furthest of all that do.
        i = bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


class EntityExtractor:
    def __init__(self, table: AliasTable, tokenize=None) -> None:
        self.gazetteer = Gazetteer(table)
        self.tokenize = tokenize

    def candidates(self, text: str, tokens: Sequence | None = None,
                   ) -> Iterable[tuple[int, int, EntityType, str, str]]:
        for start, end, entry in self.gazetteer.find(text):
            yield start, end, entry.type, entry.canonical, "user" if entry.origin == "project" else "gazetteer"
        for start, end, kind, evidence in rule_spans(text):
            yield start, end, kind, " ".join(text[start:end].split()), evidence
        known = lambda name: self.gazetteer.lookup(name) is not None  # noqa: E731
        if self.tokenize is not None or tokens is not None:
            proper = ProperNouns(text, self.tokenize, tokens)
            for start, end, kind, evidence in person_spans(text, proper, known):
                yield start, end, kind, text[start:end], evidence
        for start, end, kind, evidence in org_spans(text, known):
            yield start, end, kind, text[start:end], evidence

    def extract(self, text: str, tokens: Sequence | None = None) -> list[Mention]:
        """Mentions in ``text``, sorted by start. ``tokens``: Kiwi's tokens of
        the whole text (``form``, ``tag``, ``start``, ``len``; offsets into
        ``text``) when the caller has them, so Kiwi need not run again."""
        ranked = sorted(self.candidates(text, tokens), key=lambda c: (-PRIORITY[c[4]], -(c[1] - c[0]), c[0]))
        # Nothing inside a web address is an entity (www.msit.go.kr, …%20…).
        taken = _Taken(m.span() for m in _URL_RE.finditer(text))
        mentions: list[Mention] = []
        for start, end, kind, canonical, evidence in ranked:
            if taken.overlaps(start, end):
                continue
            taken.add(start, end)
            mentions.append(Mention(start, end, text[start:end], kind, canonical, evidence))
        mentions.sort(key=lambda m: m.start)
        return mentions
