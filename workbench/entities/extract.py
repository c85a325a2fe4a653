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
from collections.abc import Iterable
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
    the one place the person cue asks, so a long report costs little Kiwi time."""

    def __init__(self, text: str, tokenize) -> None:
        self.starts: set[int] = set()
        self.covered: set[int] = set()
        lines, offsets, pos = [], [], 0
        for line in text.split("\n"):
            if _TITLE_LINE_RE.search(line):
                lines.append(line)
                offsets.append(pos)
            pos += len(line) + 1
        if not lines:
            return
        for offset, tokens in zip(offsets, tokenize(lines)):
            for tok in tokens:
                if tok.tag == "NNP":
                    self.starts.add(offset + tok.start)
                    self.covered.update(range(offset + tok.start, offset + tok.start + tok.len))

    def __call__(self, start: int, end: int) -> bool:
        return start in self.starts and all(i in self.covered for i in range(start, end))


class EntityExtractor:
    def __init__(self, table: AliasTable, tokenize=None) -> None:
        self.gazetteer = Gazetteer(table)
        self.tokenize = tokenize

    def candidates(self, text: str) -> Iterable[tuple[int, int, EntityType, str, str]]:
        for start, end, entry in self.gazetteer.find(text):
            yield start, end, entry.type, entry.canonical, "user" if entry.origin == "project" else "gazetteer"
        for start, end, kind, evidence in rule_spans(text):
            yield start, end, kind, " ".join(text[start:end].split()), evidence
        known = lambda name: self.gazetteer.lookup(name) is not None  # noqa: E731
        if self.tokenize is not None:
            proper = ProperNouns(text, self.tokenize)
            for start, end, kind, evidence in person_spans(text, proper, known):
                yield start, end, kind, text[start:end], evidence
        for start, end, kind, evidence in org_spans(text, known):
            yield start, end, kind, text[start:end], evidence

    def extract(self, text: str) -> list[Mention]:
        ranked = sorted(self.candidates(text), key=lambda c: (-PRIORITY[c[4]], -(c[1] - c[0]), c[0]))
        # Nothing inside a web address is an entity (www.msit.go.kr, …%20…).
        taken: list[tuple[int, int]] = [m.span() for m in _URL_RE.finditer(text)]
        mentions: list[Mention] = []
        for start, end, kind, canonical, evidence in ranked:
            if any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            mentions.append(Mention(start, end, text[start:end], kind, canonical, evidence))
        mentions.sort(key=lambda m: m.start)
        return mentions
