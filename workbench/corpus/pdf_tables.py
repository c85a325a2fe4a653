"""Ruled tables in a PDF page: grids from the strokes, tables nested in cells,
cell text, and the rows, merged cells and nested tables handed on.

1. :func:`find_tables` finds grids among the thin strokes of a page: strokes
   that touch form a grid, its cells are the grid's boxes merged where no
   stroke separates them. A cell whose boxes do not fill its rectangle has a
   hole, and the cells in the hole are a table drawn inside that cell (a
   "유형 | 인원수 또는 규모" table in a 규제영향분석서's 피규제집단 cell): they
   become that cell's nested table, not cells of the outer grid.
2. :func:`place_tables` takes each grid's fragments out of the page's flow
   (each to the smallest cell that holds it) and puts a stand-in line in their
   place. A grid of one row or one column whose cells hold long text is a frame
   around text (a box, two boxed columns) and is left in the flow; any other
   grid with text in two cells is a table, however tall its cells (a two-column
   조문대비표, 현 행 | 개 정 안, is a table of two columns).
3. :func:`render` gives a table's rows as :func:`workbench.corpus.structure.build`
   wants them, each row as wide as the grid (a merged cell's text at its
   top-left, the cells it covers empty), with ``spans`` (row, column, rows,
   columns) and ``nested``: per cell holding a table, the table's rows, whose
   cell texts follow one another inside that cell's text, in reading order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from workbench.corpus.normalise import normalise_cell
from workbench.corpus.pdf_runs import merge_rows
from workbench.corpus.pdf_types import Line, Page, Table

MAX_CELL_ROWS = 6  # a one-row or one-column grid with a cell taller than this is a frame around text


# --- grids from strokes ----------------------------------------------------------


def find_tables(rules: list[tuple[float, float, float, float]], tolerance: float = 2.0,
                lines: list[Line] = ()) -> list[Table]:
    """Ruled grids from thin strokes (x0, y0, x1, y1): strokes that touch form a
    grid; its cells are the grid's boxes, merged where no stroke separates them
    (an underline inside a cell does not reach the cell's sides, so it separates
    nothing; one under a line of text as wide as its cell is known by the text
    it underlines, among the page's ``lines``). Cells inside another cell's hole
    form that cell's nested table."""
    hs = [(x0, x1, (y0 + y1) / 2) for x0, y0, x1, y1 in rules if y1 - y0 <= 3 and x1 - x0 >= 6]
    if lines:
        hs = [h for h in hs if not _underline(h, lines)]
    vs = [((x0 + x1) / 2, y0, y1) for x0, y0, x1, y1 in rules if x1 - x0 <= 3 and y1 - y0 >= 6]
    hs, vs = _unshade(hs), [(x, y0, y1) for y0, y1, x in _unshade([(y0, y1, x) for x, y0, y1 in vs])]
    if not vs or len(hs) * len(vs) > 250_000:
        return []
    t = tolerance
    parent = list(range(len(hs) + len(vs)))
    for i, (hx0, hx1, hy) in enumerate(hs):
        for j, (vx, vy0, vy1) in enumerate(vs):
            if hx0 - t <= vx <= hx1 + t and vy0 - t <= hy <= vy1 + t:
                parent[_root(parent, i)] = _root(parent, len(hs) + j)
    components: dict[int, tuple[list, list]] = {}
    for i, h in enumerate(hs):
        components.setdefault(_root(parent, i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        components.setdefault(_root(parent, len(hs) + j), ([], []))[1].append(v)
    tables = []
    open_rules = [v for root, (h_rules, v_rules) in components.items() if not h_rules for v in v_rules]
    if len(open_rules) >= 2:
        tables.extend(_open_frames(open_rules, t))
    for h_rules, v_rules in components.values():
        if not h_rules or len(v_rules) < 2:
            continue
        xs = _cluster([v[0] for v in v_rules] + [min(h[0] for h in h_rules), max(h[1] for h in h_rules)], t)
        ys = _cluster([h[2] for h in h_rules] + [v[1] for v in v_rules] + [v[2] for v in v_rules], t)
        cols, rows = len(xs) - 1, len(ys) - 1
        cell_parent = list(range(cols * rows))
        for r in range(rows):
            for c in range(cols):
                if c + 1 < cols and not any(abs(vx - xs[c + 1]) <= t and vy0 <= ys[r] + t and vy1 >= ys[r + 1] - t
                                            for vx, vy0, vy1 in v_rules):
                    cell_parent[_root(cell_parent, r * cols + c)] = _root(cell_parent, r * cols + c + 1)
                if r + 1 < rows and not any(abs(hy - ys[r + 1]) <= t and hx0 <= xs[c] + t and hx1 >= xs[c + 1] - t
                                            for hx0, hx1, hy in h_rules):
                    cell_parent[_root(cell_parent, r * cols + c)] = _root(cell_parent, (r + 1) * cols + c)
        merged: dict[int, list[tuple[int, int]]] = {}
        for n in range(cols * rows):
            merged.setdefault(_root(cell_parent, n), []).append((n // cols, n % cols))
        groups = [_Group(boxes, xs, ys) for boxes in merged.values()]
        groups = [g for g in groups if g.x1 - g.x0 > 2 * t + 1 and g.y1 - g.y0 > 2 * t + 1]  # slivers between near rules
        table = _table(groups, t)
        if table is not None:
            tables.append(table)
    return _nest(tables, t)


def _nest(tables: list[Table], t: float) -> list[Table]:
    """A grid drawn inside a cell of another grid, touching none of its strokes,
    is that cell's nested table (the smallest cell that holds it)."""
    def bbox(table: Table) -> tuple[float, float, float, float]:
        return (min(c[2] for c in table.cells), min(c[3] for c in table.cells),
                max(c[4] for c in table.cells), max(c[5] for c in table.cells))

    top = []
    for table in tables:
        x0, y0, x1, y1 = bbox(table)
        holders = [((cell[4] - cell[2]) * (cell[5] - cell[3]), other, n)
                   for other in tables if other is not table
                   for n, cell in enumerate(other.cells)
                   if cell[2] - t <= x0 and x1 <= cell[4] + t and cell[3] - t <= y0 and y1 <= cell[5] + t
                   and (x1 - x0) * (y1 - y0) < (cell[4] - cell[2]) * (cell[5] - cell[3])]
        if holders:
            _, other, n = min(holders, key=lambda h: h[0])
            other.nested.setdefault(n, []).append(table)
        else:
            top.append(table)
    return top


def _unshade(rules: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """A band of strokes a fraction of a point apart is a shading (a gradient
    drawn as hundreds of lines behind a header row), not borders: keep its first
    and last stroke. Rules are (start, end, position across)."""
    by_extent: dict[tuple[int, int], list[tuple[float, float, float]]] = {}
    for rule in rules:
        by_extent.setdefault((round(rule[0]), round(rule[1])), []).append(rule)
    out = []
    for group in by_extent.values():
        group.sort(key=lambda r: r[2])
        run = [group[0]]
        for rule in group[1:] + [None]:
            if rule is not None and rule[2] - run[-1][2] < 1.0:
                run.append(rule)
                continue
            out.extend(run if len(run) < 4 else [run[0], run[-1]])
            if rule is not None:
                run = [rule]
    return out


def _open_frames(vs: list[tuple[float, float, float]], t: float) -> list[Table]:
    """Columns ruled only by vertical strokes of one height, with no top or bottom
    border: a table going on from the previous page (a 조문대비표's next page)."""
    out = []
    by_extent: dict[tuple[float, float], list[float]] = {}
    for x, y0, y1 in vs:
        key = next((k for k in by_extent if abs(k[0] - y0) <= t and abs(k[1] - y1) <= t), (y0, y1))
        by_extent.setdefault(key, []).append(x)
    for (y0, y1), xs in by_extent.items():
        xs = _cluster(xs, t)
        if len(xs) >= 3 and y1 - y0 >= 36:
            out.append(Table([(0, n, a, y0, b, y1) for n, (a, b) in enumerate(zip(xs, xs[1:]))]))
    return out


def _underline(rule: tuple[float, float, float], lines: list[Line]) -> bool:
    """Does the horizontal stroke run under a line of text, inside its box
    (a cell's border runs below the text of the cell), along most of its length?"""
    x0, x1, y = rule
    covered = 0.0
    for line in lines:
        if line.y0 + 0.6 * (line.y1 - line.y0) <= y <= line.y1 + 0.5:
            covered += max(0.0, min(x1, line.x1) - max(x0, line.x0))
    return covered >= 0.8 * (x1 - x0)


class _Group:
    """A merged cell: its grid boxes, bounding boxes in grid units and in points."""

    __slots__ = ("boxes", "r0", "c0", "r1", "c1", "x0", "y0", "x1", "y1", "xs", "ys")

    def __init__(self, boxes: list[tuple[int, int]], xs: list[float], ys: list[float]) -> None:
        self.boxes, self.xs, self.ys = boxes, xs, ys
        self.r0, self.r1 = min(r for r, _ in boxes), max(r for r, _ in boxes)
        self.c0, self.c1 = min(c for _, c in boxes), max(c for _, c in boxes)
        self.x0, self.x1, self.y0, self.y1 = xs[self.c0], xs[self.c1 + 1], ys[self.r0], ys[self.r1 + 1]

    @property
    def holed(self) -> bool:
        return len(self.boxes) < (self.r1 - self.r0 + 1) * (self.c1 - self.c0 + 1)

    def rectangles(self) -> list["_Group"]:
        """An L-shaped (holed) cell as rectangles: its runs of boxes row by row,
        a run going on down the rows below it as one."""
        runs: list[list[tuple[int, int]]] = []
        for r in range(self.r0, self.r1 + 1):
            cols = sorted(c for row, c in self.boxes if row == r)
            start = 0
            for n in range(1, len(cols) + 1):
                if n == len(cols) or cols[n] != cols[n - 1] + 1:
                    span = (cols[start], cols[n - 1])
                    above = next((run for run in runs if run[-1][0] == r - 1
                                  and (min(c for _, c in run), max(c for _, c in run)) == span), None)
                    boxes = [(r, c) for c in range(span[0], span[1] + 1)]
                    if above is not None:
                        above.extend(boxes)
                    else:
                        runs.append(boxes)
                    start = n
        return [_Group(run, self.xs, self.ys) for run in runs]

    def holds(self, other: "_Group") -> bool:
        return self.r0 <= other.r0 and other.r1 <= self.r1 and self.c0 <= other.c0 and other.c1 <= self.c1


def _table(groups: list[_Group], t: float) -> Table | None:
    """The table of these merged cells, with the cells inside a holed cell's
    rectangle as that cell's nested table."""
    inside: dict[int, list[_Group]] = {}
    claimed: set[int] = set()
    for outer in sorted((g for g in groups if g.holed), key=lambda g: -(g.x1 - g.x0) * (g.y1 - g.y0)):
        if id(outer) in claimed:
            continue
        held = [g for g in groups if g is not outer and id(g) not in claimed and outer.holds(g)]
        if len(held) >= 2:
            inside[id(outer)] = held
            claimed.update(id(g) for g in held)
    top = []
    for g in groups:
        if id(g) not in claimed:
            # An L-shaped cell holding no table is its rectangles (cells must not overlap).
            top.extend(g.rectangles() if g.holed and id(g) not in inside else [g])
    if len(top) < 2 and not inside:
        return None
    rows = _cluster([g.y0 for g in top], t)
    cols = _cluster([g.x0 for g in top], t)
    top.sort(key=lambda g: (g.y0, g.x0))
    cells = [(_index(rows, g.y0, t), _index(cols, g.x0, t), g.x0, g.y0, g.x1, g.y1) for g in top]
    nested = {}
    for n, g in enumerate(top):
        if id(g) in inside:
            inner = _table(inside[id(g)], t)
            if inner is not None:
                nested[n] = [inner]
    return Table(cells, nested)


def _index(starts: list[float], value: float, t: float) -> int:
    return next(i for i, start in enumerate(starts) if value <= start + t)


def _root(parent: list[int], i: int) -> int:
    """Union-find: the representative of ``i``'s set (halving the path on the way)."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _cluster(values: list[float], tolerance: float) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > tolerance:
            out.append(value)
    return out


# --- text in the cells -------------------------------------------------------------


@dataclass(slots=True)
class CellText:
    """A cell's place and span in its table's grid, and what it holds in reading
    order: rows of text (lists of strings) and tables nested in it."""

    row: int
    col: int
    row_span: int
    col_span: int
    pieces: list = field(default_factory=list)  # list[str] (a run of rows) | TableText

    def lines(self) -> int:
        return sum(len(p) for p in self.pieces if isinstance(p, list))


@dataclass(slots=True)
class TableText:
    rows: int
    cols: int
    cells: list[CellText]
    col_x: list[float]  # where each column starts (tells a table continued on the next page)


def place_tables(page: Page, continues: list[float] | None = None) -> tuple[list[Line], list[Line]]:
    """The page's fragments with each data table's replaced by one stand-in line
    (``cells`` holds its :class:`TableText`), and the replaced fragments (they
    still show where columns are). ``continues``: the columns of a table that
    ran to the foot of the previous page; a frame at the top of this page with
    the same columns is that table going on (a 조문대비표 whose header is not
    repeated), not a frame."""
    body, inner = list(page.lines), []
    top = min((f.y0 for f in page.lines), default=0.0)
    for table in page.tables:
        x0, y0 = min(c[2] for c in table.cells), min(c[3] for c in table.cells)
        x1, y1 = max(c[4] for c in table.cells), max(c[5] for c in table.cells)
        free = [f for f in body if f.cells is None
                and x0 <= (f.x0 + f.x1) / 2 <= x1 and y0 <= (f.y0 + f.y1) / 2 <= y1]
        table = _without_frames(table, free)
        if len(table.cells) < 2:
            continue
        x0, y0 = min(c[2] for c in table.cells), min(c[3] for c in table.cells)
        x1, y1 = max(c[4] for c in table.cells), max(c[5] for c in table.cells)
        free = [f for f in free if x0 <= (f.x0 + f.x1) / 2 <= x1 and y0 <= (f.y0 + f.y1) / 2 <= y1]
        taken: list[Line] = []
        text = _fill(table, free, taken)
        filled = sum(1 for cell in text.cells if cell.pieces)
        tallest = max((cell.lines() for cell in text.cells), default=0)
        going_on = continues is not None and y0 <= top + 2 and same_columns(text.col_x, continues)
        if filled < 2 or ((text.rows < 2 or text.cols < 2) and tallest > MAX_CELL_ROWS and not going_on):
            continue  # a frame around text, or decoration: its text flows
        ids = {id(f) for f in taken}
        inner.extend(taken)
        body = [f for f in body if id(f) not in ids]
        body.append(Line("", x0, y0, x1, y1, cells=text))
    return body, inner


def _without_frames(table: Table, fragments: list[Line]) -> Table:
    """The table without its frame: a cell as wide as the whole grid that holds
    running text (a border drawn round a page, with a small table in it, makes
    the page's text a cell of that table). Its text flows; the rest is the table."""
    left, right = min(c[2] for c in table.cells), max(c[4] for c in table.cells)
    keep = []
    for n, (_r, _c, a, b, c, d) in enumerate(table.cells):
        if a - 1 <= left and c + 1 >= right and n not in table.nested:
            inside = [f for f in fragments if a <= (f.x0 + f.x1) / 2 <= c and b <= (f.y0 + f.y1) / 2 <= d]
            if len(merge_rows(inside)) > MAX_CELL_ROWS:
                continue
        keep.append(n)
    if len(keep) == len(table.cells):
        return table
    cells = [table.cells[n] for n in keep]
    rows = _cluster([c[3] for c in cells], 2.0)
    cols = _cluster([c[2] for c in cells], 2.0)
    renumbered = [(_index(rows, c[3], 2.0), _index(cols, c[2], 2.0), *c[2:]) for c in cells]
    return Table(renumbered, {keep.index(n): inner for n, inner in table.nested.items() if n in keep})


def _fill(table: Table, fragments: list[Line], taken: list[Line]) -> TableText:
    """Each fragment to the smallest cell holding its centre (a nested table's
    cell before the outer cell around it), and the cells' text."""
    order = sorted(range(len(table.cells)), key=lambda n: (table.cells[n][4] - table.cells[n][2])
                   * (table.cells[n][5] - table.cells[n][3]))
    found: dict[int, list[Line]] = {}
    nested_parts: dict[int, list[TableText]] = {}
    rest = fragments
    for n, tables in table.nested.items():
        for nested in tables:
            a, b = min(c[2] for c in nested.cells), min(c[3] for c in nested.cells)
            c, d = max(c[4] for c in nested.cells), max(c[5] for c in nested.cells)
            mine = [f for f in rest if a <= (f.x0 + f.x1) / 2 <= c and b <= (f.y0 + f.y1) / 2 <= d]
            ids = {id(f) for f in mine}
            rest = [f for f in rest if id(f) not in ids]
            nested_parts.setdefault(n, []).append(_fill(nested, mine, taken))
    for fragment in rest:
        cx, cy = (fragment.x0 + fragment.x1) / 2, (fragment.y0 + fragment.y1) / 2
        for n in order:
            _r, _c, a, b, c, d = table.cells[n]
            if a <= cx <= c and b <= cy <= d:
                found.setdefault(n, []).append(fragment)
                taken.append(fragment)
                break
    row_starts = sorted({cell[3] for cell in table.cells})
    col_starts = sorted({cell[2] for cell in table.cells})
    grid = []  # (row, col, row span, col span, rows of text, nested tables) per cell
    for n, (row, col, a, b, c, d) in enumerate(table.cells):
        grid.append([row, col, max(1, sum(1 for y in row_starts if b - 1 <= y < d - 1)),
                     max(1, sum(1 for x in col_starts if a - 1 <= x < c - 1)),
                     merge_rows(found.get(n, []), cell=True),
                     sorted(zip(nested_parts.get(n, []), table.nested.get(n, [])),
                            key=lambda pair: min(cell[3] for cell in pair[1].cells))])
    grid = _split_provisions(grid)
    cells = []
    for row, col, row_span, col_span, rows, tables in grid:
        pieces: list = []
        right = max((line.x1 for line, _ in rows), default=0.0)
        prev = None
        for line, _ in rows:
            while tables and min(cell[3] for cell in tables[0][1].cells) < (line.y0 + line.y1) / 2:
                pieces.append(tables.pop(0)[0])
            # The row above had room for this row's first syllable: the break is between words
            # (a leading space says so to the joiner; else it decides, as for running text).
            text = " " + line.text if prev is not None and right - prev.x1 > 1.3 * line.em else line.text
            if pieces and isinstance(pieces[-1], list):
                pieces[-1].append(text)
            else:
                pieces.append([line.text])
            prev = line
        pieces.extend(part for part, _ in tables)
        cells.append(CellText(row, col, row_span, col_span, pieces))
    return TableText(max((c.row + c.row_span for c in cells), default=0),
                     max((c.col + c.col_span for c in cells), default=0), cells, col_starts)


# A line that starts a provision of a law, an item or a "<신 설>" placeholder.
_PROVISION_RE = re.compile(r"^\s*(<[^<>]{1,12}>|[①-⑳]|제\s*\d+\s*조|\d{1,2}\.|[가-하]\.|\(\d{1,2}\)|-{3,})")


def _starts(rows: list[tuple[Line, list[Line]]]) -> set[int]:
    """The ids of a cell's lines that start a provision: a marker ("⑤", "1.",
    "제3조", "<신 설>") after a line that ended short of the cell's right edge,
    after a blank, or at the top ("제19조제11호에서" inside a wrapped sentence is none)."""
    right = max(line.x1 for line, _ in rows)
    out, prev = set(), None
    for line, _ in rows:
        height = line.y1 - line.y0
        if _PROVISION_RE.match(line.text) and (prev is None or right - prev.x1 > 2 * height
                                               or line.y0 - prev.y1 > 0.8 * height):
            out.add(id(line))
        prev = line
    return out


def _split_provisions(grid: list[list]) -> list[list]:
    """Split a row of side-by-side cells of running text (a 조문대비표's 현행 |
    개정안) where its provisions pair up: at a line that starts a provision
    ("⑤", "1.", "<신 설>") in two or more cells at once, the other cells blank
    there. Each pair becomes a row of its own; cells spanning the row span
    the new rows too."""
    out = grid
    for row in sorted({cell[0] for cell in grid}, reverse=True):
        side = [cell for cell in out if cell[0] == row and cell[2] == 1 and not cell[5] and cell[4]]
        if len(side) < 2 or max(len(cell[4]) for cell in side) <= MAX_CELL_ROWS:
            continue
        cuts = []
        first = min(cell[4][0][0].y0 for cell in side)  # the row's first line: no cut above it
        starts = {id(cell): _starts(cell[4]) for cell in side}
        for cell in side:
            for line, _ in cell[4]:
                if line.y0 <= first + 0.5 * (line.y1 - line.y0) or id(line) not in starts[id(cell)]:
                    continue
                top, bottom = line.y0, line.y1
                paired = blank = 0
                for other in side:
                    at = [ln for ln, _ in other[4] if min(ln.y1, bottom) - max(ln.y0, top) > 0.5 * (bottom - top)]
                    if not at:
                        blank += 1
                    elif abs(at[0].y0 - top) <= 0.3 * (bottom - top) and id(at[0]) in starts[id(other)]:
                        paired += 1
                if paired >= 2 and paired + blank == len(side) and all(abs(top - y) > 1 for y in cuts):
                    cuts.append(top)
        if not cuts:
            continue
        cuts.sort()
        extra = len(cuts)
        new = []
        for cell in out:
            r, c, rs, cs, rows, tables = cell
            if any(cell is x for x in side):
                for n, (lo, hi) in enumerate(zip([float("-inf"), *cuts], [*cuts, float("inf")])):
                    band = [(ln, m) for ln, m in rows if lo <= (ln.y0 + ln.y1) / 2 < hi]
                    new.append([r + n, c, 1, cs, band, []])
                continue
            if r > row:
                r += extra
            elif r + rs > row:
                rs += extra
            new.append([r, c, rs, cs, rows, tables])
        out = new
    return out


def same_columns(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) >= 2 and all(abs(x - y) <= 3 for x, y in zip(a, b))


def continued(first: TableText, more: TableText) -> TableText:
    """A table broken by a page break, whole again: the header row the next page
    repeats is dropped, and a row split by the break (its first cell empty on the
    new page, its other cells going on) is one row again."""
    def texts(table: TableText, row: int) -> list[str]:
        by_col = {c.col: " ".join(" ".join(p) for p in c.pieces if isinstance(p, list)) for c in table.cells
                  if c.row == row}
        return [by_col.get(col, "") for col in range(table.cols)]

    shift = first.rows
    cells = [c for c in more.cells]
    if more.rows > 1 and texts(more, 0) == texts(first, 0):
        cells = [c for c in cells if c.row != 0]
        shift -= 1
    lead = min((c.row for c in cells), default=0)
    head = [c for c in cells if c.row == lead]
    tail = {c.col: c for c in first.cells if c.row + c.row_span == first.rows}
    if (head and all(c.row_span == 1 for c in head) and not any(c.pieces for c in head if c.col == 0)
            and tail.get(0) is not None and tail[0].pieces
            and all(c.col in tail and tail[c.col].col_span == c.col_span for c in head if c.pieces)):
        for c in head:
            if c.pieces:
                into = tail[c.col].pieces
                if into and isinstance(into[-1], list) and c.pieces and isinstance(c.pieces[0], list):
                    into[-1] = into[-1] + c.pieces[0]
                    into.extend(c.pieces[1:])
                else:
                    into.extend(c.pieces)
        cells = [c for c in cells if c.row != lead]
        shift -= 1
    moved = [CellText(c.row + shift, c.col, c.row_span, c.col_span, c.pieces) for c in cells]
    out = first.cells + moved
    return TableText(max((c.row + c.row_span for c in out), default=0), first.cols, out, first.col_x)


# --- rows for structure.build ----------------------------------------------------------


def render(table: TableText, join: Callable[[list[str]], str]) -> tuple[list[list[str]], list, list]:
    """(rows, spans, nested) of a table; ``join`` makes one text of a cell's rows
    (a row after a break between words starts with a space).
    Rows with no text at all are left out (as build would), spans and nested
    places counted without them."""
    grid = [["" for _ in range(table.cols)] for _ in range(table.rows)]
    spans: list[list[int]] = []
    nested: list[dict] = []
    for cell in table.cells:
        texts, inner = [], []
        for piece in cell.pieces:
            if isinstance(piece, list):
                texts.append(join(piece))
            else:
                rows, inner_spans, inner_nested = render(piece, join)
                if rows:
                    texts.extend(c for row in rows for c in row if c)
                    inner.append({"rows": rows, **({"spans": inner_spans} if inner_spans else {}),
                                  **({"nested": inner_nested} if inner_nested else {})})
        # As build will store it (one line, NFC, spaces collapsed): a row left empty then is dropped
        # here, and a nested table's cells are found, as stored, in its cell's text.
        grid[cell.row][cell.col] = normalise_cell(" ".join(t for t in texts if t))
        if cell.row_span > 1 or cell.col_span > 1:
            spans.append([cell.row, cell.col, cell.row_span, cell.col_span])
        nested.extend({"row": cell.row, "col": cell.col, **entry} for entry in inner)
    for r in range(len(grid) - 1, -1, -1):
        if any(grid[r]):
            continue
        del grid[r]
        for span in spans:
            if span[0] > r:
                span[0] -= 1
            elif span[0] + span[2] > r:
                span[2] -= 1
        for entry in nested:
            if entry["row"] > r:
                entry["row"] -= 1
    spans = [tuple(s) for s in spans if s[2] >= 1 and (s[2] > 1 or s[3] > 1) and s[0] < len(grid)]
    return grid, spans, nested
