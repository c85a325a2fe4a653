"""What the index stores for each passage of a document, from one Kiwi pass.

The document is tokenised once, line by line (``corpus.kiwi``); the same
tokens give every passage its three streams:

* ``morph`` — the indexable morphemes (as ``analysis.morph_tokens`` gives
  them for a query), plus one ``§`` token per alias name found (see
  ``alias_tokens``), with positions and character offsets;
* ``bigram`` — the passage's bigrams, marked ``^`` where Kiwi found a word or
  word part beginning (see ``analysis.bigram_tokens``), with positions.

Each stream is grouped by term, ready for :class:`~workbench.search.bulk.BulkWriter`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from workbench.corpus.kiwi import DocumentTokens
from workbench.search.alias_tokens import AliasMatcher, units
from workbench.core.aliases import name_key
from workbench.search.analysis import _morphs, bigram_groups
from workbench.search.bulk import Terms, encode_characters, encode_positions, identifier
from workbench.search.passages import Passage

def _passage_lines(lines: list[tuple[int, list]], passages: list[Passage]) -> Iterator[list[tuple[int, list]]]:
    """For each passage (in order), its lines' tokens: (offset in the passage, tokens)."""
    li, n = 0, len(lines)
    for p in passages:
        parts: list[tuple[int, list]] = []
        while li < n:
            offset, toks = lines[li]
            end = offset + toks[-1].start + toks[-1].len if toks else offset
            if end <= p.start:
                li += 1
                continue
            if offset >= p.end:
                break
            if offset < p.start or end > p.end:  # a long block cut inside a line
                inside = [t for t in toks if p.start <= offset + t.start and offset + t.start + t.len <= p.end]
                parts.append((offset - p.start, inside))
                if end > p.end:
                    break  # the rest of the line belongs to the next passage
            else:
                parts.append((offset - p.start, toks))
            li += 1
        yield parts


def passage_fields(text: str, passages: list[Passage], tokens: DocumentTokens,
                   aliases: AliasMatcher) -> Iterator[tuple[Passage, Terms, Terms]]:
    """(passage, morph field, bigram field) for each passage of the document."""
    for passage, parts in zip(passages, _passage_lines(tokens.lines, passages)):
        body = text[passage.start:passage.end]
        starts: set[int] = set()
        morphs = _morphs(parts, body, starts)
        groups: defaultdict[str, list] = defaultdict(list)
        positions = []
        pos = -1
        for form, start, end, stacked in morphs:
            if not stacked:
                pos += 1
            positions.append(pos)
            groups[form].append((pos, start, end))
        found = aliases.find(units(morphs)) if aliases.trie else []
        for token, first, start, end in found:
            groups[token].append((positions[first], start, end))
        morph = Terms(groups, encode_characters, len(morphs) + len(found))

        grams, count = bigram_groups(body, starts)
        yield passage, morph, Terms(grams, encode_positions, count)


class SectionKeys:
    """A section path as the section field's one term (squashed like alias
    names: case and spaces ignored), made once per section."""

    def __init__(self) -> None:
        self._seen: dict[str, Terms] = {}

    def __call__(self, path: str) -> Terms | None:
        done = self._seen.get(path)
        if done is None:
            key = name_key(path)
            done = self._seen[path] = identifier(key) if key else None
            if len(self._seen) > 10_000:
                self._seen.clear()
        return done
