"""Running headers and footers are text at the same place on most pages; a
heading repeated where sections start is text. Hand-made pages, and a
property over generated documents."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.corpus.pdf_furniture import furniture
from workbench.corpus.pdf_layout import Line, Page, layout_pages
from workbench.corpus.pdf_runs import merge_rows

SIZE = 10.0


def line(text, y, x0=50.0):
    return Line(text, x0, y, x0 + SIZE * len(text), y + 12, size=SIZE, font="body")


def body(n, words=("정부는", "올해", "예산을", "편성하여", "집행할", "계획이다.")):
    return [line(" ".join(words) + f" {n}째 줄", 150 + 16 * k) for k in range(3)]


def test_a_section_heading_at_the_top_of_a_few_pages_stays_and_a_running_header_goes():
    pages = []
    for n in range(1, 21):
        lines = [line("월간 정책 동향", 40, 400)] + body(n)  # on every page: furniture
        if n % 7 == 1:
            lines.append(line("Ⅱ. 규제의 적정성", 60))  # starts a section, 3 pages of 20: text
        lines.append(line(f"- {n} -", 800, 280))
        pages.append(Page(n, 595, 842, lines))
    texts = [p.text for p in layout_pages(pages)]
    assert texts.count("Ⅱ. 규제의 적정성") == 3
    assert not any("월간 정책 동향" in t or t.startswith("- ") for t in texts)


def test_a_header_on_every_other_page_mirrored_is_furniture():
    pages = []
    for n in range(1, 13):
        lines = body(n)
        if n % 2 == 0:
            lines.append(line("해양수산 수소경제 기술 활성화 방안 연구", 40, 74))
        else:
            lines.append(line("제2장 추진 배경", 40, 400))
        pages.append(Page(n, 595, 842, lines))
    parts = layout_pages(pages)
    assert not any("방안 연구" in p.text or "추진 배경" in p.text for p in parts)
    found = furniture(pages, {p.number: merge_rows(p.lines) for p in pages})
    assert {found[n][1].get("header") for n in range(2, 13, 2)} == {"해양수산 수소경제 기술 활성화 방안 연구"}
    assert {found[n][1].get("header") for n in range(1, 13, 2)} == {"제2장 추진 배경"}


@st.composite
def documents(draw):
    count = draw(st.integers(2, 12))
    on = draw(st.sets(st.integers(1, count)))  # pages that carry the header
    x = draw(st.sampled_from([50.0, 300.0]))
    pages = []
    for n in range(1, count + 1):
        lines = body(n)
        if n in on:
            lines.append(line("제414회 환경노동위원회", 40, x))
        pages.append(Page(n, 595, 842, lines))
    return pages, on


@settings(max_examples=150, deadline=None)
@given(documents())
def test_a_repeated_top_row_is_furniture_exactly_when_it_is_on_most_pages(doc):
    pages, on = doc
    rows = {p.number: merge_rows(p.lines) for p in pages}
    found = furniture(pages, rows)
    needed = 2 if len(pages) <= 4 else 3
    odd = sum(1 for p in pages if p.number % 2)
    even = len(pages) - odd
    on_odd, on_even = sum(1 for n in on if n % 2), sum(1 for n in on if n % 2 == 0)
    most = len(on) >= needed and (2 * len(on) >= len(pages) or (on_odd >= needed and 2 * on_odd >= odd)
                                  or (on_even >= needed and 2 * on_even >= even))
    for page in pages:
        removed, meta = found[page.number]
        header = [ln for ln in page.lines if ln.text.startswith("제414회")]
        body_ids = {id(ln) for ln in page.lines if not ln.text.startswith("제414회")}
        assert not removed & body_ids  # the body is never furniture
        if header:
            assert (id(header[0]) in removed) == most, (page.number, sorted(on), len(pages))
