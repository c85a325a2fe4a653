"""Titles an analyst can tell documents apart by: the file's own title when it
says something, else the first line, else the first real heading — never a
boilerplate label such as "[ 세 목 ]" that every tax ruling starts with."""

from __future__ import annotations

import pytest

from workbench.corpus.extract import extract_file
from workbench.corpus.titles import clean_title


@pytest.mark.parametrize("raw, expected", [
    ("[ 세 목 ]", None), ("2010", None), ("문서 이력 정보", None), ("제목 없음", None), ("보도자료", None),
    ("Microsoft Word - 2025 업무계획.docx", "2025 업무계획"), ("  인공지능 기본법\x00 시행령 ", "인공지능 기본법 시행령"),
    (None, None), ("***", None),
])
def test_clean_title(raw, expected):
    assert clean_title(raw) == expected


def test_a_ruling_is_titled_by_its_subject_not_its_labels(tmp_path):
    path = tmp_path / "ruling.txt"
    path.write_text("[ 세 목 ]\n\n법인세\n\n[ 제 목 ]\n\n비거주자의 국내 부동산 양도소득 과세 여부\n\n"
                    "[ 요 지 ]\n\n비거주자가 양도한 국내 소재 부동산의 양도소득은 국내원천소득에 해당함", encoding="utf-8")
    assert extract_file(path).title == "비거주자의 국내 부동산 양도소득 과세 여부"


def test_a_boilerplate_first_line_gives_way_to_the_first_heading(tmp_path):
    path = tmp_path / "memo.md"
    path.write_text("보도자료\n\n# 2025년 반도체 수출 동향\n\n본문입니다.", encoding="utf-8")
    assert extract_file(path).title == "2025년 반도체 수출 동향"


# --- titles an analyst recognises (the classes of problem a new analyst reported) ---------------------

from pathlib import Path  # noqa: E402

from workbench.corpus.extract import assemble  # noqa: E402
from workbench.corpus.readers import ReaderResult  # noqa: E402
from workbench.corpus.structure import RawPart  # noqa: E402
from workbench.corpus.titles import TITLE_LIMIT, collapse_letter_spacing, shorten  # noqa: E402

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "realfiles"


def _hwp(parts, file_title=None, name="문서.hwp", fmt="hwp"):
    """A document as an HWP reader hands it over: paragraphs, tables (rows of cells) and the
    summary information's title, which Hangul often leaves from a template or another document."""
    parts = [RawPart(p) if isinstance(p, str) else RawPart(rows=p) for p in parts]
    result = ReaderResult(parts, paragraph_gap=True, title=clean_title(file_title),
                          metadata={"title": file_title} if file_title else {})
    return assemble(Path(name), fmt, result).title


def test_an_attachment_label_as_the_file_title_gives_way_to_the_documents_own():
    # kps-ai.hwp: the summary says "붙임 2. 계약특수조건" (one of its attachments); the cover page
    # says what it is: a 제안요청서 for a named project.
    title = _hwp(["제 안 요 청 서", "[사업명 : 생성형 AI 서비스 시범 도입]", "2025. 8.",
                  [["", "목 차", ""]], "Ⅰ. 사업개요", "1. 사업일반 1"], file_title="붙임 2. 계약특수조건")
    assert title == "생성형 AI 서비스 시범 도입 제안요청서"


def test_a_form_label_as_the_file_title_gives_way_to_the_report_title_in_its_box():
    # 교육부 연구보고서: the summary says "별지 제4호 서식"; the cover has a 발간등록번호 box, then the title box.
    title = _hwp([[["발간 등록번호"], ["11-1342000-000315-01"]],
                  [["범교과 학습 주제와 교과별 교육과정 내용요소 연결-맵 개발 연구"]],
                  "연구책임자: 차우규(한국교원대)", "2018. 8."], file_title="별지 제4호 서식")
    assert title == "범교과 학습 주제와 교과별 교육과정 내용요소 연결-맵 개발 연구"


def test_a_parenthesised_gloss_is_not_the_title():
    # k-water-rfp.hwp: the title is in a box; the line under it glosses "제안 요청서" in English.
    doc = extract_file(REAL / "hwp" / "k-water-rfp.hwp")
    assert doc.title == "K-water 디지털플랫폼 구축 제안 요청서"
    assert clean_title("(RFP: Request For Proposal)") is None


def test_a_title_broken_over_two_lines_is_joined_not_cut():
    # 2025_2Q_해외직접투자_최종.hwpx: the headline box breaks after "141.5억".
    doc = extract_file(REAL / "hwpx" / "2025_2Q_해외직접투자_최종.hwpx")
    assert doc.title == "‘25년 2분기 해외직접투자는 141.5억 달러로 전년동기비 13.4% 감소"


def test_a_clause_left_in_the_file_title_gives_way_to_the_headline():
    # table-vpos-01: the package title is a clause cut off at "…보고하고"; the headline box has the title.
    doc = extract_file(REAL / "hwpx" / "table-vpos-01_정부혁신_보도자료.hwpx")
    assert doc.title == "‘국민주권시대, AI와 함께 열다’ 국민주권정부의 정부혁신 청사진 공개"


def test_a_hard_wrapped_first_sentence_is_cut_at_its_end_not_at_the_line_break(tmp_path):
    path = tmp_path / "python.txt"
    path.write_text("◎ 파이썬(Python)은 배우기 쉽고, 강력한 프로그래밍 언어입니다. 파이썬은\n"
                    "효율적인 고수준 데이터 구조와 간단하지만 효율적인 객체지향프로그래밍을\n"
                    "지원합니다.\n", encoding="utf-8")
    assert extract_file(path).title == "파이썬(Python)은 배우기 쉽고, 강력한 프로그래밍 언어입니다."


def test_a_form_is_titled_by_its_name_not_by_the_law_that_prescribes_it():
    # 여권법시행규칙_별지1: the whole header is one cell; it was cut at "<개정 2026."
    title = _hwp([[["■ 여권법 시행규칙 제3조 [별지 제1호서식] <개정 2026. 6. 1.> 여 권 발 급 신 청 서 "
                    "※ 뒤쪽의 유의사항을 반드시 읽고 검은색으로 작성하시기 바랍니다. (앞쪽)", "", ""],
                   ["여권 종류", "□ 일반 □ 관용", "여권 면수"]]])
    assert title == "여권발급신청서"


def test_letter_spaced_titles_are_collapsed():
    doc = extract_file(REAL / "hwp" / "통합재정통계(2010.11월).hwp")
    assert doc.title == "통합재정통계"
    assert collapse_letter_spacing("2024년 국내외 인공지능 산업 동향 연구") == "2024년 국내외 인공지능 산업 동향 연구"
    assert collapse_letter_spacing("통 합  재 정 통 계") == "통 합  재정통계"  # two spaces part words


def test_a_file_title_the_text_never_says_gives_way_to_the_title_line():
    # 고용노동부 훈령: the summary names another document (a 개정 계획 it was copied from).
    title = _hwp(["고용센터 및 고용관련 부서 운영 규정", "제정 2006. 8. 16  훈령 제 621호", "개정 2007. 11. 5  훈령 제 649호",
                  "제1장 총칙", "제1조(목적) 이 규정은 고용센터의 운영에 관하여 필요한 사항을 정함을 목적으로 한다."],
                 file_title="실업급여 부정수급 방지 및 조사업무처리규정 개정 계획")
    assert title == "고용센터 및 고용관련 부서 운영 규정"


def test_a_file_title_the_text_bears_out_is_kept():
    title = _hwp(["2024년 업무계획", "기획재정부", "Ⅰ. 추진 방향"], file_title="2024년 업무계획(최종)")
    assert title == "2024년 업무계획(최종)"


def test_dates_departments_document_numbers_and_sign_off_boxes_are_passed_over():
    # 서울시 결재문서: date and department box, the document-number table, the approval box, then the title.
    title = _hwp([[["2026. 6."], ["교 통 실 (보행자전거과)"]],
                  [["문서번호", "보행자전거과-9235"], ["결재일자", "2026. 6. 25."]],
                  [["", "", "", "시 민", ""], ["주무관", "", "개인형이동장치팀장", "보행자전거과장", ""]],
                  [["개인형 이동장치 통행금지 확대 관계기관 회의 결과 및 주민의견 수렴 계획"]],
                  "  개인형 이동장치(PM) 통행금지 도로 확대 지정과 관련하여 주민 의견을 수렴하고자 함"], file_title="1111")
    assert title == "개인형 이동장치 통행금지 확대 관계기관 회의 결과 및 주민의견 수렴 계획"


def test_numbered_labels_of_the_release_type_and_a_disclosure_mark_are_passed_over():
    # 행안부_업무보고: "보도 참고자료 2", then "공개용", then the title box.
    title = _hwp(["보도 참고자료 2", [["", "공개용"]], [["행정안전부 업무보고"]], "2025. 12. 17.", "순   서",
                  "Ⅰ. 일반 현황  1"], file_title="□")
    assert title == "행정안전부 업무보고"


def test_a_bare_document_type_is_completed_by_the_subject_under_it():
    # 규제영향분석서 (HWPX and PDF): the subject is the next line, a law's name sometimes broken in two.
    assert _hwp(["규제영향분석서", "개인정보 보호법 시행령", "<목 차>", "1.개인정보 처리방침의 내용"],
                file_title="목 차") == "개인정보 보호법 시행령 규제영향분석서"
    assert _hwp(["규제영향분석서", "도심 복합개발 지원에 관한 법률", "시행령", "<목 차>"], name="a.pdf", fmt="pdf") \
        == "도심 복합개발 지원에 관한 법률 시행령 규제영향분석서"


def test_a_document_without_a_title_line_is_named_by_its_file_not_its_first_section():
    # 수소정책_연구보고서.pdf: the cover is an image; the text starts with section "1)".
    title = _hwp(["1) 배경 및 필요성", "□ 화석연료 사용 급증으로 지구온난화와 대기오염 심각",
                  "◦화석연료 사용으로 배출되는 CO2는 바다에 녹아들어 해양을 산성화시키고"],
                 name="수소정책_연구보고서.pdf", fmt="pdf")
    assert title == "수소정책 연구보고서"


def test_a_file_name_left_as_the_file_title_is_not_a_title():
    assert clean_title("distribution_doc.hwpx") is None
    title = _hwp([[["문서번호", "서초구의회사무국-1"]], "2026년 의회운영업무추진비 집행계획", "2026. 1. 2."],
                 file_title="distribution_doc.hwpx", name="a.pdf", fmt="pdf")
    assert title == "2026년 의회운영업무추진비 집행계획"


def test_a_long_title_is_stored_cut_at_a_word_and_marked_only_when_shown():
    words = ["지역", "균형", "발전을", "위한", "인공지능", "기반", "공공서비스", "혁신", "종합", "추진", "전략"]
    line = " ".join(words * 3)
    title = _hwp([line, "2025. 1."])
    assert len(title) <= TITLE_LIMIT and "…" not in title
    assert line.startswith(title) and line[len(title)] == " "  # the cut falls between two words
    shown = shorten(title, 30)
    assert shown.endswith("…") and len(shown) <= 30 and title.startswith(shown[:-1].rstrip())
    assert title[len(shown[:-1].rstrip())] == " "


@pytest.mark.parametrize("raw", ["붙임 2. 계약특수조건", "별첨 1 관련 사진", "[별지 제1호서식]", "별지 제4호 서식",
                                 "첨부 3", "부록 A 설문지", "(RFP: Request For Proposal)", "< 보도 내용 (한겨레, 5.20) >",
                                 "보도 참고자료 2", "공개용", "000_9cac13f2b16803be"])
def test_labels_glosses_and_identifiers_are_not_titles(raw):
    assert clean_title(raw) is None


def test_a_form_is_titled_by_the_name_row_under_its_page_mark_not_by_a_label_cell():
    # 곡성군 문화바우처 신청서: "[별지 제1호서식]", then a table whose first rows are "(앞쪽)" and the form's name.
    title = _hwp(["[별지 제1호서식]",
                  [["(앞쪽)", "", "", ""], ["곡성군 청소년 문화바우처 지원 및 카드(재)발급 신청서", "", "", ""],
                   ["", "", "처리기간 : 즉시", ""], ["지원 대상자 (청소년)", "성 명", "", "생년월일"]],
                  [["( □주민등록 □여권 □외국인등록 □운전면허) 번호 :"]]], file_title="별지 제1호서식")
    assert title == "곡성군 청소년 문화바우처 지원 및 카드(재)발급 신청서"
    assert clean_title("( □주민등록 □여권) 번호 :") is None


def test_a_wrapped_paragraph_is_read_to_its_first_sentence_but_a_headline_stays_a_headline(tmp_path):
    wrapped = tmp_path / "wrapped.txt"
    wrapped.write_text("역사적 예수 연구자들은 복음서나 사도들의 서신서 속의\n"
                       "교리적 예수가 아닌, 역사적 인간으로서의 예수를 추구한다.\n"
                       "20세기 이후 역사적 예수에 대한 연구는 여러 갈래로\n", encoding="utf-8")
    assert extract_file(wrapped).title == \
        "역사적 예수 연구자들은 복음서나 사도들의 서신서 속의 교리적 예수가 아닌, 역사적 인간으로서의 예수를 추구한다."
    news = tmp_path / "news.txt"
    news.write_text("정부, 공공부문 인공지능 활용 성공사례 확산 본격 추진\n"
                    "정부가 공공부문 인공지능(AI) 활용 성공사례 확보·확산을 위해 다양한 사업을 추진한다. 한국형 정부 전용 "
                    "초거대 AI 구축을 비롯해 국민 체감이 높은 분야에 혁신 AI 서비스를 선보이고 클라우드 전환을 가속한다.\n",
                    encoding="utf-8")
    assert extract_file(news).title == "정부, 공공부문 인공지능 활용 성공사례 확산 본격 추진"
