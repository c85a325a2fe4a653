"""Document metadata read off the page: the seeds, the real Korean files, and
the cues one by one (labelled dates, bylines, datelines, copyright lines,
publisher domains, generic file authors)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.corpus.doc_meta import (
    FIELDS, date_bounds, infer_metadata, infer_with_sources, is_generic_author, merge_metadata, normalise_date,
    normalise_doc_type, publisher_for_domain, stored_sources,
)
from workbench.corpus.extract import extract_file
from tests.conftest import SEEDS

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "realfiles"


def _file_metadata(merged: dict) -> dict:
    """What the reader gave, before ingest merged the fields found into it."""
    inferred = merged.get("inferred", "").split(",")
    raw = {k: v for k, v in merged.items() if k not in FIELDS and k != "inferred" and not k.startswith("file_")}
    raw |= {k[5:]: v for k, v in merged.items() if k.startswith("file_")}
    raw |= {k: merged[k] for k in ("author", "url", "publisher") if k in merged and k not in inferred}
    return raw


def _inferred(path: Path) -> dict[str, tuple[str, str]]:
    doc = extract_file(path)
    return infer_with_sources(doc.text, doc.blocks, _file_metadata(doc.metadata), path.name, title=doc.title)


# What each seed says about itself. Three of the four news seeds print no
# date at all (only "20일", "지난 24일"): none is made up.
SEED_EXPECTED = {
    "000_9cac13f2b16803be.txt": {},  # no byline, no date, no source named
    "001_430102f8735eb5df.txt": {"doc_type": "news", "publisher": "전자신문", "author": "김지선"},  # 김지선 기자 river@etnews.com
    "002_94c9759865f86656.txt": {"doc_type": "news", "date": "2025-10-26"},  # 0002989301_001_20251026183210914.png
    "003_218482a578deb0a4.txt": {},  # a blog copy ending in "Leave a Comment"
    "004_2c1d2e21fcbb52ad.txt": {"doc_type": "report", "date": "2025-04", "publisher": "소프트웨어정책연구소",
                                 "author": "이해수, 유재흥, 안미소, 안성원"},  # the cover: names, "2025. 4."; the colophon
}


@pytest.mark.parametrize("name", sorted(SEED_EXPECTED))
def test_seeds(name):
    doc = extract_file(SEEDS / name)
    assert infer_metadata(doc.text, doc.blocks, {}, name, title=doc.title) == SEED_EXPECTED[name]
    # Ingest stores the same, merged into the document's metadata, marked as read from the text.
    assert {k: doc.metadata[k] for k in SEED_EXPECTED[name]} == SEED_EXPECTED[name]
    assert stored_sources(doc.metadata) == {k: "inferred" for k in SEED_EXPECTED[name]}


REAL_EXPECTED = {
    "hwp/2024_1Q_해외직접투자_보도자료.hwp": {"doc_type": "press_release", "date": "2024-06-21"},  # 보도시점 2024. 6. 21.(금)
    "hwpx/2024_1Q_해외직접투자_보도자료.hwpx": {"doc_type": "press_release", "date": "2024-06-21"},
    "hwpx/2025_2Q_해외직접투자_최종.hwpx": {"doc_type": "press_release", "date": "2025-09-19"},
    # 보도시점 (온라인) 2025. 12. 2.(화) 16:00 / (지 면) 2025. 12. 3.; "행정안전부(장관 윤호중)는"
    "hwpx/table-vpos-01_정부혁신_보도자료.hwpx": {"doc_type": "press_release", "date": "2025-12-02",
                                             "publisher": "행정안전부"},
    # 발의연월일 : 2023. 11. 9.; (이수진의원 대표발의)
    "pdf/의안원문_2125318.pdf": {"doc_type": "bill", "date": "2023-11-09", "publisher": "국회", "author": "이수진"},
    # 일 시 2024년5월7일(화); the header line "국 회 사 무 처"; PDF author "assembly" is an account
    "pdf/국회회의록_환노위.pdf": {"doc_type": "minutes", "date": "2024-05-07", "publisher": "국회사무처"},
    # the cover's "2019. 10. 29." and "관계부처 합동"; the HWP author "user" is no one
    "hwp/디지털_정부혁신_추진계획.hwp": {"doc_type": "plan", "date": "2019-10-29", "publisher": "관계부처 합동"},
}


@pytest.mark.parametrize("name", sorted(REAL_EXPECTED))
def test_real_files(name):
    found = _inferred(REAL / name)
    assert {k: v for k, (v, _) in found.items()} == REAL_EXPECTED[name]
    assert all(source == "inferred" for _, source in found.values())


def test_file_values_are_used_when_the_text_says_nothing():
    # No date in the text: the file's own creation date (read in Korean time), marked as the file's.
    found = _inferred(REAL / "hwp" / "통합재정통계(2010.11월).hwp")
    assert found == {"date": ("2010-10-11", "file")}  # author "Owner" refused
    found = _inferred(REAL / "docx" / "sample-word-document.docx")
    assert found["author"] == ("Teddy Lee", "file")
    assert found["date"] == ("2024-07-30", "file")  # 2024-07-29T18:08Z is the 30th in Seoul


def test_ingest_keeps_the_files_refused_value():
    doc = extract_file(REAL / "hwp" / "디지털_정부혁신_추진계획.hwp")
    assert "author" not in doc.metadata and doc.metadata["file_author"] == "user"
    assert doc.metadata["created"].startswith("2020-03-27")  # the file's own keys stay
    assert set(doc.metadata["inferred"].split(",")) == {"date", "publisher", "doc_type"}


# --- the cues, one by one ------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("2024", "2024"), ("2024-03", "2024-03"), ("2024-3-5", "2024-03-05"), ("2024.3.5", "2024-03-05"),
    ("2024. 3. 5.", "2024-03-05"), ("2024/03/05", "2024-03-05"), ("2024년 3월 5일", "2024-03-05"),
    ("2024년3월", "2024-03"), ("2024. 3.", "2024-03"), ("2024. 6. 21.(금)", "2024-06-21"),
    ("May 27, 2024", "2024-05-27"), ("2024-06-04T00:54:06+09:00", "2024-06-04"),
    ("2024-06-21T16:30:00Z", "2024-06-22"),  # Korean time
    ("2024-13", None), ("2024-02-30", None), ("어제", None), ("", None), ("24.3.5", None), ("3024", None),
])
def test_normalise_date(text, expected):
    assert normalise_date(text) == expected


def test_date_bounds():
    assert date_bounds("2024") == ("2024-01-01", "2024-12-31")
    assert date_bounds("2024-02") == ("2024-02-01", "2024-02-29")
    assert date_bounds("2023-12") == ("2023-12-01", "2023-12-31")
    assert date_bounds("2024-03-05") == ("2024-03-05", "2024-03-05")


def test_wire_story_dateline_byline_and_labelled_date():
    text = ("정부, AI 기본법 시행령 입법예고\n입력 2024.05.27 17:03 수정 2024.05.28 09:00\n\n"
            "(서울=연합뉴스) 홍길동 기자 = 과학기술정보통신부(장관 유상임)는 27일 시행령을 공개했다.\n\n"
            "본문이 이어진다.\n\nhong@yna.co.kr\n<저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>")
    assert infer_metadata(text, [], {}, "a.txt") == {"doc_type": "news", "date": "2024-05-27",
                                                     "publisher": "연합뉴스", "author": "홍길동"}


def test_copyright_line_names_the_paper():
    text = "제목\n\n본문 첫 문단이다.\n\n이순신 기자\n<저작권자 © 전자신문, 무단전재 및 재배포 금지>"
    assert infer_metadata(text, [], {}, "b.txt")["publisher"] == "전자신문"


def test_html_page_metadata_wins_where_it_is_better():
    meta = {"title": "기사", "publisher": "지디넷코리아", "url": "https://zdnet.co.kr/view/?no=1",
            "created": "2024-05-27T08:00:00+09:00", "author": "Administrator"}
    found = infer_with_sources("기사 제목\n\n작성일 2024.05.20\n본문.", [], meta, "page.html")
    assert found["publisher"] == ("지디넷코리아", "file")
    assert found["url"] == ("https://zdnet.co.kr/view/?no=1", "file")
    assert found["date"] == ("2024-05-27", "file")  # article:published_time
    assert "author" not in found


def test_labelled_url_and_its_publisher():
    text = "정책 브리핑\n\n원문: https://www.korea.kr/news/policyNewsView.do?newsId=1)\n\n본문."
    found = infer_metadata(text, [], {}, "c.txt")
    assert found["url"] == "https://www.korea.kr/news/policyNewsView.do?newsId=1"
    assert found["publisher"] == "대한민국 정책브리핑"


def test_publisher_domains():
    assert publisher_for_domain("news.kbs.co.kr") == "KBS"
    assert publisher_for_domain("biz.chosun.com") == "조선비즈"  # the longest match
    assert publisher_for_domain("www.chosun.com") == "조선일보"
    assert publisher_for_domain("korea.kr") == "대한민국 정책브리핑"
    assert publisher_for_domain("korea.kr", email=True) is None  # every civil servant's mail
    assert publisher_for_domain("example.com") is None


def test_what_is_not_a_cue():
    # 출입기자단 is not a reporter; 일시적 is not a date label; 보도자료 in the body is not a press release;
    # a contact's @korea.kr address names no publisher.
    text = ("AI 정책 방향\n\n장관은 출입기자단 간담회에서 일시적 2024년 3월 조치를 설명했다.\n\n"
            "정부는 보도자료 등을 학습시킬 계획이다.\n\n담당자 사무관 황예진 (yejin1210@korea.kr)")
    assert infer_metadata(text, [], {}, "d.txt") == {}


def test_generic_authors():
    for name in ("user", "USER", "User", "Administrator", "Owner", "admin1", "사용자", "  "):
        assert is_generic_author(name), name
    for name in ("Teddy Lee", "(주)한글과컴퓨터", "김지선"):
        assert not is_generic_author(name), name


def test_doc_types_in_either_language():
    assert normalise_doc_type("보도자료") == "press_release"
    assert normalise_doc_type("Press release") == "press_release"
    assert normalise_doc_type("press_release") == "press_release"
    assert normalise_doc_type("법안") == "bill"
    assert normalise_doc_type("연설문") == "연설문"  # the analyst's own type, as written


def test_merge_metadata():
    merged = merge_metadata({"author": "user", "url": "not a url", "title": "3"},
                            {"date": ("2024-06-21", "inferred"), "author": ("김지선", "inferred")})
    assert merged == {"title": "3", "author": "김지선", "file_author": "user", "file_url": "not a url",
                      "date": "2024-06-21", "inferred": "date,author"}
    assert stored_sources(merged) == {"date": "inferred", "author": "inferred"}


def test_a_label_word_inside_a_sentence_is_no_label():
    text = ("국회 예산 심의\n\n국회는 예산안을 심의했고 본회의 승인 2024년 3월 이후 집행된다는 설명을 덧붙이며 "
            "여러 쟁점을 길게 논의했다고 관계자가 전했다.\n\n입력 2024.05.27 17:03")
    assert infer_metadata(text, [], {}, "e.txt") == {"date": "2024-05-27"}


# --- dates that are not dates ----------------------------------------------------------------------

def test_a_year_then_a_percentage_is_no_date():
    # The transcript's "2022년 6.8%인 70대 이상 의사 비중" was read as 2022-06-08.
    sentence = "의사 고령화도 심각해서 2022년 6.8%인 70대 이상 의사 비중이 35년에는 19.8%에 이르게 됩니다."
    assert "date" not in infer_metadata(sentence, [], {}, "f.txt")
    for text in ("2022년 6.8", "2022년 6.8%", "2022.6.8%", "2024년 3. 5.", "2024. 3월 5일", "2022년 6."):
        assert normalise_date(text) is None, text
    assert infer_metadata("회의 자료\n\n2024. 3. 5.\n\n점유율은 2022년 6.8%였다.", [], {}, "g.txt")["date"] == "2024-03-05"


def test_the_radio_transcript_gets_no_made_up_date():
    found = _inferred(REAL / "text" / "의대증원찬성_utf8.txt")
    assert "date" not in found  # nothing in it says when it was said


# --- properties: whatever the text, a real date or none ------------------------------------------

from datetime import date as _date  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def _is_real(value):
    if value is None:
        return True
    parts = value.split("-")
    _date.fromisoformat(value if len(parts) == 3 else value + ("-01" if len(parts) == 2 else "-01-01"))
    return len(parts[0]) == 4


@given(st.text())
def test_normalise_date_never_raises(text):
    assert _is_real(normalise_date(text))


@given(year=st.integers(1900, 2099), month=st.integers(0, 13), day=st.integers(0, 32),
       form=st.sampled_from(["{y}년 {m}월 {d}일", "{y}. {m}. {d}.", "{y}-{m:02d}-{d:02d}", "{y}/{m}/{d}",
                             "{y}.{m}.{d}", "{y}년{m}월{d}일", "{y}. {m}. {d}.(금)"]))
def test_normalise_date_of_every_day(year, month, day, form):
    try:
        expected = _date(year, month, day).isoformat()
    except ValueError:
        expected = None
    assert normalise_date(form.format(y=year, m=month, d=day)) == expected


_WORDS = st.sampled_from(["의사", "비중이", "증가", "정부는", "발표했다.", "\n", " ", "%", "년", "월", "일", ".", "·",
                          "입력", "보도시점", "작성일", "(금)", ":", "~", "-", "/"])
_NUMBERS = st.one_of(st.integers(0, 40).map(str), st.integers(1890, 2110).map(str),
                     st.tuples(st.integers(0, 99), st.integers(0, 9)).map(lambda t: f"{t[0]}.{t[1]}"))


@given(st.lists(st.one_of(_WORDS, _NUMBERS), max_size=40))
@settings(max_examples=300)
def test_inferred_dates_are_real_dates_around_any_numbers(pieces):
    found = infer_metadata("".join(pieces), [], {}, "h.txt")
    assert _is_real(found.get("date"))


@given(before=st.text(alphabet="가나다라 의사비중은이", max_size=30), year=st.integers(1900, 2099),
       whole=st.integers(0, 99), fraction=st.integers(0, 99), joiner=st.sampled_from(["년 ", "년", "년도 "]))
def test_a_percentage_after_a_year_is_never_the_documents_date(before, year, whole, fraction, joiner):
    text = f"{before}{year}{joiner}{whole}.{fraction}%인 비중이다."
    assert "date" not in infer_metadata(text, [], {}, "i.txt")
