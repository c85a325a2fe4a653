"""pdf_layout on hand-made line geometry: paragraphs, markers, joins, furniture, columns, tables.

Each test builds the lines a PDF would give (text and box, in points, origin
top-left) so the rules are checked without PDFium. A "full" line ends at the
right margin (x1 = 500); a short one ends well before it.
"""

from __future__ import annotations

from workbench.core.models import BlockKind
from workbench.corpus.pdf_layout import Line, Page, Table, layout_pages
from workbench.corpus.readers.pdf import find_tables, pdf_date
from workbench.corpus.structure import build

SIZE = 10.0
PITCH = 16.0
LEFT, RIGHT = 50.0, 500.0


def line(text: str, y: float, x0: float = LEFT, x1: float | None = None, size: float = SIZE,
         font: object = "body", bold: bool = False) -> Line:
    """A line whose right end is ``x1`` (default: as wide as its text, roughly)."""
    if x1 is None:
        x1 = x0 + sum(size if ord(ch) > 0xFF else 0.55 * size for ch in text)
    return Line(text, x0, y, x1, y + 1.2 * size, size=size, font=font, bold=bold)


def column(texts: list[str | tuple[str, float]], top: float = 100.0, x0: float = LEFT, x1: float = RIGHT,
           short: tuple[int, ...] = ()) -> list[Line]:
    """Rows one pitch apart; a text given as (text, indent) is indented; rows in ``short`` end early."""
    out = []
    for n, item in enumerate(texts):
        text, indent = item if isinstance(item, tuple) else (item, 0.0)
        out.append(line(text, top + n * PITCH, x0 + indent, None if n in short else x1))
    return out


def texts(parts) -> list[str]:
    return [p.text for p in parts if p.rows is None]


def test_wrapped_lines_join_and_a_short_line_ends_the_paragraph():
    parts = layout_pages([Page(1, 595, 842, column(
        ["The committee met on Monday and agreed to send the exam-", "ple bill to the floor after a long",
         "debate.", "Next paragraph starts here."], short=(2, 3)))])
    assert texts(parts) == ["The committee met on Monday and agreed to send the example bill to the floor "
                            "after a long debate.", "Next paragraph starts here."]
    assert all(p.meta["page"] == 1 and p.hint is None for p in parts)


def test_a_wrapped_sentence_end_is_not_a_list_item():
    # "…바랍니/다." — the "다." row continues the sentence; "나." after a finished item is a new item.
    rows = column(["가. 위원님 여러분께서는 회의 자료를 참고하여 주시기 바랍니", "다. 성원이 되었으므로 회의를 시작합니다.",
                   "나. 둘째 항목입니다."], short=(1, 2))
    assert texts(layout_pages([Page(1, 595, 842, rows)])) == [
        "가. 위원님 여러분께서는 회의 자료를 참고하여 주시기 바랍니다. 성원이 되었으므로 회의를 시작합니다.",
        "나. 둘째 항목입니다."]


def test_a_heading_after_a_full_line_is_not_glued_to_it():
    rows = column(["이 법률안은 2024년 5월 7일 환경노동위원회에 회부되었으며 소위원회에 회부되었음.",
                   "Ⅱ. 제안이유 및 주요내용", "현행법은 기후위기 대응을 위하여 기본계획을 수립하도록 하고 있음."], short=(1, 2))
    parts = layout_pages([Page(1, 595, 842, rows)])
    assert texts(parts)[1] == "Ⅱ. 제안이유 및 주요내용"
    text, blocks, _ = build(parts, paragraph_gap=True)
    heading = next(b for b in blocks if text[b.start:b.end] == "Ⅱ. 제안이유 및 주요내용")
    assert heading.kind is BlockKind.HEADING


def test_markers_that_really_start_items():
    rows = column(["○ 첫째, 예산은 110억 원으로 정하고 세부 집행 계획은 다음 달까지 제출하도록",
                   "함. 담당 부서는 기획재정부임", "○ 둘째, 회의에는 위원장과 간사 외에",  # "○○○" is a name
                   "○○○ 위원이 참석하였다.", "1. 가축분뇨의 관리 및 이용에 관한 법률 일부개정법률안(송기헌 의원",
                   ("대표발의)(의안번호 2126511)", 11.0), "2. 건설폐기물의 재활용촉진에 관한 법률 일부개정법률안(임이자",
                   ("의원 대표발의)(의안번호 2125619)", 11.0)], short=(1, 3, 5, 7))
    assert texts(layout_pages([Page(1, 595, 842, rows)])) == [
        "○ 첫째, 예산은 110억 원으로 정하고 세부 집행 계획은 다음 달까지 제출하도록 함. 담당 부서는 기획재정부임",
        "○ 둘째, 회의에는 위원장과 간사 외에 ○○○ 위원이 참석하였다.",
        "1. 가축분뇨의 관리 및 이용에 관한 법률 일부개정법률안(송기헌 의원 대표발의)(의안번호 2126511)",
        "2. 건설폐기물의 재활용촉진에 관한 법률 일부개정법률안(임이자 의원 대표발의)(의안번호 2125619)"]


def test_numbered_items_that_fill_their_lines_still_split():
    # Each item ends exactly at the margin with ")"; the next number is the next item.
    rows = column(["1. 대기환경보전법 일부개정법률안(이은주 의원 대표발의)(의안번호 2126158)",
                   "2. 대기환경보전법 일부개정법률안(이주환 의원 대표발의)(의안번호 2126172)",
                   "3. 물관리기본법 일부개정법률안(진성준 의원 대표발의)(의안번호 2124857)"])
    assert len(texts(layout_pages([Page(1, 595, 842, rows)]))) == 3


def test_first_line_indent_after_a_sentence_starts_a_paragraph():
    rows = column([("그리고 탄소중립 사회로의 이행과 추진 과정에서 모든 국민의 민주적 참여를", 14.0),
                   "보장함을 기본원칙으로 하고 있음.", ("그러나 지난해 정부 출범 이후 위원회가 구성되었음.", 14.0)], short=(2,))
    assert len(texts(layout_pages([Page(1, 595, 842, rows)]))) == 2


def test_korean_joins_with_a_space_where_the_typesetter_wraps_words():
    rows = column(["정부는 올해 인공지능 기본법 시행령을 마련하고", "관계 부처와 협의를 거쳐 하반기에", "공포할 예정이다."],
                  short=(0, 1, 2))
    rows[0].x1 = rows[1].x1 = RIGHT - 15  # ragged right: the next word would not have fitted
    assert texts(layout_pages([Page(1, 595, 842, rows)])) == [
        "정부는 올해 인공지능 기본법 시행령을 마련하고 관계 부처와 협의를 거쳐 하반기에 공포할 예정이다."]


def test_character_level_breaking_is_detected_and_joined_without_spaces():
    # Hancom breaks inside words: rows start with a word's tail ("립기본계획", "적 참여", "음. 또한").
    rows = column(["현행법은 기후위기 대응을 위해 국가 탄소중", "립기본계획을 수립하도록 하고 국민의 민주",
                   "적 참여를 보장하도록 하고 있", "음. 또한 지방자치단체의 기본계획 및 정책", "등을 심의하기 위하여 위원회(이하",
                   "“위원회”라 함)를 둘 수 있음."], short=(5,))
    assert texts(layout_pages([Page(1, 595, 842, rows)])) == [
        "현행법은 기후위기 대응을 위해 국가 탄소중립기본계획을 수립하도록 하고 국민의 민주적 참여를 보장하도록 하고 "
        "있음. 또한 지방자치단체의 기본계획 및 정책 등을 심의하기 위하여 위원회(이하 “위원회”라 함)를 둘 수 있음."]


def test_running_headers_and_page_numbers_become_page_metadata():
    pages = []
    for n in (1, 2, 3):
        body = column([f"본문 {n}쪽의 첫 문단은 여기서 시작하여 다음 줄로 이어지는 긴 문장으로 되어",
                       "있습니다."], top=120, short=(1,))
        if n == 2:  # a paragraph running over the page break
            body = column(["둘째 쪽 끝에서 시작한 문단은 다음 쪽으로 넘어가서 끝나는 문장으로 되어"], top=760)
        if n == 3:
            body = column(["있으며 여기서 끝납니다."], top=120, short=(0,))
        header = line(f"{n} 월간 정책 동향(2024년 5월호)" if n % 2 == 0 else f"월간 정책 동향(2024년 5월호) {n}", 40)
        footer = line(f"- {n} -", 800, x0=280)
        pages.append(Page(n, 595, 842, [header, *body, footer]))
    parts = layout_pages(pages)
    assert texts(parts) == ["본문 1쪽의 첫 문단은 여기서 시작하여 다음 줄로 이어지는 긴 문장으로 되어 있습니다.",
                            "둘째 쪽 끝에서 시작한 문단은 다음 쪽으로 넘어가서 끝나는 문장으로 되어 있으며 여기서 끝납니다."]
    assert parts[0].meta == {"page": 1, "header": "월간 정책 동향(2024년 5월호)", "page_label": "1"}
    assert parts[1].meta["page"] == 2 and parts[1].meta["page_end"] == 3 and parts[1].meta["page_label"] == "2"


def test_two_columns_are_read_left_then_right_under_a_spanning_title():
    title = line("환경노동위원회 회의록", 60, x0=200, size=16)
    left = column(["왼쪽 단의 첫 문장은 여기서 시작하여 다음", "줄로 이어집니다. 왼쪽 단의 둘째 문장도", "여기서 끝납니다."],
                  top=100, x0=50, x1=285, short=(2,))
    right = column(["오른쪽 단의 첫 문장은 여기서 시작하여 다음", "줄로 이어집니다. 오른쪽 단의 둘째 문장도", "여기서 끝납니다."],
                   top=100, x0=310, x1=545, short=(2,))
    interleaved = [title] + [f for pair in zip(right, left) for f in pair]  # content order need not help
    assert texts(layout_pages([Page(1, 595, 842, interleaved)])) == [
        "환경노동위원회 회의록",
        "왼쪽 단의 첫 문장은 여기서 시작하여 다음 줄로 이어집니다. 왼쪽 단의 둘째 문장도 여기서 끝납니다.",
        "오른쪽 단의 첫 문장은 여기서 시작하여 다음 줄로 이어집니다. 오른쪽 단의 둘째 문장도 여기서 끝납니다."]


def test_a_column_ending_mid_sentence_continues_at_the_top_of_the_next():
    left = column(["왼쪽 단의 문장은 길어서 오른쪽 단까지", "이어지는데 그 끝이 왼쪽 단 마지막 줄에서"] * 3, x0=50, x1=285)
    right = column(["끝납니다.", ("오른쪽 단의 새 문단은 들여 쓰고 다음", 10.0), "줄까지 이어집니다."] + ["빈칸 채우기"] * 3,
                   x0=310, x1=545, short=(0, 2, 3, 4, 5))
    parts = layout_pages([Page(1, 595, 842, left + right)])
    assert texts(parts)[:2] == ["왼쪽 단의 문장은 길어서 오른쪽 단까지 이어지는데 그 끝이 왼쪽 단 마지막 줄에서 " * 2
                                + "왼쪽 단의 문장은 길어서 오른쪽 단까지 이어지는데 그 끝이 왼쪽 단 마지막 줄에서 끝납니다.",
                                "오른쪽 단의 새 문단은 들여 쓰고 다음 줄까지 이어집니다."]


def test_a_short_line_in_a_distinct_font_is_hinted_as_a_heading():
    rows = [line("기후위기 대응을 위한 기본법 일부개정법률안", 60, x0=150, size=16, font="title"),
            line("제안이유 및 주요내용", 120, font="gothic"),
            *column(["현행법은 기후위기 대응을 위해 국가 기본계획을 수립하도록 하고 있음.", "그러나 위원회 구성에 문제가 있음."],
                    top=150, short=(0, 1))]
    parts = layout_pages([Page(1, 595, 842, rows)])
    assert [(p.text, p.hint) for p in parts[:2]] == [("기후위기 대응을 위한 기본법 일부개정법률안", None),
                                                   ("제안이유 및 주요내용", BlockKind.HEADING)]
    assert all(p.hint is None for p in parts[2:])


def test_brackets_and_closing_punctuation_take_no_space():
    rows = column(["위원회의 심의를 거쳐야 하며 그 결과는 「", "국가재정법」에 따라 공개한다. 관련 예산은 (",
                   "2024년 기준) 110억 원이다"], short=(2,))
    assert texts(layout_pages([Page(1, 595, 842, rows)])) == [
        "위원회의 심의를 거쳐야 하며 그 결과는 「국가재정법」에 따라 공개한다. 관련 예산은 (2024년 기준) 110억 원이다"]


def test_ruled_grid_becomes_a_table_and_an_underline_splits_no_cell():
    # A 2 x 3 grid; an underline under a word inside the first body cell.
    xs, ys = (50, 150, 300, 450), (100, 130, 175)
    rules = [(x - 0.4, ys[0], x + 0.4, ys[-1]) for x in xs] + [(xs[0], y - 0.4, xs[-1], y + 0.4) for y in ys]
    rules.append((60, 150, 110, 150.8))
    [table] = find_tables(rules)
    assert [(r, c) for r, c, *_ in table.cells] == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]
    cells = [line("구분", 108, x0=60), line("공포번호", 108, x0=160), line("행정입법명", 108, x0=310),
             line("대통", 138, x0=60), line("령령", 154, x0=60), line("제34045호", 138, x0=160),
             line("대기환경보전법", 138, x0=310), line("시행령 일부개정령", 154, x0=310)]
    before = line("다음은 행정입법 제출 현황이다.", 70)
    parts = layout_pages([Page(1, 595, 842, [before, *cells], [table])])
    assert texts(parts) == ["다음은 행정입법 제출 현황이다."]
    assert parts[1].rows == [["구분", "공포번호", "행정입법명"], ["대통 령령", "제34045호", "대기환경보전법 시행령 일부개정령"]]


def test_a_cell_spanning_rows_is_one_cell():
    # Three rows, two columns; no rule between rows 2 and 3 in the left column ("대통령령" spans them).
    xs, ys = (50, 150, 300), (100, 130, 160, 190)
    rules = [(x - 0.4, ys[0], x + 0.4, ys[-1]) for x in xs] + [(xs[0], y - 0.4, xs[-1], y + 0.4) for y in ys[:2]]
    rules += [(xs[0], ys[3] - 0.4, xs[-1], ys[3] + 0.4), (xs[1], ys[2] - 0.4, xs[2], ys[2] + 0.4)]
    [table] = find_tables(rules)
    assert [cell[:2] for cell in table.cells] == [(0, 0), (0, 1), (1, 0), (1, 1), (2, 1)]
    assert table.cells[2][2:] == (50, 130, 150, 190)


def test_a_frame_around_long_text_is_read_as_text():
    rules = [(50, 100, 50.8, 700), (300, 100, 300.8, 700), (550, 100, 550.8, 700),
             (50, 100, 550, 100.8), (50, 700, 550, 700.8)]
    left = column([f"현행 조문 {n}번째 줄은 이렇게 길게 이어지며" for n in range(10)], top=110, x0=55, x1=295)
    right = column([f"개정안 {n}번째 줄도 이렇게 길게 이어지며" for n in range(10)], top=110, x0=305, x1=545)
    parts = layout_pages([Page(1, 595, 842, left + right, find_tables(rules))])
    assert all(p.rows is None for p in parts) and parts[0].text.startswith("현행 조문 0번째")


def test_pdf_dates_become_iso_8601():
    assert pdf_date("D:20240105093000+09'00'") == "2024-01-05T09:30:00+09:00"
    assert pdf_date("D:20240105093000Z") == "2024-01-05T09:30:00+00:00"
    assert pdf_date("D:2024") == "2024-01-01"
    assert pdf_date("yesterday") is None and pdf_date("D:20241399") is None


def test_empty_pages_give_nothing():
    assert layout_pages([]) == [] and layout_pages([Page(1, 595, 842, [], [Table([])])]) == []
