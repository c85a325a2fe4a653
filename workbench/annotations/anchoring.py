"""Anchors for tagged passages that survive a changed document.

Each annotation keeps its offsets (code points in the NFC text), the exact
quote with up to 32 characters of context on each side (the W3C
TextQuoteSelector, as the Hypothesis client stores it) and the hash of the
text it was made on. When the text changes:

1. same hash → same offsets;
2. otherwise the exact quote: of all its occurrences, the one whose context
   agrees best with the stored prefix/suffix, nearer the old place on a tie;
3. otherwise a fuzzy match — windows around occurrences of the quote's head
   or tail, scored on the quote's similarity — above a threshold;
4. otherwise the annotation is **orphaned**: kept, listed, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

CONTEXT = 32
FUZZY_THRESHOLD = 0.75
ANCHORED, MOVED, ORPHANED = "anchored", "moved", "orphaned"


@dataclass(frozen=True, slots=True)
class Selector:
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str


@dataclass(frozen=True, slots=True)
class Anchor:
    start: int
    end: int
    status: str
    score: float


def selector(text: str, start: int, end: int) -> Selector:
    return Selector(start, end, text[start:end], text[max(0, start - CONTEXT):start], text[end:end + CONTEXT])


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def _context_score(text: str, pos: int, end: int, sel: Selector) -> float:
    before = text[max(0, pos - len(sel.prefix)):pos]
    after = text[end:end + len(sel.suffix)]
    total = len(sel.prefix) + len(sel.suffix)
    if total == 0:
        return 1.0
    return (_common_suffix(sel.prefix, before) + _common_prefix(sel.suffix, after)) / total


def _occurrences(text: str, needle: str, limit: int = 2000) -> list[int]:
    out, pos = [], text.find(needle)
    while pos != -1 and len(out) < limit:
        out.append(pos)
        pos = text.find(needle, pos + 1)
    return out


def reanchor(text: str, sel: Selector) -> Anchor:
    """Where the annotation belongs in ``text`` (which changed since it was made)."""
    if not sel.quote:
        return Anchor(sel.start, sel.end, ORPHANED, 0.0)
    if text[sel.start:sel.end] == sel.quote and _context_score(text, sel.start, sel.end, sel) == 1.0:
        return Anchor(sel.start, sel.end, ANCHORED, 1.0)
    exact = _occurrences(text, sel.quote)
    if exact:
        span = max(1, len(text))
        best = max(exact, key=lambda p: (_context_score(text, p, p + len(sel.quote), sel)
                                         - abs(p - sel.start) / span * 0.1))
        status = ANCHORED if best == sel.start else MOVED
        return Anchor(best, best + len(sel.quote), status, _context_score(text, best, best + len(sel.quote), sel))
    return _fuzzy(text, sel)


def _fuzzy(text: str, sel: Selector) -> Anchor:
    quote = sel.quote
    n = len(quote)
    probe = max(4, min(16, n // 3))
    candidates: set[int] = set()
    for piece, offset in ((quote[:probe], 0), (quote[-probe:], n - probe), (quote[n // 2 - probe // 2:][:probe], n // 2 - probe // 2)):
        for pos in _occurrences(text, piece, limit=200):
            candidates.add(max(0, pos - offset))
    for anchor_text, from_end in ((sel.prefix[-12:], False), (sel.suffix[:12], True)):
        if len(anchor_text) >= 6:
            for pos in _occurrences(text, anchor_text, limit=50):
                candidates.add(max(0, pos - n) if from_end else pos + len(anchor_text))
    best: Anchor | None = None
    for start in candidates:
        for length in {n, int(n * 0.9), int(n * 1.1)}:
            end = min(len(text), start + max(1, length))
            ratio = SequenceMatcher(None, quote, text[start:end], autojunk=False).ratio()
            if best is None or ratio > best.score:
                best = Anchor(start, end, MOVED, ratio)
    if best is not None and best.score >= FUZZY_THRESHOLD:
        return _trim(text, best)
    return Anchor(sel.start, sel.end, ORPHANED, best.score if best else 0.0)


def _trim(text: str, anchor: Anchor) -> Anchor:
    start, end = anchor.start, anchor.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Anchor(start, end, anchor.status, anchor.score)
