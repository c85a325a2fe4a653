"""Entity extraction: each rule family, particles, aliases, cues, offsets."""

from __future__ import annotations

import pytest

from workbench.core.aliases import load_resource_aliases
from workbench.corpus.kiwi import get_kiwi
from workbench.entities.extract import EntityExtractor


@pytest.fixture(scope="module")
def extractor():
    return EntityExtractor(load_resource_aliases(), lambda lines: get_kiwi().tokenize(lines))


def found(extractor, text):
    mentions = extractor.extract(text)
    for m in mentions:
        assert text[m.start:m.end] == m.text  # offsets are code points into the text
    return [(m.text, m.type.value) for m in mentions]


@pytest.mark.parametrize("text, mention, kind", [
    ("오는 2027년 3월까지 적용된다", "오는 2027년 3월", "DATE"),
    ("지난 8월 발표했다", "지난 8월", "DATE"),
    ("6월 16일 공개", "6월 16일", "DATE"),
    ("보고서(2024.7) 참고", "2024.7", "DATE"),
    ("최대 2억 달러 규모", "2억 달러", "MONEY"),
    ("110억원을 투입", "110억원", "MONEY"),
    ("18.5억 원 투자를 유치", "18.5억 원", "MONEY"),
    ("단 0.42달러에 이용", "0.42달러", "MONEY"),
    ("약 2천800억원 규모", "2천800억원", "MONEY"),
    ("95% 이상 성능", "95%", "PERCENT"),
    ("90.33%에서 올랐다", "90.33%", "PERCENT"),
    ("총 512장 지원", "512장", "QUANTITY"),
    ("총 10개 과제", "10개", "QUANTITY"),
    ("「인공지능 발전과 신뢰 기반 조성 등에 관한 기본법」도", "인공지능 발전과 신뢰 기반 조성 등에 관한 기본법", "LAW"),
    ("『국가 AI 전략』을", "국가 AI 전략", "LAW"),
])
def test_rule_families(extractor, text, mention, kind):
    assert (mention, kind) in found(extractor, text)


def test_particles_are_outside_the_span(extractor):
    assert found(extractor, "앤트로픽이 발표했다") == [("앤트로픽", "ORG")]
    assert ("구글", "ORG") in found(extractor, "구글과의 경쟁")
    assert ("과기정통부", "ORG") in found(extractor, "과기정통부가 밝혔다")
    assert found(extractor, "메타버스 플랫폼") == []  # not 메타
    assert found(extractor, "미국식 혁신 모델") == []


def test_aliases_resolve_to_canonical_names(extractor):
    mentions = {m.text: m for m in extractor.extract("과기정통부와 OpenAI, MSIT는 앤스로픽과 만났다.")}
    assert mentions["과기정통부"].canonical == "과학기술정보통신부"
    assert mentions["MSIT"].canonical == "과학기술정보통신부"
    assert mentions["OpenAI"].canonical == "오픈AI"
    assert mentions["앤스로픽"].canonical == "앤트로픽"


def test_people_by_title_and_organisations_by_suffix(extractor):
    text = ("장은영 디지털플랫폼정부위원회 기획총괄과장은 말했다. 제이슨 권 오픈AI CSO가 밝혔다. "
            "코딧 부설 글로벌정책실증연구원이 발간했다. 바이든 대통령은 서명했다.")
    result = found(extractor, text)
    assert ("장은영", "PERSON") in result and ("제이슨 권", "PERSON") in result
    assert ("글로벌정책실증연구원", "ORG") in result and ("바이든", "PERSON") in result


def test_generic_words_are_never_people_or_organisations(extractor):
    text = "업계 관계자는 정부가 기업과 협력한다고 말했다. 전문가들은 위원회와 정부부처가 나서야 한다고 봤다."
    assert [k for _, k in found(extractor, text) if k in ("PERSON", "ORG")] == []


def test_products_keep_their_version(extractor):
    assert ("그록4 패스트", "PRODUCT") in found(extractor, "'그록4 패스트' 접근 권한")
    assert ("Llama 3-8B", "PRODUCT") in found(extractor, "Meta의 Llama 3-8B를 기반으로")


def test_offsets_with_emoji(extractor):
    text = "😀 과기정통부가 😀 2억 달러를 투자했다"
    mentions = extractor.extract(text)
    assert [(text[m.start:m.end], m.start) for m in mentions] == [("과기정통부", 2), ("2억 달러", 11)]


def test_web_addresses_hold_no_entities(extractor):
    assert found(extractor, "(<https://www.msit.go.kr/bbs/view.do?bbsSeqNo=94%20&x=1>)") == []


def test_the_long_report_takes_seconds(extractor):
    import time
    from pathlib import Path

    from workbench.corpus.extract import extract_file

    report = extract_file(Path(__file__).resolve().parents[2] / "seeds" / "004_2c1d2e21fcbb52ad.txt")
    started = time.perf_counter()
    mentions = extractor.extract(report.text)
    assert len(mentions) > 5000
    assert time.perf_counter() - started < 60  # a guard against pathologies; speed is in benchmarks/
