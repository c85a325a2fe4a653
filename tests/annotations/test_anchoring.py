"""Re-anchoring: inserted text, slight edits, duplicates, deletions."""

from __future__ import annotations

from workbench.annotations.anchoring import ANCHORED, MOVED, ORPHANED, reanchor, selector

TEXT = ("제1장 서론\n\n과학기술정보통신부는 인공지능 기본법 시행령을 발표했다. 업계는 환영했다.\n\n"
        "제2장 예산\n\n정부는 110억원을 투입해 과제별 지원을 확대한다고 밝혔다.\n")


def sel_of(text, quote):
    start = text.index(quote)
    return selector(text, start, start + len(quote))


def test_unchanged_text_keeps_offsets():
    sel = sel_of(TEXT, "인공지능 기본법 시행령")
    anchor = reanchor(TEXT, sel)
    assert (anchor.start, anchor.end, anchor.status) == (sel.start, sel.end, ANCHORED)


def test_text_inserted_before_moves_the_anchor():
    sel = sel_of(TEXT, "110억원을 투입해")
    changed = "[속보] 새로 추가된 첫 문단입니다.\n\n" + TEXT
    anchor = reanchor(changed, sel)
    assert anchor.status == MOVED
    assert changed[anchor.start:anchor.end] == "110억원을 투입해"


def test_slightly_edited_passage_is_found_fuzzily():
    sel = sel_of(TEXT, "정부는 110억원을 투입해 과제별 지원을 확대한다고 밝혔다.")
    changed = TEXT.replace("110억원을 투입해 과제별 지원을", "120억원을 투입해 과제 지원을")
    anchor = reanchor(changed, sel)
    assert anchor.status == MOVED and anchor.score >= 0.75
    assert changed[anchor.start:anchor.end].startswith("정부는 120억원을")


def test_duplicated_passage_picks_the_one_with_matching_context():
    text = "A 문단: 과기정통부가 발표했다. 끝.\nB 문단: 과기정통부가 발표했다. 다른 끝."
    start = text.index("과기정통부가", 10)  # the second one
    sel = selector(text, start, start + len("과기정통부가"))
    changed = "머리말.\n" + text + "\nC 문단: 과기정통부가 발표했다. 또 다른 끝."
    anchor = reanchor(changed, sel)
    assert changed[anchor.start - 6:anchor.start] == "B 문단: "


def test_deleted_passage_is_orphaned_not_dropped():
    sel = sel_of(TEXT, "정부는 110억원을 투입해 과제별 지원을 확대한다고 밝혔다.")
    changed = TEXT.split("제2장")[0]
    anchor = reanchor(changed, sel)
    assert anchor.status == ORPHANED


def test_offsets_are_code_points_with_emoji():
    text = "😀😀 과기정통부가 발표했다."
    sel = selector(text, 3, 8)
    assert sel.quote == "과기정통부"
    anchor = reanchor("🚀 " + text, sel)
    assert ("🚀 " + text)[anchor.start:anchor.end] == "과기정통부" and anchor.start == 5
