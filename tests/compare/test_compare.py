"""Comparing two versions: what an analyst sees found — a deleted sentence,
an inserted one, a changed figure, renumbered articles — at offsets that are
the texts' own, and written to a 신구조문대비표."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS
from workbench.compare.diff import compare_texts
from workbench.core.comparison import CHANGED, DELETED, EQUAL, INSERTED

ARTICLE = SEEDS / "001_430102f8735eb5df.txt"
DELETED_SENTENCE = "한국형 정부 전용 초거대 AI 구축을 비롯해 국민 체감이 높은 분야에 혁신 AI 서비스를 선보이고 클라우드 등 AI 기반 인프라를 고도화한다."
INSERTED_SENTENCE = "위원회는 연말까지 성과를 점검할 계획이다."


def edited_article() -> tuple[str, str]:
    old = ARTICLE.read_text(encoding="utf-8")
    assert DELETED_SENTENCE in old and "110억원을" in old
    new = old.replace(" " + DELETED_SENTENCE, "", 1)
    new = new.replace("70건을 만들었다.", "70건을 만들었다. " + INSERTED_SENTENCE, 1)
    new = new.replace("110억원을", "150억원을", 1)
    return old, new


def test_a_deleted_sentence_an_inserted_sentence_and_a_changed_number_are_each_found():
    old, new = edited_article()
    comparison = compare_texts(old, [], new, [])
    changed = [p for p in comparison.pairs if p.kind != EQUAL]
    assert [p.kind for p in changed] == [CHANGED, CHANGED, CHANGED]
    found = {(c.old, c.new) for p in changed for c in p.changes}
    assert found == {(DELETED_SENTENCE, ""), ("", INSERTED_SENTENCE), ("110억원을", "150억원을")}
    for pair in changed:
        for c in pair.changes:  # offsets are each text's own
            assert old[c.old_span[0]:c.old_span[1]] == c.old and new[c.new_span[0]:c.new_span[1]] == c.new
    assert comparison.summary()["changed"] == 3
    assert comparison.summary()["equal"] == len(comparison.pairs) - 3


BILL_OLD = """개인정보 보호법 일부개정법률안
제1조(목적) 이 법은 개인정보의 처리 및 보호에 관한 사항을 정한다.
제2조(정의) 이 법에서 사용하는 용어의 뜻은 다음과 같다.
1. "개인정보"란 살아 있는 개인에 관한 정보를 말한다.
2. "처리"란 개인정보의 수집, 생성, 저장을 말한다.
제3조(보호 원칙) ① 개인정보처리자는 목적을 명확하게 하여야 한다.
② 개인정보처리자는 목적 외의 용도로 활용하여서는 아니 된다.
제4조(정보주체의 권리) 정보주체는 자신의 개인정보 처리와 관련하여 권리를 가진다.
제5조(과태료) 위반한 자에게는 3천만원 이하의 과태료를 부과한다."""

BILL_NEW = """개인정보 보호법 일부개정법률안
제1조(목적) 이 법은 개인정보의 처리 및 보호에 관한 사항을 정한다.
제2조(정의) 이 법에서 사용하는 용어의 뜻은 다음과 같다.
1. "개인정보"란 살아 있는 개인에 관한 정보를 말한다.
2. "처리"란 개인정보의 수집, 생성, 저장을 말한다.
제3조(인공지능 학습) 개인정보처리자는 가명정보를 인공지능 학습에 이용할 수 있다.
제4조(보호 원칙) ① 개인정보처리자는 목적을 명확하게 하여야 한다.
② 개인정보처리자는 목적 외의 용도로 활용하여서는 아니 된다.
제5조(정보주체의 권리) 정보주체는 자신의 개인정보 처리와 관련하여 권리를 가진다.
제6조(과태료) 위반한 자에게는 5천만원 이하의 과태료를 부과한다."""


def test_a_bill_with_an_article_inserted_lines_up_the_renumbered_articles():
    comparison = compare_texts(BILL_OLD, [], BILL_NEW, [])
    kinds = [(p.kind, p.old.label if p.old else None, p.new.label if p.new else None) for p in comparison.pairs]
    assert kinds == [
        (EQUAL, "", ""), (EQUAL, "제1조", "제1조"), (EQUAL, "제2조", "제2조"), (EQUAL, "1.", "1."), (EQUAL, "2.", "2."),
        (INSERTED, None, "제3조"),
        (CHANGED, "제3조", "제4조"), (EQUAL, "②", "②"), (CHANGED, "제4조", "제5조"), (CHANGED, "제5조", "제6조"),
    ]
    renumbered = comparison.pairs[6]
    assert [(c.old, c.new) for c in renumbered.changes] == [("제3조(보호", "제4조(보호")]
    fine = comparison.pairs[-1]
    assert [(c.old, c.new) for c in fine.changes] == [("제5조(과태료)", "제6조(과태료)"), ("3천만원", "5천만원")]


def test_a_deleted_article_and_a_rewritten_one_keeping_its_title():
    old = "제1조(목적) 목적을 정한다.\n제2조(폐지될 조문) 이 조는 없어진다.\n제3조(시행) 이 법은 공포한 날부터 시행한다."
    new = "제1조(목적) 목적을 정한다.\n제2조(시행) 이 법은 공포 후 6개월이 지난 날부터 시행하되, 일부 규정은 1년 뒤에 시행한다."
    comparison = compare_texts(old, [], new, [])
    assert [p.kind for p in comparison.pairs] == [EQUAL, DELETED, CHANGED]
    assert comparison.pairs[1].old.text.startswith("제2조(폐지될 조문)")


REAL = Path(__file__).resolve().parents[1] / "fixtures" / "realfiles"  # copies of ../shared/realfiles


def test_two_real_press_releases_a_year_apart_show_the_new_figures():
    """해외직접투자 보도자료, 2024 1Q (HWP) and 2025 2Q (HWPX): the figures read
    off the two files by hand are changes; the same release as HWP and as
    HWPX compares equal."""
    from workbench.corpus.extract import extract_file

    q1 = extract_file(REAL / "hwp" / "2024_1Q_해외직접투자_보도자료.hwp")
    q1_hwpx = extract_file(REAL / "hwpx" / "2024_1Q_해외직접투자_보도자료.hwpx")
    q2 = extract_file(REAL / "hwpx" / "2025_2Q_해외직접투자_최종.hwpx")
    same = compare_texts(q1.text, q1.blocks, q1_hwpx.text, q1_hwpx.blocks)
    assert same.summary()["equal"] == len(same.pairs) > 100
    comparison = compare_texts(q1.text, q1.blocks, q2.text, q2.blocks)
    changes = [(c.old, c.new) for p in comparison.pairs for c in p.changes]
    assert ("‘24년 1분기", "‘25년 2분기") in changes
    assert any("2024. 6. 21.(금)" in a and "2025. 9. 19.(금)" in b for a, b in changes)
    assert ("금융보험업(55.0억", "금융보험업(66.3억") in changes
    assert ("282.3", "182.6") in changes  # a table row: one change per cell
    equal = [p for p in comparison.pairs if p.kind == EQUAL]
    assert any(p.old.text == "< 국가별 동향(억 달러, %) >" for p in equal)


_WORDS = st.sampled_from(["정부는", "AI", "110억원을", "😀", "투입한다.", "제3조(목적)", "①", "1.", "가.", "및", "\t", "표"])
_LINE = st.lists(_WORDS, min_size=0, max_size=8).map(" ".join)
_TEXT = st.lists(_LINE, min_size=0, max_size=8).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(_TEXT, _TEXT)
def test_every_unit_and_change_is_the_texts_own_and_rebuilds_the_new_version(old, new):
    comparison = compare_texts(old, [], new, [])
    olds = [p.old for p in comparison.pairs if p.old is not None]
    news = [p.new for p in comparison.pairs if p.new is not None]
    assert [u.start for u in olds] == sorted(u.start for u in olds)  # each side in reading order, once
    assert [u.start for u in news] == sorted(u.start for u in news)
    assert " ".join(u.text for u in olds).split() == old.split()  # nothing of either text left out
    assert " ".join(u.text for u in news).split() == new.split()
    for pair in comparison.pairs:
        for unit, text in ((pair.old, old), (pair.new, new)):
            if unit is not None:
                assert text[unit.start:unit.end] == unit.text
        if pair.kind == EQUAL and pair.old and pair.new:
            assert pair.old.text.split() == pair.new.text.split()
        if pair.kind == CHANGED:
            rebuilt, at = [], pair.old.start
            for c in pair.changes:
                assert old[c.old_span[0]:c.old_span[1]] == c.old and new[c.new_span[0]:c.new_span[1]] == c.new
                rebuilt.append(old[at:c.old_span[0]])
                rebuilt.append(f" {c.new} ")  # whole words: spaces around them change nothing
                at = c.old_span[1]
            rebuilt.append(old[at:pair.old.end])
            assert "".join(rebuilt).split() == pair.new.text.split()


@settings(max_examples=150, deadline=None)
@given(_TEXT, st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80), st.sampled_from(["paragraph", "table",
                                                                                            "heading"])), max_size=6))
def test_units_cover_every_word_once_whatever_the_blocks(text, spans):
    """Blocks may overlap, run past the text or leave gaps (a reader's structure is
    not always tidy): the units still hold every word of the text once, in order."""
    from workbench.compare.units import units_of
    from workbench.core.models import Block, BlockKind

    blocks = [Block(BlockKind(kind), min(a, b), max(a, b)) for a, b, kind in spans]
    units = units_of(text, blocks)
    assert all(text[u.start:u.end] == u.text and u.text.strip() == u.text and u.text for u in units)
    assert [u.start for u in units] == sorted(u.start for u in units)
    assert all(a.end <= b.start for a, b in zip(units, units[1:]))
    assert " ".join(u.text for u in units).split() == text.split()
