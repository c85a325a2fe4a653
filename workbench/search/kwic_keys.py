"""Sort keys for a concordance: the morphemes just before a match (read right
to left) and just after it, from Kiwi's analysis of a short window around
the match.

A plain string sort of Korean contexts splits what belongs together: sorted
by the left context read backwards, 반도체가 and 반도체는 land far apart
(가 and 는 are the last letters), and sorted by the right context, rows
whose match is followed by 가 are one block and those followed by 는
another. Keyed on content morphemes — nouns, verb and adjective stems,
roots, Latin words, numbers (the morphemes the index holds, ``MORPH_TAGS``)
and adverbs and determiners — particles, endings and punctuation fall away, so 반도체가/반도체는 sort as
반도체, and a row reads as grouped by the word the analyst sees.

Kiwi analyses the window *with* the match in it: a context cut off on its
own reads badly ("가 성장했다" alone makes 가 the verb "to go"). The window
is two or three words on each side (``KEY_CHARS`` at most, a cut word left
out), so keying rows costs a fraction of analysing their full contexts
(the 20,000 rows of 정부 at 50 MB: 0.7-1 s; 2 s with 14 characters);
identical windows are analysed once, and Kiwi runs them as one batch on
its worker threads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from workbench.corpus.kiwi import get_kiwi
from workbench.search.analysis import MORPH_TAGS

# The index's content morphemes, and adverbs, determiners and interjections: words
# an analyst reads as words (함께, 새, 아니), which the index leaves out.
KEY_TAGS = MORPH_TAGS | {"MAG", "MM", "IC"}
KEY_CHARS = 10  # characters of context on each side that Kiwi reads for the keys
KEY_MORPHEMES = 3  # morphemes kept per key
BATCH = 2000  # windows per Kiwi batch (progress and cancel between batches)

Key = tuple[str, ...]


def key_window(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The window Kiwi reads for the match ``text[start:end]``: up to
    ``KEY_CHARS`` characters on each side, without a word cut in half at its
    ends; and the match's place in it."""
    left_from = max(0, start - KEY_CHARS)
    if left_from > 0 and not text[left_from - 1].isspace():
        space = next((i for i in range(left_from, start) if text[i].isspace()), None)
        left_from = space + 1 if space is not None else left_from  # a word longer than the window: keep its end
    right_to = min(len(text), end + KEY_CHARS)
    if right_to < len(text) and not text[right_to].isspace():
        space = next((i for i in range(right_to - 1, end - 1, -1) if text[i].isspace()), None)
        right_to = space if space is not None else right_to
    return text[left_from:right_to], start - left_from, end - left_from


# Parts of a compound noun written as one word (인공+지능 in 인공지능과) are one
# key: the analyst reads 인공지능, and sorting on 지능 would scatter it.
_NOUNISH = frozenset({"NNG", "NNP", "NNB", "NR", "XR", "SL", "SH", "SN"})


def _units(window: str, tokens) -> list[tuple[str, int, int]]:
    """The key words of a window: (form, start, end) of its content morphemes,
    nouns written together joined as they are written."""
    out: list[tuple[str, int, int]] = []
    nounish_before = False
    for tok in tokens:
        if tok.tag not in KEY_TAGS:
            nounish_before = False
            continue
        start, end = tok.start, tok.start + tok.len
        nounish = tok.tag in _NOUNISH
        if nounish and nounish_before and out and out[-1][2] == start:
            form, first, _ = out[-1]
            out[-1] = (window[first:end].lower(), first, end)
        else:
            out.append((window[start:end].lower() if nounish else tok.form.lower(), start, end))
        nounish_before = nounish
    return out


def _keys(window: str, a: int, b: int, tokens) -> tuple[Key, Key]:
    """(left key, right key) of the match at [a, b) in ``window``: the key
    words wholly before it (nearest first) and after it. A word running on
    past the match (인공지능 for the match 인공) gives its part outside it."""
    before: list[str] = []
    after: list[str] = []
    for form, start, end in _units(window, tokens):
        if end <= a:
            before.append(form)
        elif start >= b:
            after.append(form)
        else:
            if start < a:
                before.append(window[start:a].lower())
            if end > b:
                after.append(window[b:end].lower())
    return tuple(reversed(before[-KEY_MORPHEMES:])), tuple(after[:KEY_MORPHEMES])


def sort_keys(windows: Sequence[tuple[str, int, int]], cancelled: Callable[[], bool] = lambda: False,
              ) -> Iterator[tuple[int, list[tuple[Key, Key]]]]:
    """(left key, right key) of each window, in order, yielded in batches as
    (windows done, keys of this batch). The left key reads outward from the
    match: its nearest morpheme first."""
    kiwi = get_kiwi()
    done = 0
    cache: dict[tuple[str, int, int], tuple[Key, Key]] = {}
    for first in range(0, len(windows), BATCH):
        if cancelled():
            return
        batch = windows[first:first + BATCH]
        fresh = [w for w in dict.fromkeys(batch) if w not in cache and w[0].strip()]
        for window, analysed in zip(fresh, kiwi.tokenize([w[0] for w in fresh])):
            cache[window] = _keys(window[0], window[1], window[2], analysed)
        done += len(batch)
        yield done, [cache.get(w, ((), ())) for w in batch]


def order(key: Key) -> tuple:
    """A key as it sorts: rows with nothing to sort on (a match at the very
    start or end, or only punctuation beside it) after the others."""
    return (not key, key)
