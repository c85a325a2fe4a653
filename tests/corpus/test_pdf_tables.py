"""pdf_tables on hand-made strokes and lines: a table inside a table cell,
underlines and shading that are not borders, a two-column comparison table
read as a table and split where its provisions pair up, a table broken by a
page break made whole, and properties of the rows handed to build."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.models import BlockKind
from workbench.corpus.pdf_layout import Line, Page, layout_pages
from workbench.corpus.pdf_tables import CellText, TableText, find_tables, render
from workbench.corpus.structure import build

SIZE = 10.0


def box(x0, y0, x1, y1):
    """The four strokes of a rectangle."""
    return [(x0, y0 - 0.4, x1, y0 + 0.4), (x0, y1 - 0.4, x1, y1 + 0.4),
            (x0 - 0.4, y0, x0 + 0.4, y1), (x1 - 0.4, y0, x1 + 0.4, y1)]


def hline(x0, x1, y):
    return (x0, y - 0.4, x1, y + 0.4)


def vline(x, y0, y1):
    return (x - 0.4, y0, x + 0.4, y1)


def text(t, x0, y, size=SIZE):
    """A fragment as the reader makes it; one syllable a word ("현 행") is spread a word's width apart."""
    spread = None
    if all(len(w.strip("<>")) == 1 for w in t.split(" ")) and " " in t:
        spread = tuple(size for _ in range(t.count(" ")))
    width = sum(size if ord(c) > 0xFF else 0.55 * size for c in t) + (size * t.count(" ") if spread else 0)
    return Line(t, x0, y, x0 + width, y + 1.2 * size, size=size, font="body", spread=spread)


def test_a_table_drawn_inside_a_cell_is_that_cells_nested_table():
    # Outer: two columns, two rows; in the second row's right cell, a 2x2 table under a line of text.
    rules = box(50, 100, 500, 300) + [vline(150, 100, 300), hline(50, 500, 140)]
    rules += box(170, 200, 480, 280) + [hline(170, 480, 240), vline(300, 200, 280)]
    [table] = find_tables(rules)
    assert [c[:2] for c in table.cells] == [(0, 0), (0, 1), (1, 0), (1, 1)]
    [inner] = table.nested[3]
    assert [c[:2] for c in inner.cells] == [(0, 0), (0, 1), (1, 0), (1, 1)]
    lines = [text("구분", 60, 110), text("내용", 160, 110), text("대상", 60, 210),
             text("ㅇ 피규제자: 토지등소유자", 160, 160),
             text("유형", 180, 210), text("규모", 310, 210), text("소유자", 180, 250), text("없음", 310, 250)]
    parts = layout_pages([Page(1, 595, 842, lines, [table])])
    [part] = [p for p in parts if p.rows is not None]
    assert part.rows == [["구분", "내용"], ["대상", "ㅇ 피규제자: 토지등소유자 유형 규모 소유자 없음"]]
    assert part.meta["nested"] == [{"row": 1, "col": 1, "rows": [["유형", "규모"], ["소유자", "없음"]]}]
    _, blocks, _ = build(parts, paragraph_gap=True)
    [block] = [b for b in blocks if b.kind is BlockKind.TABLE]
    assert block.meta["nested"][0]["rows"][1] == ["소유자", "없음"]


def test_an_underline_as_wide_as_its_cell_is_not_a_border():
    # A 조문대비표 underlines its new text; the first underline reaches the cell's sides.
    rules = box(50, 100, 500, 400) + [vline(275, 100, 400), hline(50, 500, 130), hline(276, 500, 152.5)]
    lines = [text("현 행", 120, 110), text("개 정 안", 350, 110), text("<신 설>", 60, 140),
             Line("제4조(사업시행예정자의 결정 및 변경 등) ①", 280, 140, 500, 153, size=SIZE)]
    lines += [Line(f"복합개발사업을 추진하려는 토지등소유자 {n}", 280, 156 + 16 * n, 500, 169 + 16 * n, size=SIZE)
              for n in range(8)]
    [table] = find_tables([r for r in rules], lines=lines)
    assert len(table.cells) == 4  # the underline at 152.5 cut nothing
    [part] = [p for p in layout_pages([Page(1, 595, 842, lines, [table])]) if p.rows is not None]
    assert part.rows[0] == ["현행", "개정안"] and part.rows[1][0] == "<신설>"
    assert part.rows[1][1].startswith("제4조(사업시행예정자의 결정 및 변경 등) ① 복합개발사업을")


def test_shading_drawn_as_many_lines_is_not_a_grid_of_slivers():
    rules = box(50, 100, 300, 200) + [vline(150, 100, 200), hline(50, 300, 130)]
    rules += [hline(50, 300, 100.5 + 0.2 * n) for n in range(140)]  # a gradient behind the header row
    [table] = find_tables(rules)
    assert sorted(c[:2] for c in table.cells) == [(0, 0), (0, 1), (1, 0), (1, 1)]


def test_a_comparison_table_splits_where_its_provisions_pair_up():
    rules = box(50, 100, 500, 600) + [vline(275, 100, 600), hline(50, 500, 130)]
    left = ["제15조(위원회의 설치) ① ∼ ④ (생략)", "⑤ 위원을 위촉할 때에는 다양한 사회계층으로부터",
            "후보를 추천받는다.", "<신 설>", "<신 설>"]
    right = ["제15조(위원회의 설치) ① ∼ ④ (현행과 같음)", "⑤ 다음 각 호의 단체로부터 후보를 추천받아",
             "대표성을 반영하여야 한다.", "1. 아동ㆍ청년ㆍ여성을 대표하는 단체", "2. 노동조합의", "총연합단체",
             "3. 생산자단체"]
    y_left = [140, 170, 186, 216, 246]
    y_right = [140, 170, 186, 216, 246, 262, 292]
    lines = [text("현 행", 120, 110), text("개 정 안", 350, 110)]
    # Full rows reach the column's right edge; the last row of a paragraph ends short.
    lines += [text(t, 60, y) if t.startswith("<") else Line(t, 60, y, 270 if n == 1 else 200, y + 12, size=SIZE)
              for n, (t, y) in enumerate(zip(left, y_left))]
    lines += [Line(t, 285, y, 495 if n in (1, 4) else 420, y + 12, size=SIZE)
              for n, (t, y) in enumerate(zip(right, y_right))]
    [part] = [p for p in layout_pages([Page(1, 595, 842, lines, find_tables(rules))]) if p.rows is not None]
    assert [row[0] for row in part.rows] == ["현행", left[0], "⑤ 위원을 위촉할 때에는 다양한 사회계층으로부터 후보를 추천받는다.",
                                             "<신설>", "<신설>"]
    assert part.rows[3][1] == right[3] and part.rows[4][1] == "2. 노동조합의 총연합단체 3. 생산자단체"
    assert part.rows[2][1] == "⑤ 다음 각 호의 단체로부터 후보를 추천받아 대표성을 반영하여야 한다."


def test_a_table_broken_by_a_page_break_is_one_table():
    def page(number, header, left, right):
        rules = box(50, 60, 500, 780) + [vline(275, 60, 780)]
        lines = []
        y = 70
        if header:
            rules.append(hline(50, 500, 90))
            lines += [text("현 행", 120, y), text("개 정 안", 350, y)]
            y = 100
        lines += [text(t, 60, y + 16 * n) for n, t in enumerate(left)]
        lines += [Line(t, 285, y + 16 * n, 495, y + 12 + 16 * n, size=SIZE) for n, t in enumerate(right)]
        lines.append(text(f"- {number} -", 280, 800))
        return Page(number, 595, 842, lines, find_tables(rules))

    body = [f"개정 조문의 {n}번째 줄은 이렇게 길게 이어지며" for n in range(30)]
    parts = layout_pages([page(1, True, ["<신 설>"], body[:20]), page(2, True, [], body[20:25]),
                          page(3, False, ["<신 설>"], body[25:])])
    [part] = [p for p in parts if p.rows is not None]
    assert part.rows[0] == ["현행", "개정안"]  # the header page 2 repeats is dropped
    assert part.rows[1][0] == "<신설>" and part.rows[1][1].endswith("24번째 줄은 이렇게 길게 이어지며")
    assert part.rows[2] == ["<신설>", " ".join(body[25:])]  # page 3 has no border on top: it goes on
    assert part.meta["page"] == 1 and part.meta["page_end"] == 3


# --- properties of render -------------------------------------------------------------

words = st.text("가나다라마바사아자차 ", min_size=0, max_size=8)


@st.composite
def tables(draw, depth=0):
    rows, cols = draw(st.integers(1, 5)), draw(st.integers(1, 4))
    taken = [[False] * cols for _ in range(rows)]
    cells = []
    for r in range(rows):
        for c in range(cols):
            if taken[r][c]:
                continue
            rs = draw(st.integers(1, rows - r))
            cs = draw(st.integers(1, cols - c))
            if any(taken[i][j] for i in range(r, r + rs) for j in range(c, c + cs)):
                rs = cs = 1
            for i in range(r, r + rs):
                for j in range(c, c + cs):
                    taken[i][j] = True
            pieces = [[w for w in draw(st.lists(words, max_size=3))]]
            if depth < 1 and draw(st.booleans()) and draw(st.booleans()):
                pieces.append(draw(tables(depth + 1)))
            cells.append(CellText(r, c, rs, cs, [p for p in pieces if p]))
    return TableText(rows, cols, cells, [float(c) for c in range(cols)])


def join(lines):
    return " ".join(line.strip() for line in lines if line.strip())


@settings(max_examples=300, deadline=None)
@given(tables())
def test_render_keeps_every_word_and_its_places_point_into_the_grid(table):
    rows, spans, nested = render(table, join)
    assert all(any(row) for row in rows) and all(len(row) == table.cols for row in rows)
    flat = " ".join(c for row in rows for c in row).split()
    assert sorted(flat) == sorted(_words(table))
    for r, c, rs, cs in spans:
        assert 0 <= r < len(rows) and r + rs <= len(rows) and c + cs <= table.cols and (rs > 1 or cs > 1)
    for entry in nested:  # a nested table's cells are found in order in its cell's text
        cell, at = rows[entry["row"]][entry["col"]], 0
        for value in (v for row in entry["rows"] for v in row if v):
            at = cell.index(value, at) + len(value)


def _words(table: TableText) -> list[str]:
    out = []
    for cell in table.cells:
        for piece in cell.pieces:
            out.extend(join(piece).split() if isinstance(piece, list) else _words(piece))
    return out


def test_a_border_round_the_page_is_a_frame_and_its_text_flows_after_the_table():
    # The page's border shares its sides with a small table's: one grid, whose
    # full-width bottom "cell" is the page's running text.
    rules = box(50, 60, 500, 780) + [hline(50, 500, 90), hline(50, 500, 120), hline(50, 500, 200), vline(200, 90, 200)]
    lines = [text("[ 표 1 ] 목표", 60, 70), text("구분", 60, 100), text("목표", 210, 100),
             text("수소차", 60, 130), text("20만대", 210, 130)]
    body = [f"본문 {n}번째 줄은 표 아래에서 이어지는 문단입니다" for n in range(10)]
    lines += [Line(t, 60, 220 + 16 * n, 490, 232 + 16 * n, size=SIZE) for n, t in enumerate(body)]
    parts = layout_pages([Page(1, 595, 842, lines, find_tables(rules))])
    assert parts[0].rows == [["[ 표 1 ] 목표", ""], ["구분", "목표"], ["수소차", "20만대"]]
    assert [p.text for p in parts[1:]] == [" ".join(body)]


@st.composite
def ruled_pages(draw):
    """A ruled grid (some borders missing, so cells merge) with lines of text in
    its cells, some cells tall, and a paragraph under it."""
    cols = draw(st.integers(1, 4))
    rows = draw(st.integers(1, 4))
    xs = [50.0 + 450.0 * c / cols for c in range(cols + 1)]
    heights = [draw(st.sampled_from([20.0, 40.0, 140.0])) for _ in range(rows)]
    ys = [60.0]
    for h in heights:
        ys.append(ys[-1] + h)
    rules = box(xs[0], ys[0], xs[-1], ys[-1])
    for x in xs[1:-1]:
        for r in range(rows):
            if draw(st.integers(0, 4)):  # now and then a border is missing: cells merge
                rules.append(vline(x, ys[r], ys[r + 1]))
    for y in ys[1:-1]:
        for c in range(cols):
            if draw(st.integers(0, 4)):
                rules.append(hline(xs[c], xs[c + 1], y))
    lines = []
    n = 0
    for r in range(rows):
        for c in range(cols):
            for k in range(int(heights[r] // 16) if draw(st.booleans()) else 1):
                y = ys[r] + 4 + 16 * k
                if y + 12 < ys[r + 1]:
                    lines.append(Line(f"칸{n}번 글", xs[c] + 4, y, xs[c] + 4 + 50, y + 12, size=SIZE))
                    n += 1
    for r in range(rows):  # now and then a small table drawn inside a tall cell, under its first line
        if heights[r] >= 140 and draw(st.booleans()):
            a, b = xs[0] + 10, xs[1] - 10
            top = ys[r] + 24 + draw(st.sampled_from([0.0, 2.0]))  # touching the cell's text or not
            rules += box(a, top, b, top + 80) + [hline(a, b, top + 40), vline((a + b) / 2, top, top + 80)]
            lines = [ln for ln in lines if not (a - 5 <= ln.x0 <= b and top - 4 <= ln.y0 <= top + 84)]
            for y in (top + 4, top + 44):
                for x in (a + 4, (a + b) / 2 + 4):
                    lines.append(Line(f"칸{n}번 글", x, y, x + 30, y + 12, size=SIZE))
                    n += 1
    lines += [Line(f"본문{k}번 줄", 50, ys[-1] + 20 + 16 * k, 200, ys[-1] + 32 + 16 * k, size=SIZE) for k in range(3)]
    return Page(1, 595, max(842.0, ys[-1] + 100), lines, find_tables(rules)), n


@settings(max_examples=150, deadline=None)
@given(ruled_pages())
def test_a_ruled_page_never_loses_or_doubles_a_line(page):
    page, count = page
    parts = layout_pages([page])
    words = []
    for part in parts:
        words += (" ".join(c for row in part.rows for c in row) if part.rows is not None else part.text).split()
    # Every "칸N번 글" and "본문K번 줄" exactly once, whatever became a table and whatever flowed.
    import re
    found = re.findall(r"(칸\d+번|본문\d번)", " ".join(words))
    expected = {ln.text.split(" ")[0] for ln in page.lines}
    assert sorted(found) == sorted(expected)
