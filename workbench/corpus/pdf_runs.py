"""Positioned glyphs → the text runs of a page, ordered by where they stand.

A PDF's content stream need not draw a line from left to right. Microsoft
Print to PDF draws a line's Hangul first and its digits and punctuation
afterwards ("행안부훈령 제 호" then "416" and ","), so reading glyphs in
content order gives "제 호416 ,". This module sorts glyphs by position
instead: glyphs whose boxes share a baseline form a line, a line is read left
to right, and a gap wider than :data:`FRAGMENT_GAP` (or a table's vertical
rule) cuts it into fragments that :mod:`workbench.corpus.pdf_layout` joins
again or keeps apart (columns, cells).

Spaces are decided from the gaps, not from the producer's space characters
alone (Hancom leaves them out; PDFium's generated ones sit at made-up places):
a gap is a space when it is wider than the line's own letter spacing plus
:data:`SPACE_GAP`. A line set with even letter spacing ("의 회 사 무 국",
Print to PDF's tracked text, a name spread over a cell) so reads as its words,
while ordinary text, whose letters touch, keeps every word space.

Pure Python: the PDFium side (:mod:`workbench.corpus.readers.pdf`) hands over
:class:`Glyph` objects in top-left page coordinates, y downwards.
"""

from __future__ import annotations

import bisect
import heapq

from workbench.corpus.pdf_types import Line

# A gap wider than this (in glyph heights) cuts a line into fragments, so a
# column gutter or a cell boundary is never bridged here.
FRAGMENT_GAP = 0.75
# A gap wider than this (in glyph heights) beyond the line's letter spacing is a space.
SPACE_GAP = 0.15
# Letter spacing is read from the tightest gaps of a fragment: this share of them.
_TRACKING_QUANTILE = 0.2
_MAX_TRACKING = 0.5  # in glyph heights: wider gaps are word spaces, whatever the line
_MIN_TRACKING = 0.1  # in glyph heights: the tightest squeeze of syllables taken as letter spacing
_SPREAD_GAP = 0.4  # in glyph heights: syllables at least this far apart, evenly, spell one word
_SPREAD_EVEN = 0.15  # in glyph heights: how alike the gaps of a spread word are
_SPREAD_MAX = 3.0  # in ems: outside a table cell, syllables further apart than this are columns, not a word
_HINT_TRACKING = 0.05  # letter spacing (in glyph heights) above which the producer's space hints are ignored


class Glyph:
    """One character with its box (x0, y0, x1, y1) and style (font, size, bold);
    ``space`` marks a space character the producer drew (it separates, it is not text)."""

    __slots__ = ("ch", "x0", "y0", "x1", "y1", "style", "space", "seq", "hinted")

    def __init__(self, ch: str, x0: float, y0: float, x1: float, y1: float,
                 style: tuple = (None, 0.0, False), space: bool = False, seq: int = -1,
                 hinted: bool = False) -> None:
        self.ch, self.x0, self.y0, self.x1, self.y1 = ch, x0, y0, x1, y1
        self.style, self.space = style, space
        # Content order, and whether the producer's positioning put a word space
        # between this glyph and the one drawn just before it (``seq - 1``).
        self.seq, self.hinted = seq, hinted

    def __repr__(self) -> str:
        return f"Glyph({self.ch!r}, {self.x0:.1f}, {self.y0:.1f}, {self.x1:.1f}, {self.y1:.1f})"


def glyph_lines(glyphs: list[Glyph], walls: list[tuple[float, float, float]] = ()) -> list[Line]:
    """The page's fragments from its glyphs in content order: glyphs on one
    baseline, left to right, cut at wide gaps and at vertical rules ``walls``
    (x, y0, y1). Every non-space glyph lands in exactly one fragment, except a
    glyph drawn twice at the same place (a shadow, bold by overprinting), which
    counts once."""
    out: list[Line] = []
    walls = sorted(walls)
    wall_xs = [w[0] for w in walls]
    for row in _rows(_runs(glyphs)):
        # Runs on one baseline merge by position; each keeps its own order, so
        # glyphs a compressed line overlaps ("10" squeezed into "01") stay as drawn.
        merged = list(heapq.merge(*row, key=lambda g: g.x0)) if len(row) > 1 else row[0]
        pieces: list[list[Glyph]] = [[]]
        last: Glyph | None = None
        for g in merged:
            if g.space:
                if pieces[-1]:
                    pieces[-1].append(g)
                continue
            if last is not None:
                gap = g.x0 - last.x1
                if gap <= 0.5:  # touching or overlapping: the same fragment (unless drawn twice)
                    if gap < 0 and _duplicate(last, g):
                        continue
                elif gap > FRAGMENT_GAP * max(g.y1 - g.y0, last.y1 - last.y0, 1.0) or _wall_between(
                        walls, wall_xs, last.x1 - 1, g.x0 + 1, (g.y0 + g.y1) / 2):
                    pieces.append([])
            pieces[-1].append(g)
            last = g
        out.extend(_line(piece) for piece in pieces if any(not g.space for g in piece))
    return out


def _wall_between(walls: list[tuple[float, float, float]], xs: list[float], left: float, right: float,
                  y: float) -> bool:
    """Is there a vertical rule (x, y0, y1) between ``left`` and ``right`` at height ``y``?"""
    for x, y0, y1 in walls[bisect.bisect_left(xs, left):bisect.bisect_right(xs, right)]:
        if y0 <= y <= y1:
            return True
    return False


def _runs(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs in content order cut where the pen leaves the run's baseline,
    moves back by more than half a glyph or jumps a wide gap: each run is
    drawn left to right on one line."""
    runs: list[list[Glyph]] = []
    prev: Glyph | None = None
    top = bottom = 0.0  # the run's first glyph's band: a run does not drift across lines
    for g in glyphs:
        if prev is not None:
            y0, y1, x0 = g.y0, g.y1, g.x0
            # (Comparisons written out: this runs for every glyph of the document.)
            overlap = (y1 if y1 < bottom else bottom) - (y0 if y0 > top else top)
            band = bottom - top
            height = y1 - y0
            if overlap >= 0.5 * (height if height < band else band) and x0 >= prev.x0 - 0.6 * (prev.x1 - prev.x0):
                unit = max(height, prev.y1 - prev.y0, 1.0) if x0 > prev.x1 else 0.0
                if not unit or x0 <= prev.x1 + FRAGMENT_GAP * unit:
                    runs[-1].append(g)
                    prev = g
                    continue
        runs.append([g])
        prev, top, bottom = g, g.y0, g.y1
    return runs


def _rows(runs: list[list[Glyph]]) -> list[list[list[Glyph]]]:
    """Runs grouped by baseline: a run joins the row whose first run's band it
    overlaps by half the smaller height (the band does not grow, so the rows
    of a tightly set cell never chain into one)."""
    rows: list[list[list[Glyph]]] = []
    bands: list[tuple[float, float]] = []
    spans = []
    for run in runs:
        solid = [g for g in run if not g.space] or run
        spans.append((min(g.y0 for g in solid), max(g.y1 for g in solid), run))
    for top, bottom, run in sorted(spans, key=lambda s: ((s[0] + s[1]) / 2, s[2][0].x0)):
        height = bottom - top
        for n in range(len(rows) - 1, max(len(rows) - 6, -1), -1):
            row_top, row_bottom = bands[n]
            if min(bottom, row_bottom) - max(top, row_top) >= 0.5 * min(height, row_bottom - row_top):
                rows[n].append(run)
                break
        else:
            rows.append([run])
            bands.append((top, bottom))
    return rows


def _duplicate(a: Glyph, b: Glyph) -> bool:
    """The same character drawn again over itself (a shadow, bold by overprinting)."""
    width = max(a.x1 - a.x0, b.x1 - b.x0, 1.0)
    return a.ch == b.ch and abs(a.x0 - b.x0) < 0.2 * width and abs(a.y0 - b.y0) < 0.2 * max(a.y1 - a.y0, 1.0)


def _tracking(glyphs: list[Glyph], unit: float) -> float:
    """The fragment's letter spacing in points: the tightest gaps between its
    syllables (Hangul's boxes are true; Hancom's digits and punctuation sit in
    boxes an em wide, so their gaps say nothing), or between all its glyphs
    when it has few syllables. Ordinary text's letters touch (0), or overlap a
    little when the typesetter squeezes them (a little below 0), so a small gap
    after a bullet ("◦ 화석연료") still reads as a space."""
    pairs = list(zip(glyphs, glyphs[1:]))
    if len(pairs) < 3:
        return 0.0
    gaps = sorted(b.x0 - a.x1 for a, b in pairs)
    value = min(max(gaps[int(_TRACKING_QUANTILE * (len(gaps) - 1))], 0.0), _MAX_TRACKING * unit)
    syllables = sorted(b.x0 - a.x1 for a, b in pairs if _is_syllable(a.ch) and _is_syllable(b.ch))
    if len(syllables) >= 3:
        # (Never above what all the gaps say: where syllables meet only across words, "가 나 다1라".)
        value = min(value, max(syllables[int(_TRACKING_QUANTILE * (len(syllables) - 1))], -_MIN_TRACKING * unit))
    return value


def _hints_trusted(glyphs: list[Glyph], tracking: float, unit: float) -> bool:
    """Do the producer's space hints mark words? Not on a letter-spaced line
    where most of them fall on the letter spacing ("의 회사 무 국장")."""
    if tracking <= _HINT_TRACKING * unit:
        return True
    hinted = [b.x0 - a.x1 for a, b in zip(glyphs, glyphs[1:]) if b.hinted and b.seq == a.seq + 1]
    on_letters = sum(1 for gap in hinted if abs(gap - tracking) <= max(_HINT_TRACKING * unit, 0.5 * tracking))
    return on_letters * 2 < len(hinted)


def _line(piece: list[Glyph]) -> Line:
    glyphs = [g for g in piece if not g.space]
    unit = max(g.y1 - g.y0 for g in glyphs)
    tracking = _tracking(glyphs, unit)
    trusted = _hints_trusted(glyphs, tracking, unit)
    space_gap = SPACE_GAP * max(unit, 1.0)
    text: list[str] = [glyphs[0].ch]
    starts = [0]  # where each word starts among the glyphs
    fonts: dict[object, int] = {}
    sizes: dict[float, int] = {}
    bold = 0
    spaced = False
    prev = None
    n = 0
    for g in piece:
        if g.space:
            spaced = prev is not None
            continue
        if prev is not None:
            # A drawn space counts where it stands between the two glyphs; the
            # producer's positioning where the glyphs follow each other as drawn
            # (Hancom's glyph boxes are an em wide, so a comma's gap hides its
            # space), except on a letter-spaced line, where it marks every letter.
            if spaced or (trusted and g.hinted and g.seq == prev.seq + 1) or g.x0 - prev.x1 - tracking > space_gap:
                text.append(" ")
                starts.append(n)
            text.append(g.ch)
        font, size, is_bold = g.style
        # The font of a Korean line is that of its Hangul, not of its digits and brackets.
        fonts[font] = fonts.get(font, 0) + (8 if g.ch >= "\u1100" else 1)
        sizes[size] = sizes.get(size, 0) + 1
        bold += is_bold
        prev, spaced = g, False
        n += 1
    joined = "".join(text)
    spread = None
    if len(starts) >= 2 and len(starts) * 3 >= len(glyphs):
        words = [glyphs[a:b] for a, b in zip(starts, starts[1:] + [len(glyphs)])]
        if all(_one_syllable("".join(g.ch for g in word)) for word in words):
            # One syllable a word ("<신 설>", "운 영 위 원 장"): the gaps between the syllables.
            spread = tuple(min(g.x0 for g in b if _is_syllable(g.ch)) - max(g.x1 for g in a if _is_syllable(g.ch))
                           for a, b in zip(words, words[1:]))
            if len(words) >= 3 and _even(spread, unit):
                joined = joined.replace(" ", "")  # "보   도   자   료": a word spread over the line
    return Line(joined, min(g.x0 for g in glyphs), min(g.y0 for g in glyphs), max(g.x1 for g in glyphs),
                max(g.y1 for g in glyphs), size=max(sizes, key=sizes.__getitem__),
                font=max(fonts, key=fonts.__getitem__), bold=bold * 2 > len(glyphs), spread=spread)


def _is_syllable(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def _one_syllable(word: str) -> bool:
    """One Hangul syllable, with the brackets around it ("<신", "설>", "(서")."""
    core = word.strip("<>()[]〈〉《》「」『』【】〔〕")
    return len(core) == 1 and _is_syllable(core)


def _even(gaps: tuple[float, ...] | list[float], unit: float) -> bool:
    """Gaps of letter spacing, not of words: all alike, and wider than a word space
    would be between syllables set this way (so "및 그 외" in running text is not one)."""
    return bool(gaps) and min(gaps) >= _SPREAD_GAP * unit and max(gaps) - min(gaps) <= _SPREAD_EVEN * unit


# --- rows of fragments ---------------------------------------------------------


def merge_rows(fragments: list[Line], cell: bool = False) -> list[tuple[Line, list[Line]]]:
    """Fragments that share a baseline, joined left to right, top to bottom. In a
    table ``cell``, single syllables spread evenly over a row ("의      장",
    "운 영 위 원 장": a name set to fill its cell) read as the word they spell."""
    groups, spans = [], []  # fragments of each row; (top, bottom, first fragment's height) of each
    for fragment in sorted(fragments, key=lambda f: ((f.y0 + f.y1) / 2, f.x0)):
        height = fragment.y1 - fragment.y0
        if groups and fragment.cells is None and groups[-1][0].cells is None:
            top, bottom, first = spans[-1]
            if min(bottom, fragment.y1) - max(top, fragment.y0) >= 0.5 * min(height, first):
                groups[-1].append(fragment)
                spans[-1][:2] = min(top, fragment.y0), max(bottom, fragment.y1)
                continue
        groups.append([fragment])
        spans.append([fragment.y0, fragment.y1, height])
    return [(join_row(sorted(g, key=lambda f: f.x0), cell), g) for g in groups]


def join_row(members: list[Line], cell: bool = False) -> Line:
    """One row's fragments, left to right, as one line. Single syllables spread
    evenly over the row ("오   창   석", a name set to fill its field) read as
    the word they spell: three or more anywhere, two or more in a table cell."""
    if len(members) == 1 and not (cell and members[0].spread):
        return members[0]
    units: list[tuple[str, float, float, float]] = []  # text, x0, x1, em
    run: list[Line] = []
    for m in members + [None]:
        if m is not None and m.cells is None and (m.spread is not None or _one_syllable(m.text)):
            run.append(m)
            continue
        for part in _even_runs(run):
            syllables = sum(len(r.spread) + 1 if r.spread else 1 for r in part)
            # Outside a cell, syllables much further apart are a table's columns ("남   여   계").
            if syllables >= (2 if cell else 3) and _spread_word(part, None if cell else _SPREAD_MAX * part[0].em):
                units.append(("".join(r.text.replace(" ", "") for r in part), part[0].x0, part[-1].x1, part[0].em))
            else:
                units.extend((r.text, r.x0, r.x1, r.em) for r in part)
        run = []
        if m is not None:
            units.append((m.text, m.x0, m.x1, m.em))
    text = units[0][0]
    for before, after in zip(units, units[1:]):
        text += ("" if after[1] - before[2] < 0.15 * max(before[3], after[3]) else " ") + after[0]
    main = max(members, key=lambda f: len(f.text))
    return Line(text, min(f.x0 for f in members), min(f.y0 for f in members), max(f.x1 for f in members),
                max(f.y1 for f in members), main.size, main.font, main.bold)


def _even_runs(members: list[Line]) -> list[list[Line]]:
    """Syllable fragments cut where the gap between them changes ("전  문  위  원
    임   재   금": a title and a name spread over one row)."""
    out: list[list[Line]] = []
    gap = None
    for m in members:
        if out:
            step = m.x0 - out[-1][-1].x1
            if gap is None or abs(step - gap) <= _SPREAD_EVEN * max(m.y1 - m.y0, 1.0):
                out[-1].append(m)
                gap = step if gap is None else gap
                continue
            # The syllable after a change of gap may start the next word, not end this one.
            out.append([m])
            gap = None
            continue
        out.append([m])
    return out


def _spread_word(members: list[Line], widest: float | None = None) -> bool:
    """Are the row's fragments single syllables spread evenly (and no further
    apart than ``widest``)?"""
    gaps: list[float] = []
    for n, m in enumerate(members):
        if m.cells is not None or not (m.spread is not None or _one_syllable(m.text)):
            return False
        gaps.extend(m.spread or ())
        if n:
            gaps.append(m.x0 - members[n - 1].x1)
    return _even(gaps, max(m.y1 - m.y0 for m in members)) and (widest is None or max(gaps) <= widest)
