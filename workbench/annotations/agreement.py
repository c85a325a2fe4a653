"""Coder agreement on one tag in one text: which characters each of two
coders coded, the percent of characters on which they agree, and Cohen's
kappa — the character-level measure NVivo's Coding Comparison query and
QualCoder's coder comparison report give.

The unit is the character (a code point of the stored NFC text). For one tag
and one document of ``N`` characters, each character is coded or not by coder
A and by coder B:

* ``a`` = characters A coded, ``b`` = characters B coded, ``both`` = coded by both,
  ``neither`` = ``N - a - b + both``;
* percent agreement = ``(both + neither) / N × 100`` (NVivo's example: 50 coded
  by both, 800 by neither, of 1,000 → 85 %);
* ``po = (both + neither) / N``; ``pA = a / N``, ``pB = b / N``;
  ``pe = pA·pB + (1 − pA)(1 − pB)`` (NVivo's "expected frequency" EF1 + EF2 over N);
  ``kappa = (po − pe) / (1 − pe)``.
* When ``pe == 1`` (neither coder coded anything, or both coded every
  character) the fraction is 0/0; those coders agree on every character, so
  ``po == 1`` and kappa is defined as 1.0, as NVivo reports it ("All my Kappa
  coefficients are 0 or 1": a node neither user coded in a source shows 1).

Spans of one coder are merged before counting, so a character two of that
coder's passages cover (overlapping or nested) counts once. QualCoder's
report adds 1 per coding to a per-character list, so there a character that
one coder coded twice is counted as "dual coded" — the bug this avoids.
QualCoder's kappa (``reports.py`` ``calculate_agreement_for_code``) also
leaves the uncoded characters out (Po = dual / union, Pe = Pyes × Pno); we
follow NVivo's published formula above, which is Cohen's on the 2×2 table of
characters.

Counts are made from sorted, merged intervals (a sweep), never a list per
character: a 4 M-character document costs what its spans cost.
Totals over several documents add the counts (``Counts.__add__``): the
pooled figure, which weighs each document by its length — what NVivo's help
suggests for an average across sources.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Interval = tuple[int, int]


def merged(spans: Iterable[Interval], length: int | None = None) -> list[Interval]:
    """Sorted, disjoint, non-empty intervals covering the same characters as
    ``spans``, clipped to ``[0, length]`` when a length is given (a span past a
    shortened text counts only where there is text). Touching spans join."""
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if length is not None:
            start, end = max(0, start), min(end, length)
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1][1] = end
        else:
            out.append([start, end])
    return [(s, e) for s, e in out]


def covered(intervals: Iterable[Interval]) -> int:
    """Characters in merged intervals."""
    return sum(e - s for s, e in intervals)


def intersection(a: list[Interval], b: list[Interval]) -> list[Interval]:
    """Characters in both merged lists (a two-pointer sweep)."""
    out: list[Interval] = []
    i = j = 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if start < end:
            out.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def difference(a: list[Interval], b: list[Interval]) -> list[Interval]:
    """Characters in merged list ``a`` and not in merged list ``b``."""
    out: list[Interval] = []
    j = 0
    for start, end in a:
        while j < len(b) and b[j][1] <= start:
            j += 1
        k, at = j, start
        while k < len(b) and b[k][0] < end:
            if b[k][0] > at:
                out.append((at, b[k][0]))
            at = max(at, b[k][1])
            k += 1
        if at < end:
            out.append((at, end))
    return out


@dataclass(frozen=True, slots=True)
class Counts:
    """Characters of one text (or of several, added up) by who coded them."""

    length: int  # N: every character considered
    a: int  # coded by coder A
    b: int  # coded by coder B
    both: int  # coded by both

    @property
    def neither(self) -> int:
        return self.length - self.a - self.b + self.both

    @property
    def only_a(self) -> int:
        return self.a - self.both

    @property
    def only_b(self) -> int:
        return self.b - self.both

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.length + other.length, self.a + other.a, self.b + other.b, self.both + other.both)

    @property
    def agreement(self) -> float:
        """Percent of characters both coded or neither coded (100.0 for no characters)."""
        if self.length == 0:
            return 100.0
        return 100.0 * (self.both + self.neither) / self.length

    @property
    def kappa(self) -> float:
        """Cohen's kappa over characters; 1.0 when pe == 1 (see the module's note).

        Worked in whole numbers, everything times N², so no rounding decides
        whether pe is 1: kappa = (N·(both+neither) − E) / (N² − E) with
        E = a·b + (N−a)·(N−b)."""
        n = self.length
        expected = self.a * self.b + (n - self.a) * (n - self.b)
        denominator = n * n - expected
        if denominator == 0:  # pe == 1: every character agreed on, both coded all or nothing
            return 1.0
        return (n * (self.both + self.neither) - expected) / denominator

    def to_json(self) -> dict:
        return {"characters": self.length, "coded_a": self.a, "coded_b": self.b, "coded_both": self.both,
                "only_a": self.only_a, "only_b": self.only_b, "coded_neither": self.neither,
                "agreement": self.agreement, "kappa": self.kappa, "reading": band(self.kappa)}


NOTHING = Counts(0, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class Comparison:
    """One tag in one text: the counts and where the coders differ."""

    counts: Counts
    only_a: list[Interval]
    only_b: list[Interval]
    both: list[Interval]


def compare(length: int, spans_a: Iterable[Interval], spans_b: Iterable[Interval]) -> Comparison:
    """Two coders' spans of one tag on a text of ``length`` characters."""
    a, b = merged(spans_a, length), merged(spans_b, length)
    both = intersection(a, b)
    counts = Counts(length, covered(a), covered(b), covered(both))
    return Comparison(counts, difference(a, b), difference(b, a), both)


# Landis & Koch (1977), the bands NVivo's help quotes for reading kappa.
# Each word's upper bound; below 0 is "poor".
BANDS = ((0.20, "slight"), (0.40, "fair"), (0.60, "moderate"), (0.80, "substantial"))


def band(kappa: float) -> str:
    """Landis & Koch's word for a kappa: < 0 poor, ≤ .20 slight, ≤ .40 fair,
    ≤ .60 moderate, ≤ .80 substantial, above almost perfect."""
    if kappa < 0:
        return "poor"
    for upper, word in BANDS:
        if kappa <= upper:
            return word
    return "almost perfect"
