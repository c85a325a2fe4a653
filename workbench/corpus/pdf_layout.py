"""Positioned PDF text → paragraphs in reading order, with page furniture set aside.

Taking a PDF's typeset lines as paragraphs (what we did before) splits words
and sentences across blocks, turns a wrapped "…바랍니/다." into a list item "다.",
glues headings to the paragraph above, puts running headers and page numbers
inside sentences and interleaves the columns of Assembly minutes. This module
rebuilds the text from geometry alone (pure Python, tested with hand-made
lines; the PDFium side is :mod:`workbench.corpus.readers.pdf`, which reads the
glyphs into fragments in the order they stand with :mod:`workbench.corpus.pdf_runs`):

1. ruled grids become table parts (:mod:`workbench.corpus.pdf_tables`): cells
   with their merged spans and the tables nested in them, a two-column
   조문대비표 as a table whose provisions pair up in rows, a table broken by a
   page break made whole; a one-row or one-column frame around long text, and a
   border round the page, stay text;
2. text at the same place at the top or bottom edge of most pages ("- 3 -",
   "제414회…(2024년5월7일) 1"), and bare page numbers there, leave the text and
   become page metadata (``header``, ``footer``, ``page_label``); a heading that
   repeats where sections start stays (:mod:`workbench.corpus.pdf_furniture`);
3. a body with a vertical gutter that (almost) nothing crosses is read left
   column first (two-column minutes, Korean beside English); lines spanning
   the gutter (a title) stay between the bands;
4. rows become paragraphs unless :func:`_breaks` sees a gap, a size change, a
   short row (the next row's first word would have fitted), a first-line
   indent after a sentence end, or a marker that really starts an item;
5. :func:`_join` joins wrapped rows: "exam-"+"ple" → "example"; Korean with a
   space, except where the typesetter breaks inside words (Hancom's usual
   "탄소중/립기본계획"), which :func:`_char_mode` detects per document.

Headings are left to :func:`workbench.corpus.structure.classify_line`, except
a short line in a distinct font, weight or size that it cannot recognise
("제안이유 및 주요내용", or "1) 배경 및 필요성" set larger than the body, which it
takes for a footnote), which is hinted. Pages read by OCR
(:mod:`workbench.corpus.pdf_ocr`) go through the same steps, their parts marked
``ocr``. Coordinates: points from the top-left corner of the displayed page,
y downwards.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import reduce
from itertools import accumulate, groupby
from statistics import median

from workbench.core.models import BlockKind
from workbench.corpus.pdf_furniture import BAND, furniture
from workbench.corpus.pdf_runs import merge_rows
from workbench.corpus.pdf_tables import continued, place_tables, render, same_columns
from workbench.corpus.pdf_types import Line, Page, Table
from workbench.corpus.structure import RawPart, classify_line

__all__ = ["Line", "Page", "Table", "layout_pages"]


@dataclass(slots=True)
class _Row:
    line: Line
    page: int
    segment: int  # rows of one segment (a column of a band, or a spanning run) share it
    key: tuple  # segments with the same key share margins and line spacing: (columns, index)


_SENTENCE_END_RE = re.compile(r"[.?!。:;…][\"'”’)\]」』》〉]*$")
_OPENING = set("([{<「『“‘《〈【〔（［｛＜")
_CLOSING = set(")]}>」』”’》〉】〕）］｝＞.,;:?!%·ㆍ…。、，．")
# Markers that start an item wherever they start a row ("○○○ 위원" is a name, not a bullet).
_STRONG_RE = re.compile(
    r"^(?:([□■◇◆○●◯◦▪▫▶▷►◎★☆※❍◈▣➢➤✓✔❏❑])(?!\1)|[①-⑳㉠-㉻㈀-㈜⑴-⒇⒜-⒵]|"
    r"[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+[.\s]|제\s*\d+\s*[편장절관](?:\s|$))")
# Markers a wrapped sentence can start with too ("다. 성원이 …" from "바랍니/다.").
_WEAK_RE = re.compile(
    r"^(?:\(?(\d{1,2}|[가-하]|[a-zA-Z]|[ivx]{1,4})[.)](?=\s|$)|\((\d{1,2}|[가-하])\)|[-–—•·∙ㆍ](?=\s)|"
    r"제\s*\d+\s*조(?:의\s*\d+)?\s*\(|<[^<>]{1,12}>)")
_GANADA = "가나다라마바사아자차카타파하"
# One-syllable words (bound nouns, adverbs) a row can start with, unlike the tail of a split word.
_STANDALONE_RE = re.compile(r"^(?:[및등수것때더또몇첫즉곧꼭잘못좀각](?:\s|$)|[등것](?:을|이|은|의|에|과|도|으로)(?:\s|$))")
_COMMON_SHORT = set("및등수것때더또몇첫즉곧꼭잘못좀각그이저한두세네새온전본당동제총약안단매타귀별현구신양내외중후시")
_WORD_FINAL = set("는를을은")  # particles and endings: a row ending in one broke at a space
_COUNTERS = set("년월일호조항목명개원인건차회대번층세시분초장절편관권배")


def layout_pages(pages: list[Page]) -> list[RawPart]:
    """The pages' text as paragraphs and tables (see the module docstring)."""
    pages = [p for p in pages if p.lines]
    recognised = {p.number for p in pages if p.ocr}
    bodies, going = {}, None
    for page in pages:
        bodies[page.number] = place_tables(page, going)
        tables = [f for f in bodies[page.number][0] if f.cells is not None]
        last = max(tables, key=lambda f: f.y1, default=None)
        # A table that runs to the foot of the page may go on at the top of the next.
        going = last.cells.col_x if last is not None and last.y1 >= 0.75 * page.height and all(
            f.y0 < last.y1 or f.y0 >= (1 - BAND) * page.height for f in bodies[page.number][0]) else None
    found = furniture(pages, {p.number: merge_rows(bodies[p.number][0]) for p in pages})
    flow: list[_Row] = []
    for page in pages:
        (body, inner), removed = bodies[page.number], found[page.number][0]
        for key, fragments in _segments([f for f in body if id(f) not in removed], inner):
            segment = flow[-1].segment + 1 if flow else 0
            flow.extend(_Row(line, page.number, segment, key) for line, _ in merge_rows(fragments))
    meta = {n: {**page_meta, **({"ocr": True} if n in recognised else {})} for n, (_, page_meta) in found.items()}
    return _paragraphs(flow, meta) if flow else []


# --- columns -------------------------------------------------------------------


def _segments(fragments: list[Line], inner: list[Line]) -> list[tuple[tuple, list[Line]]]:
    """The page body in reading order: (key, fragments) per column of each band."""
    gutter = _gutter(fragments + inner)
    if gutter is None:
        return [((1, 0), fragments)] if fragments else []
    g0, g1 = gutter
    # A fragment on the baseline of one that spans the gutter spans it too (a page number after leaders).
    wide = {id(f) for _, members in merge_rows(fragments) if any(m.x0 < g0 and m.x1 > g1 for m in members)
            for f in members}
    out: list[tuple[tuple, list[Line]]] = []
    for spans, run in groupby(sorted(fragments, key=lambda f: f.y0), key=lambda f: id(f) in wide):
        run = list(run)
        if spans:
            out.append(((1, 0), run))
            continue
        for side in (0, 1):  # a band of columns: the left one, then the right one
            if column := [f for f in run if (f.x1 > (g0 + g1) / 2) == side]:
                out.append(((2, side), column))
    return out


def _gutter(fragments: list[Line]) -> tuple[float, float] | None:
    """A vertical strip in the middle third of the body that (almost) no fragment
    crosses, with text side by side left and right of it; or None."""
    if len(fragments) < 6:
        return None
    lo, hi = min(f.x0 for f in fragments), max(f.x1 for f in fragments)
    width, em = int(hi - lo) + 1, median(f.em for f in fragments)
    if width < 20 * em:
        return None
    delta = [0] * (width + 1)
    for f in fragments:
        delta[int(f.x0 - lo)] += 1
        delta[int(f.x1 - lo)] -= 1
    cover = list(accumulate(delta[:width]))
    first, last = int(width * 0.3), int(width * 0.7)
    lowest = min(cover[first:last + 1])
    if lowest > max(1, 0.1 * len(fragments)):
        return None
    runs, start = [], None  # the widest stretch at the lowest cover that reaches the middle third
    for x, n in enumerate(cover + [-1]):
        if n == lowest and start is None:
            start = x
        elif n != lowest and start is not None:
            runs += [(start, x - 1)] if x - 1 >= first and start <= last else []
            start = None
    best = max(runs, key=lambda run: run[1] - run[0])
    if best[1] - best[0] + 1 < max(0.5 * em, 4):
        return None
    g0, g1 = lo + best[0], lo + best[1] + 1
    left = [f for f in fragments if f.x1 <= g0 + 1]
    right = [f for f in fragments if f.x0 >= g1 - 1]
    if len(left) < 3 or len(right) < 3:
        return None
    side_by_side = sum(1 for f in left if any(min(f.y1, r.y1) > max(f.y0, r.y0) for r in right))
    return (g0, g1) if side_by_side >= max(3, 0.3 * min(len(left), len(right))) else None


# --- paragraphs ------------------------------------------------------------------


@dataclass(slots=True)
class _Context:
    left: dict[int, float]  # per segment
    right: dict[int, float]
    lead: dict[object, float]  # per segment key: the usual white space between rows
    body_font: object
    body_size: float
    char_mode: bool = False


def _paragraphs(flow: list[_Row], page_meta: dict[int, dict]) -> list[RawPart]:
    ctx = _context(flow)
    groups = _group(flow, ctx)
    ctx.char_mode = _char_mode(groups)
    if ctx.char_mode:  # a row's first syllable alone would have fitted on the row above: regroup
        groups = _group(flow, ctx)
    groups = _rejoin_tables(groups)
    parts = []
    for n, group in enumerate(groups):
        first, last = group[0], group[-1]
        meta = {"page": first.page, **page_meta.get(first.page, {})}
        if first.line.cells is not None:
            rows, spans, nested = render(first.line.cells, lambda lines: _join_lines(lines, ctx.char_mode))
            if last.page != first.page:
                meta["page_end"] = last.page
            parts.append(RawPart(rows=rows, meta={**meta, **({"spans": spans} if spans else {}),
                                                  **({"nested": nested} if nested else {})}))
            continue
        text = first.line.text
        for prev, cur in zip(group, group[1:]):
            # Centred title lines break where the author chose: between words.
            spaced = _centred(prev, ctx) and _centred(cur, ctx)
            text = _join(text, cur.line.text, ctx.char_mode and not spaced)
        if last.page != first.page:
            meta["page_end"] = last.page
        hint, level = None, 0
        if n > 0 and _styled_heading(group, text, ctx):
            hint, level = BlockKind.HEADING, 1 if first.line.size >= 1.15 * ctx.body_size else 2
        parts.append(RawPart(text, hint=hint, level=level, meta=meta))
    return parts


def _rejoin_tables(groups: list[list[_Row]]) -> list[list[_Row]]:
    """A table that ends one page and one that starts the next with the same
    columns are one table broken by the page break."""
    out: list[list[_Row]] = []
    for group in groups:
        head = out[-1][0] if out else None
        line = group[0].line
        if (head is not None and head.line.cells is not None and line.cells is not None
                and group[0].page == out[-1][-1].page + 1 and same_columns(head.line.cells.col_x, line.cells.col_x)):
            joined = Line("", head.line.x0, head.line.y0, head.line.x1, head.line.y1,
                          cells=continued(head.line.cells, line.cells))
            out[-1] = [_Row(joined, head.page, head.segment, head.key), *out[-1][1:], group[0]]
            continue
        out.append(group)
    return out


def _group(flow: list[_Row], ctx: _Context) -> list[list[_Row]]:
    groups: list[list[_Row]] = [[flow[0]]]
    for cur in flow[1:]:
        if _breaks(groups[-1], cur, ctx):
            groups.append([cur])
        else:
            groups[-1].append(cur)
    return groups


def _context(flow: list[_Row]) -> _Context:
    """Margins per segment (a short one borrows those of its kind of column), usual
    white space between rows per kind of column, and the body text's font and size."""
    by_segment: dict[int, list[Line]] = {}
    keys: dict[int, tuple] = {}
    for row in flow:
        if row.line.cells is None:
            by_segment.setdefault(row.segment, []).append(row.line)
            keys[row.segment] = row.key
    edges: dict[tuple, list[tuple[float, float]]] = {}
    leads: dict[object, list[float]] = {}
    for segment, lines in by_segment.items():
        if len(lines) >= 4:
            edges.setdefault(keys[segment], []).append((min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)))
        leads.setdefault(keys[segment], []).extend(
            b.y0 - a.y1 for a, b in zip(lines, lines[1:]) if -0.2 * a.em <= b.y0 - a.y1 <= 2.5 * a.em)
    left, right = {}, {}
    for segment, lines in by_segment.items():
        known = edges.get(keys[segment]) if len(lines) < 4 else None
        left[segment] = min([ln.x0 for ln in lines] + ([median(e[0] for e in known)] if known else []))
        right[segment] = max([ln.x1 for ln in lines] + ([median(e[1] for e in known)] if known else []))
    every = [v for values in leads.values() for v in values]
    text = [ln for lines in by_segment.values() for ln in lines]
    lead = {k: median(v) for k, v in leads.items() if len(v) >= 3}
    lead["default"] = median(every) if every else 0.3 * median(ln.em for ln in text or [flow[0].line])
    fonts, sizes = Counter(), Counter()
    for ln in text:
        fonts[ln.font] += _wide_count(ln.text)
        sizes[ln.size] += len(ln.text)
    return _Context(left, right, lead, fonts.most_common(1)[0][0] if fonts else None,
                    sizes.most_common(1)[0][0] if sizes else 0.0)


def _breaks(group: list[_Row], cur: _Row, ctx: _Context) -> bool:
    """Does ``cur`` start a new paragraph after the rows of ``group``?"""
    prev = group[-1]
    a, b = prev.line, cur.line
    if a.cells is not None or b.cells is not None:
        return True
    em = max(a.em, b.em)
    if prev.page == cur.page and prev.key[0] != cur.key[0]:
        return True  # between the columns and a line spanning them (a title, a figure's caption)
    if prev.segment == cur.segment:
        lead, usual = b.y0 - a.y1, ctx.lead.get(cur.key, ctx.lead["default"])
        if lead > usual + max(0.5 * em, 0.5 * usual) or lead < -0.5 * em:
            return True
    if a.size and b.size and abs(a.size - b.size) > 0.1 * max(a.size, b.size):
        return True
    if _centred(prev, ctx) and _centred(cur, ctx):  # a title set over two lines
        return False
    if a.x0 > ctx.left[prev.segment] + 4 * em and not (
            a.x1 - a.x0 > 0.5 * (ctx.right[prev.segment] - ctx.left[prev.segment]) and abs(b.x0 - a.x0) <= 2 * em):
        return True  # a right-aligned or centred line stands alone (a long one over the next is a block's, indented)
    if ctx.right[prev.segment] - a.x1 > _needed(b.text, b.em, ctx.char_mode) + 0.3 * em:
        return True  # the row above had room for the start of this one: it ended a paragraph
    ends_sentence = bool(_SENTENCE_END_RE.search(a.text))
    if ends_sentence and b.x0 - ctx.left[cur.segment] > 0.5 * em and (
            prev.segment != cur.segment or b.x0 > a.x0 + 0.5 * em):
        return True  # first-line indent
    if _STRONG_RE.match(b.text):
        return True
    marker = _WEAK_RE.match(b.text)
    if marker:  # "1." after a sentence, "2." after "1. …", "3." under "2." after a word's end
        return (ends_sentence or _follows(_WEAK_RE.match(group[0].line.text), marker)
                or (not a.text[-1].isalnum() and b.x0 <= group[0].line.x0 + 0.5 * em))
    return False


def _centred(row: _Row, ctx: _Context) -> bool:
    line, left, right = row.line, ctx.left.get(row.segment, 0.0), ctx.right.get(row.segment, 0.0)
    return line.x0 > left + 2 * line.em and abs((line.x0 + line.x1) - (left + right)) < 2 * line.em


def _needed(text: str, em: float, char_mode: bool) -> float:
    """Width the start of ``text`` needs on the row above: its first word and a
    space (only its first syllable where the typesetter breaks inside words)."""
    word = text.split(" ", 1)[0]
    return (_units(word[0] if char_mode and _is_hangul(word[:1]) else word) + 0.3) * em


def _follows(first: re.Match[str] | None, marker: re.Match[str]) -> bool:
    """Is ``marker`` the item after ``first`` ("2." after "1.", "나." after "가.")?"""
    a, b = first and (first.group(1) or first.group(2)), marker.group(1) or marker.group(2)
    if a and b and a.isdigit() and b.isdigit():
        return int(b) == int(a) + 1
    order = _GANADA if a and a in _GANADA else "abcdefghijklmnopqrstuvwxyz"
    return bool(a and b and len(a) == len(b) == 1 and a.lower() in order and b.lower() in order
                and order.index(b.lower()) == order.index(a.lower()) + 1)


def _styled_heading(group: list[_Row], text: str, ctx: _Context) -> bool:
    """A short unmarked line set apart from the body (bold, bigger, or a Hangul
    line in another font), which the text classifier cannot recognise."""
    line = group[0].line
    styled = line.bold or (ctx.body_size and line.size >= 1.15 * ctx.body_size) or (
        line.font != ctx.body_font and _wide_count(text) * 2 >= len(text.replace(" ", "")))
    kind = classify_line(text)[0]
    # "1) 배경 및 필요성" set larger than the body is a heading; a footnote is never larger.
    bigger = ctx.body_size and line.size >= 1.15 * ctx.body_size
    return (styled and len(group) <= 2 and 2 <= len(text) <= 50 and _wide_count(text) >= 2
            and not _SENTENCE_END_RE.search(text) and not re.fullmatch(r"[(\[<（［].*[)\]>）］]", text)
            and (kind is BlockKind.PARAGRAPH or (kind is BlockKind.FOOTNOTE and bigger)))


# --- joining wrapped rows ----------------------------------------------------------


def _join_lines(lines: list[str], char_mode: bool) -> str:
    """A table cell's rows as one text; a row known to follow a break between
    words (it starts with a space) is joined with one."""
    def step(done: str, line: str) -> str:
        if line.startswith(" "):
            return done + " " + line.lstrip() if done else line.lstrip()
        return _join(done, line, char_mode) if done and line else done + line

    return reduce(step, lines[1:], lines[0].lstrip()) if lines else ""



def _join(text: str, nxt: str, char_mode: bool) -> str:
    a, b = text[-1], nxt[0]
    if a == "-" and len(text) >= 2 and text[-2].isascii() and text[-2].isalpha():
        # "exam-" + "ple" is one word; "COVID-" + "19" keeps its hyphen.
        return text[:-1] + nxt if b.islower() and b.isascii() else text + nxt
    if a in _OPENING or b in _CLOSING:
        return text + nxt
    if _is_hangul(a) and _is_hangul(b):
        if _STANDALONE_RE.match(nxt) or (a in _WORD_FINAL and b not in "데지가걸바듯까") or (
                b == "함" and text.endswith(("도록", "고자"))):  # "할"+"수", "정하는"+"요건", "하도록"+"함"
            return text + " " + nxt
        # "있" + "음. 또한": the tail of a split word, whoever typeset it
        return text + ("" if char_mode or re.match(r"[가-힣][.,?!]", nxt) else " ") + nxt
    if char_mode and ((_is_hangul(a) and b == "(") or (a.isdigit() and b in _COUNTERS) or (a == "제" and b.isdigit())):
        return text + nxt  # "위원회" + "(이하", "제1" + "호에", "제" + "15조"
    return text + " " + nxt


def _char_mode(groups: list[list[_Row]]) -> bool:
    """Does the typesetter break lines inside Korean words? Then a wrapped row
    often starts with a word's last syllable ("적 참여", "음. 또한"); a
    word-wrapping one starts rows with whole words, few of one syllable."""
    breaks = tails = 0
    for group in groups:
        for prev, cur in zip(group, group[1:]):
            a, b = prev.line.text, cur.line.text
            if _is_hangul(a[-1]) and _is_hangul(b[0]):
                breaks += 1
                tails += bool(re.match(r"[가-힣][.,?!]", b) or (re.match(r"[가-힣](\s|$)", b)
                                                                 and b[0] not in _COMMON_SHORT))
    return tails >= 2 and tails >= 0.08 * breaks


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def _wide_count(text: str) -> int:
    return sum(1 for ch in text if ch > "\u10ff" and unicodedata.east_asian_width(ch) in "WF")


def _units(text: str) -> float:
    """Width of ``text`` in ems, roughly: full-width glyphs 1, others 0.55, spaces 0.3."""
    return sum(0.3 if ch == " " else 1.0 if ch > "\u00ff" and unicodedata.east_asian_width(ch) in "WFA" else 0.55
               for ch in text)
