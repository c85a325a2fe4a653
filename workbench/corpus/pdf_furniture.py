"""Running headers, footers and page numbers: page furniture, not text.

A running header is text *at the same place on most pages*: the same words
(digits ignored, so "- 3 -" and "- 4 -" match) in the same band at the top or
bottom edge, starting, centred or ending at the same x. Repetition alone is
not enough: a 규제영향분석서 starts every section on a new page with the same
heading ("Ⅱ. 규제의 적정성" on pages 8, 24, 38 …), at the top edge and at the
same place, but on a few pages out of many; those headings are text.

"Most pages" is counted over the pages that have text, or over the odd or
the even pages alone (a book's left and right headers differ, and mirror
each other: the same header may sit left on even pages and right on odd
ones). Bare page numbers at the edge ("- 3 -", "12", "iii") are always
furniture. What is taken out becomes the page's metadata: ``header``,
``footer`` and ``page_label``.
"""

from __future__ import annotations

import re

from workbench.corpus.pdf_types import Line, Page

BAND = 0.11  # furniture lies within this share of the page height from its top or bottom
MOST = 0.5  # share of the pages (or of the odd or even pages) a running header is on
PAGE_NUMBER_RE = re.compile(
    r"^[-–—~·|\s\[(<]*(?:(?:page|p\.)\s*)?(\d{1,3}|[ivxlcdm]{1,7})(?:\s*(?:/|of)\s*\d{1,4})?\s*(?:쪽|페이지|면)?"
    r"[-–—~·|\s\])>]*$", re.IGNORECASE)
_EDGE_NUMBER_RE = re.compile(r"^(\d{1,4})\s+\S|\S\s+(\d{1,4})$")


def furniture(pages: list[Page], rows: dict[int, list[tuple[Line, list[Line]]]]
              ) -> dict[int, tuple[set[int], dict]]:
    """Per page: the ids of fragments that are furniture, and the page's metadata.
    ``rows`` are each page's rows (the joined line and its fragments), top to bottom."""
    candidates = {page.number: _candidates(page, rows[page.number]) for page in pages}
    support = _support(pages, candidates)
    numbers: dict[str, set[str]] = {}
    found: dict[int, list[tuple[str, Line, list[Line], bool]]] = {}
    for page in pages:
        found[page.number] = []
        for place in ("header", "footer"):
            for where, line, members in [c for c in candidates[page.number] if c[0] == place]:
                bare = bool(PAGE_NUMBER_RE.match(line.text.strip()))
                if not bare and id(line) not in support:
                    break  # furniture ends at the first body row from the edge
                found[page.number].append((where, line, members, bare))
                if not bare and (edge := _EDGE_NUMBER_RE.search(line.text.strip())):
                    numbers.setdefault(_key(line.text), set()).add(edge.group(1) or edge.group(2))
    out: dict[int, tuple[set[int], dict]] = {}
    for page in pages:
        removed, meta = set(), {}
        for where, line, members, bare in found[page.number]:
            removed.update(id(m) for m in members)
            text = line.text.strip()
            if bare:
                meta.setdefault("page_label", re.sub(r"^\W+|\W+$", "", text))
                continue
            edge = _EDGE_NUMBER_RE.search(text)
            if edge and len(numbers.get(_key(text), ())) > 1:  # the number changes: the page's own
                meta.setdefault("page_label", edge.group(1) or edge.group(2))
                text = (text[len(edge.group(1)):] if edge.group(1) else text[:-len(edge.group(2))]).strip()
            meta[where] = f"{meta[where]} | {text}" if where in meta else text
        out[page.number] = (removed, meta)
    return out


def _candidates(page: Page, page_rows: list[tuple[Line, list[Line]]]) -> list[tuple[str, Line, list[Line]]]:
    """The two rows nearest each edge, if they lie in the edge band, nearest the edge first."""
    page_rows = [r for r in page_rows if r[0].cells is None]
    top = [r for r in page_rows[:2] if r[0].y1 <= BAND * page.height]
    bottom = [r for r in page_rows[len(top):][-2:][::-1] if r[0].y0 >= (1 - BAND) * page.height]
    return [("header", *r) for r in top] + [("footer", *r) for r in bottom]


def _support(pages: list[Page], candidates: dict[int, list[tuple[str, Line, list[Line]]]]) -> set[int]:
    """The ids of candidate rows that recur at their place on most pages."""
    groups: dict[tuple[str, str], list[tuple[int, Line]]] = {}
    for number, rows in candidates.items():
        for place, line, _ in rows:
            key = _key(line.text)
            if key:
                groups.setdefault((place, key), []).append((number, line))
    numbers = [p.number for p in pages]
    needed = 2 if len(pages) <= 4 else 3
    parity_pages = {0: sum(1 for n in numbers if n % 2 == 0), 1: sum(1 for n in numbers if n % 2)}
    out: set[int] = set()
    for occurrences in groups.values():
        if len({n for n, _ in occurrences}) < needed:
            continue
        for number, line in occurrences:
            agree = [(n, other) for n, other in occurrences if _same_place(line, number, other, n)]
            pages_agreeing = {n for n, _ in agree}
            same_side = {n for n in pages_agreeing if n % 2 == number % 2}
            if len(pages_agreeing) >= needed and (len(pages_agreeing) >= MOST * len(numbers) or (
                    len(same_side) >= needed and len(same_side) >= MOST * parity_pages[number % 2])):
                # Furniture here, and wherever the same row stands at the same place.
                out.update(id(other) for _, other in agree)
    return out


def _same_place(a: Line, page_a: int, b: Line, page_b: int) -> bool:
    """Do two rows stand at the same place on their pages? The same height always;
    the same start, centre or end on pages of one side (left and right pages may mirror)."""
    height = max(a.y1 - a.y0, b.y1 - b.y0, 1.0)
    if abs(a.y0 - b.y0) > max(3.0, 0.6 * height):
        return False
    if page_a % 2 != page_b % 2:
        return True
    slack = 2 * max(a.em, b.em)
    return (abs(a.x0 - b.x0) <= slack or abs(a.x1 - b.x1) <= slack
            or abs((a.x0 + a.x1) - (b.x0 + b.x1)) <= 2 * slack)


def _key(text: str) -> str:
    """A row's text with digits and spaces ignored, so "- 3 -" and "- 4 -" match."""
    return re.sub(r"[\d\s]+", "", text)
