"""Precision and ranking: bigrams that do not cross into another word, web
addresses that are not prose, alias names scored as one word, words that
stand together ranking first, bigram-only matches ranking last."""

from __future__ import annotations

import pytest

from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.services.search import search

FILES = {
    "uidae_not.txt": "계층의 대표성을 높이는 방안.\n문의대응 창구를 연다.\n심의대상 목록을 검토했다.\n회의 대회의실에서 열렸다.",
    "uidae.txt": "정부는 의대 정원을 늘리기로 했다. 의대생 단체가 반발했다.",
    "gwajang_not.txt": "경영진과 장기간 논의했다. 누구나 시간과 장소에 구애받지 않는다.",
    "gwajang.txt": "김민수 과장은 말했다. 기획총괄과장이 회의를 주재했다.",
    "msit_name.txt": "과학기술정보통신부 장관이 인공지능 전략을 발표했다.",
    "msit_url.txt": "원문은 https://www.msit.go.kr/bbs/view.do?sCode=user 와 msit.go.kr/bbs 에서 볼 수 있다.",
    "cayman_spaced.txt": "룩셈부르크와 케이맨 제 도에 투자가 몰렸다.",
    "cayman.txt": "케이맨제도 법인 설립이 늘었다. 케이맨제도는 조세회피처로 알려져 있다. " + "해외 투자 동향을 분석한 보고서이다. " * 20,
    "zhipu.txt": "Zhipu.AI는 중국 기업이다. 투자 유치는 Germany, and Singapore.",
    "anthropic_en.txt": "Anthropic released a new model.",
    "anthropic_ko.txt": ("앤트로픽은 새 모델을 공개했다. " + "인공지능 업계의 경쟁이 치열해지고 있으며 여러 기업이 모델을 내놓고 있다. " * 12),
    "near.txt": ("미국이 반도체 수출 규제를 강화했다. 동맹국들은 대응책을 마련하느라 분주하다. "
                 "업계는 공급망 재편과 가격 변동에 촉각을 곤두세우고 있으며 정부도 대책을 검토하고 있다."),
    # The same words, more often, scattered: BM25 alone ranks this first.
    "far.txt": ("반도체 산업이 커지면서 여러 나라가 경쟁하고 있다. 수출 실적은 해마다 늘어나는 추세를 보인다. "
                "규제 문제도 함께 논의되고 있다. 반도체 기업들의 투자가 이어진다. 수출 시장도 넓어졌다. "
                "규제 완화 요구가 높다. 반도체 인력 양성도 과제다. 수출 지원책이 나왔다. 규제 개선안이 논의된다."),
    "committee.txt": "교육부, 개인정보보호위원회, 방송통신위원회 등 실장급 공무원이 참석했다.",
}


@pytest.fixture(scope="module")
def precise(tmp_path_factory):
    from workbench.services.projects import open_project

    root = tmp_path_factory.mktemp("precision")
    folder = root / "docs"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    project = open_project(root / "project")
    report = run_job(ingest(project, [folder]))
    assert report.summary()["added"] == len(FILES)
    from workbench.services.documents import list_documents, show_document

    names = {d.source.rsplit("/", 1)[1]: d.id for d in list_documents(project)}
    texts = {d_id: show_document(project, str(d_id)).text for d_id in names.values()}
    return project, names, texts


def found(project, names, query):
    ids = {v: k for k, v in names.items()}
    return [ids[h.doc_id] for h in search(project, query, limit=None).hits]


def test_a_short_word_is_not_assembled_across_words(precise):
    project, names, _ = precise
    assert set(found(project, names, "의대")) == {"uidae.txt"}
    assert set(found(project, names, "과장")) == {"gwajang.txt"}


def test_web_addresses_are_not_prose(precise):
    project, names, _ = precise
    hits = found(project, names, "MSIT")
    assert "msit_name.txt" in hits  # an alias of the ministry
    assert "msit_url.txt" not in hits


def test_spacing_variants_still_match_and_rank_after_exact_ones(precise):
    project, names, texts = precise
    result = search(project, "케이맨제도", limit=None)
    order = [h.doc_id for h in result.hits]
    assert order == [names["cayman.txt"], names["cayman_spaced.txt"]]
    spaced = next(h for h in result.hits if h.doc_id == names["cayman_spaced.txt"])
    assert [texts[spaced.doc_id][a:b] for a, b in spaced.matches] == ["케이맨 제 도"]


def test_a_word_inside_a_long_name_kiwi_keeps_whole(precise):
    project, names, texts = precise
    result = search(project, "개인정보 보호", limit=None)
    assert [h.doc_id for h in result.hits] == [names["committee.txt"]]


def test_not_excludes_words_found_only_through_bigrams(precise):
    project, names, _ = precise
    assert "cayman_spaced.txt" not in found(project, names, "투자 -케이맨제도")
    assert "cayman_spaced.txt" in found(project, names, "투자 룩셈부르크")


def test_latin_names_kiwi_keeps_dotted_or_splits(precise):
    project, names, texts = precise
    for query, word in (("Zhipu", "Zhipu"), ("Singapore", "Singapore")):
        result = search(project, query, limit=None)
        assert [h.doc_id for h in result.hits] == [names["zhipu.txt"]]
        assert [texts[h.doc_id][a:b] for h in result.hits for a, b in h.matches] == [word]


def test_alias_names_score_as_one_word(precise):
    """A passage naming the thing by another name is not pushed below one
    naming it as typed: the short English sentence outranks the long Korean
    passage for the Korean query, as BM25 on one term would have it."""
    project, names, texts = precise
    result = search(project, "앤트로픽", limit=None)
    assert [h.doc_id for h in result.hits] == [names["anthropic_en.txt"], names["anthropic_ko.txt"]]
    english = result.hits[0]
    assert [texts[english.doc_id][a:b] for a, b in english.matches] == ["Anthropic"]


def test_words_side_by_side_rank_first(precise, monkeypatch):
    project, names, _ = precise
    assert found(project, names, "반도체 수출 규제") == ["near.txt", "far.txt"]
    # Without the proximity boost the scattered passage would come first.
    import workbench.search.searching as searching

    monkeypatch.setattr(searching, "rescore", lambda searcher, ranked, near: ranked)
    assert found(project, names, "반도체 수출 규제") == ["far.txt", "near.txt"]


def test_documents_view_counts_every_tier(precise):
    project, names, _ = precise
    result = search(project, "케이맨제도", limit=20, docs=True)
    assert [d.doc_id for d in result.docs] == [names["cayman.txt"], names["cayman_spaced.txt"]]
    assert result.total == 2
