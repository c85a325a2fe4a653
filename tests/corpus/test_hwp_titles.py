"""Titles of HWP/HWPX documents: the visible title of the first page, not a stale summary
title, a form's label, or an approval box (결재란) read as a line."""

from __future__ import annotations

import pytest

from tests.corpus.hwp_references import REAL
from workbench.core.models import Block, BlockKind
from workbench.corpus.extract import extract_file
from workbench.corpus.titles import choose_title, clean_title

TITLES = {
    "hwpx/서울시_결재문서_개인형이동장치.hwpx": "개인형 이동장치 통행금지 확대 관계기관 회의 결과 및 주민의견 수렴 계획",
    "hwp/정책연구과제_심의신청서.hwp": "정책연구과제 심의 신청서",
    "hwp/여권법시행규칙_별지1_여권발급신청서.hwp": "여권발급신청서",
    "nasty/곡성군_문화바우처_신청서_hwpx_named.hwp": "곡성군 청소년 문화바우처 지원 및 카드(재)발급 신청서",
    "hwpx/개인정보보호법시행령_규제영향분석서.hwpx": "개인정보 보호법 시행령 규제영향분석서",
    "hwp/고용노동부_고용센터_운영규정_훈령.hwp": "고용센터 및 고용관련 부서 운영 규정",
    "hwpx/form-002.hwpx": "암조직 저산소 내성 한계 극복 나노산소운반체 기반 항암제 병용치료 증강제 개발",
}


@pytest.mark.parametrize("name", sorted(TITLES))
def test_real_titles(name):
    assert extract_file(REAL / name).title == TITLES[name]


@pytest.mark.parametrize("stale", ["개정본문", "문 내용", "distribution_doc", "별지 제4호 서식", "[별지 제4호서식]",
                                   "본문", "서식"])
def test_stale_summary_titles_say_nothing(stale):
    assert clean_title(stale) is None


def test_an_approval_box_nested_in_the_top_table_is_no_title():
    """The first block of a 결재문서: one column whose first cell is an approval table nested in
    it (문서번호 | … , 주무관 | 팀장 | 과장), then the document's title."""
    approval = [["문서번호", "보행자전거과-9235"], ["결재일자", "2026. 6. 25."]]
    cell = "문서번호 보행자전거과-9235 결재일자 2026. 6. 25."
    title = "개인형 이동장치 통행금지 확대 계획"
    text = f"{cell}\n{title}\n\n본문은 이렇습니다."
    table = Block(BlockKind.TABLE, 0, len(cell) + 1 + len(title), 0, [],
                  {"rows": [[cell], [title]], "spans": [],
                   "nested": [{"row": 0, "col": 0, "rows": approval, "spans": [], "nested": []}]})
    body = Block(BlockKind.PARAGRAPH, text.index("본문"), len(text), 0, [], {})
    assert choose_title("개정본문", text, [table, body]) == title
