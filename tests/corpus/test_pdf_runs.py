"""pdf_runs on hand-made glyphs: runs ordered by position, letter spacing read
as spacing, and properties over generated pages (nothing lost or doubled)."""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.corpus.pdf_runs import Glyph, glyph_lines

HANGUL = "가나다라마바사아자차카타파하행정부의회국장"


def layout(text: str, x: float = 50.0, y: float = 100.0, advance: float = 10.0, tracking: float = 0.0,
           space: float = 3.0, hinted_spaces: bool = False) -> list[Glyph]:
    """Glyphs of ``text`` set left to right: ``advance`` wide, ``tracking`` apart, words ``space`` more."""
    out, seq, hint = [], 0, False
    for ch in text:
        if ch == " ":
            x += space
            hint = hinted_spaces
            continue
        out.append(Glyph(ch, x, y, x + advance, y + 12, ("f", 10.0, False), seq=seq, hinted=hint))
        x += advance + tracking
        seq += 1
        hint = False
    return out


def texts(glyphs, walls=()) -> list[str]:
    return [line.text for line in glyph_lines(glyphs, walls)]


def test_runs_drawn_out_of_order_read_in_their_places():
    # Print to PDF draws "행안부훈령 제 호" first and "416" and "," afterwards, in their places.
    glyphs = layout("행안부훈령 제416호, 시행")
    hangul = [g for g in glyphs if not ("0" <= g.ch <= "9" or g.ch == ",")]
    rest = [g for g in glyphs if g not in hangul]
    assert texts(hangul + rest) == ["행안부훈령 제416호, 시행"]


def test_glyphs_squeezed_over_each_other_keep_their_drawn_order():
    # Hancom squeezes an overflowing "10" so that its "0" starts left of its "1".
    one = Glyph("1", 535.1, 584.7, 541.4, 595.2)
    zero = Glyph("0", 532.8, 584.7, 539.1, 595.2)
    dots = [Glyph("·", 521.0 + 2.5 * n, 584.7, 524.5 + 2.5 * n, 595.2) for n in range(5)]
    assert texts(dots + [one, zero]) == ["·····10"]


def test_tightly_set_rows_of_a_cell_never_interleave():
    # A cell's two rows 13 pt apart, and a neighbour cell's value centred between them.
    rows = layout("2024.", x=252, y=373) + layout("2. 6.", x=254, y=386)
    beside = layout("환경", x=180, y=379)
    assert sorted(texts(rows + beside)) == ["2. 6.", "2024.", "환경"]


def test_letter_spaced_text_reads_as_words_and_word_spaces_stay():
    glyphs = layout("의회사무국장 : 임동수", tracking=1.8, space=4.0)
    assert texts(glyphs) == ["의회사무국장 : 임동수"]
    # Ordinary text keeps every word space, short words included.
    assert texts(layout("이 법 시행 당시 및 그 밖의 사항", space=3.0)) == ["이 법 시행 당시 및 그 밖의 사항"]


def test_the_producers_space_hints_count_unless_they_mark_letters():
    # Hancom's boxes are an em wide: the comma's box hides the space after it, PDFium's hint shows it.
    glyphs = layout("사항, 사업", advance=11, space=-3.0, hinted_spaces=True)
    assert texts(glyphs) == ["사항, 사업"]
    # On a letter-spaced line the hints fall between letters: ignored.
    spaced = layout("의회사무국장", tracking=1.8)
    for g in spaced[1::2]:
        g.hinted = True
    assert texts(spaced) == ["의회사무국장"]


def test_a_wide_gap_or_a_cell_border_cuts_a_line_into_fragments():
    glyphs = layout("왼쪽 열", x=50) + layout("오른쪽 열", x=300)
    assert texts(glyphs) == ["왼쪽 열", "오른쪽 열"]
    near = layout("구분", x=50) + layout("내용", x=75)
    assert texts(near) == ["구분 내용"] and texts(near, walls=[(72.0, 90.0, 120.0)]) == ["구분", "내용"]


def test_a_glyph_drawn_twice_over_itself_counts_once():
    glyphs = layout("굵은 제목")
    shadow = [Glyph(g.ch, g.x0 + 0.4, g.y0 + 0.4, g.x1 + 0.4, g.y1 + 0.4) for g in glyphs]
    assert texts(glyphs + shadow) == ["굵은 제목"]


def test_drawn_spaces_separate_words():
    glyphs = layout("2026년의회", advance=10)
    glyphs.insert(5, Glyph(" ", glyphs[4].x1, 100, glyphs[4].x1 + 1, 112, space=True))
    assert texts(glyphs) == ["2026년 의회"]


# --- properties -----------------------------------------------------------------

chars = st.sampled_from(HANGUL + "0123456789,.()·abcXYZ")


@st.composite
def pages(draw):
    """Glyphs at distinct places: a few lines of text, some overlapping in x, in a random content order."""
    glyphs = []
    for row in range(draw(st.integers(1, 6))):
        y = 100 + row * draw(st.sampled_from([11.0, 13.0, 16.0, 24.0]))
        x = draw(st.floats(10, 300))
        for ch in draw(st.lists(chars, min_size=1, max_size=30)):
            width = draw(st.sampled_from([4.0, 6.0, 10.0, 12.0]))
            x += draw(st.floats(-0.4 * width, 30.0))
            glyphs.append(Glyph(ch, x, y, x + width, y + 12, ("f", 10.0, False), seq=len(glyphs)))
            x += width
    order = draw(st.permutations(range(len(glyphs))))
    return [glyphs[i] for i in order]


def _distinct(glyphs):
    """Drop glyphs that would count as a shadow of another (same character, nearly same place)."""
    kept = []
    for g in glyphs:
        if not any(k.ch == g.ch and abs(k.x0 - g.x0) < 0.2 * max(k.x1 - k.x0, g.x1 - g.x0)
                   and abs(k.y0 - g.y0) < 2.4 for k in kept):
            kept.append(g)
    return kept


@settings(max_examples=300, deadline=None)
@given(pages())
def test_run_ordering_never_loses_or_duplicates_characters(glyphs):
    glyphs = _distinct(glyphs)
    out = "".join(texts(glyphs)).replace(" ", "")
    assert Counter(out) == Counter(g.ch for g in glyphs)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(HANGUL + "0123456789", min_size=1, max_size=6), min_size=1, max_size=8),
       st.sampled_from([0.0, 0.8, 1.8]), st.randoms(use_true_random=False))
def test_a_line_drawn_in_any_run_order_reads_left_to_right(words, tracking, rnd: random.Random):
    text = " ".join(words)
    glyphs = layout(text, tracking=tracking, space=tracking + 4.0)
    # Cut into runs and draw them in a shuffled order, as Print to PDF does.
    cuts = sorted(rnd.sample(range(1, len(glyphs)), min(len(glyphs) - 1, rnd.randint(0, 4)))) if len(glyphs) > 1 else []
    runs = [glyphs[a:b] for a, b in zip([0, *cuts], [*cuts, len(glyphs)])]
    rnd.shuffle(runs)
    [line] = texts([g for run in runs for g in run])
    assert line.replace(" ", "") == text.replace(" ", "")
    if sum(len(w) > 1 for w in words) * 2 >= len(words):
        # Word spaces stay; a line of single glyphs evenly apart reads as one letter-spaced word.
        assert line == text


def test_a_small_gap_after_a_bullet_is_a_space_in_squeezed_text():
    # Hancom squeezes syllables (gaps of -0.7 pt) and leaves 1.7 pt after "◦": a word space there.
    glyphs = [Glyph("◦", 40.0, 100, 48.3, 112)] + layout("화석연료 사용으로 배출되는", x=50.0, tracking=-0.7, space=3.5)
    assert texts(glyphs) == ["◦ 화석연료 사용으로 배출되는"]
