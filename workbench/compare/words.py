"""The words that changed between two versions of one unit.

Korean is compared by 어절 (what stands between spaces), not by characters:
a character diff of "0.42달러" against "0.55달러" marks "42" and "55" and
leaves "0." and "달러" looking unchanged, which is not how an analyst reads a
changed figure. Runs of changed 어절 next to each other are one change, with
the spaces between them ("3년 이하의 징역" → "5년 이하의 금고" is two changes,
"이하의" kept between them).

The edit script is rapidfuzz's Levenshtein opcodes over the lists of 어절
(C++; difflib's SequenceMatcher gives the same script here and is slower,
and its "junk" heuristics would skip frequent words such as 및 and 등).
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from workbench.core.comparison import WordChange

_WORD = re.compile(r"\S+")


def _words(text: str, offset: int) -> tuple[list[str], list[tuple[int, int]]]:
    words, spans = [], []
    for found in _WORD.finditer(text):
        words.append(found.group(0))
        spans.append((offset + found.start(), offset + found.end()))
    return words, spans


def word_changes(old_text: str, old_start: int, new_text: str, new_start: int) -> list[WordChange]:
    """The changed runs of words of one unit: ``old_text`` begins at
    ``old_start`` in the old document, ``new_text`` at ``new_start`` in the new."""
    old_words, old_spans = _words(old_text, old_start)
    new_words, new_spans = _words(new_text, new_start)
    out: list[WordChange] = []
    run: list[int] | None = None  # [old first, old end, new first, new end] word indexes
    for op in Levenshtein.opcodes(old_words, new_words):
        if op.tag == "equal":
            if run:
                out.append(_change(run, old_spans, new_spans, old_text, old_start, new_text, new_start))
                run = None
            continue
        if run is None:
            run = [op.src_start, op.src_end, op.dest_start, op.dest_end]
        else:  # a replace next to an insert: one run
            run[1], run[3] = op.src_end, op.dest_end
    if run:
        out.append(_change(run, old_spans, new_spans, old_text, old_start, new_text, new_start))
    return [piece for change in out for piece in _by_cell(change)]


def _by_cell(change: WordChange) -> list[WordChange]:
    """A run across a table row's cells (tab-separated, as the text stores
    rows) is one change per cell: a row of new figures is so many changed
    figures, not one long change. Cells are paired in order; when a side has
    more (a quarter's column added), its extra cells are inserted or deleted."""
    if "\t" not in change.old and "\t" not in change.new:
        return [change]
    old_cells, new_cells = change.old.split("\t"), change.new.split("\t")
    old_at, new_at = change.old_span[0], change.new_span[0]
    out = []
    for k in range(max(len(old_cells), len(new_cells))):
        old_cell = old_cells[k] if k < len(old_cells) else ""
        new_cell = new_cells[k] if k < len(new_cells) else ""
        if old_cell != new_cell:
            out.append(WordChange(old_cell, new_cell, (old_at, old_at + len(old_cell)),
                                  (new_at, new_at + len(new_cell))))
        old_at += len(old_cell) + (k + 1 < len(old_cells))
        new_at += len(new_cell) + (k + 1 < len(new_cells))
    return out
def _span(spans: list[tuple[int, int]], first: int, end: int, unit_start: int, unit_end: int) -> tuple[int, int]:
    """The text span of words [first, end); where no word is, the empty span
    where they would stand (before the next word, or at the unit's end)."""
    if end > first:
        return spans[first][0], spans[end - 1][1]
    if first < len(spans):
        return spans[first][0], spans[first][0]
    at = spans[-1][1] if spans else unit_start
    return min(at, unit_end), min(at, unit_end)


def _change(run, old_spans, new_spans, old_text, old_start, new_text, new_start) -> WordChange:
    old_span = _span(old_spans, run[0], run[1], old_start, old_start + len(old_text))
    new_span = _span(new_spans, run[2], run[3], new_start, new_start + len(new_text))
    return WordChange(old_text[old_span[0] - old_start:old_span[1] - old_start],
                      new_text[new_span[0] - new_start:new_span[1] - new_start], old_span, new_span)
