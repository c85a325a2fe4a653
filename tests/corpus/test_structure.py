"""Structure of real seed documents: titles, headings, tables, captions, notes."""

from __future__ import annotations

import pytest

from workbench.core.models import BlockKind
from workbench.corpus.extract import extract_file
from workbench.corpus.structure import build, classify_line, lines_to_parts
from tests.conftest import REPORT, SEEDS


@pytest.fixture(scope="module")
def report():
    return extract_file(REPORT)


def _blocks_with(doc, text, kind=None):
    return [b for b in doc.blocks if doc.text[b.start:b.end] == text and (kind is None or b.kind is kind)]


def test_every_block_slice_is_its_text(report):
    assert len(report.blocks) > 2000
    last = -1
    for block in report.blocks:
        piece = report.text[block.start:block.end]
        assert piece and piece == piece.strip("\n")
        assert block.start > last  # ordered, non-overlapping
        last = block.end - 1
        if block.kind is BlockKind.TABLE:
            assert piece.split("\n")[0].split("\t")[0].strip() == block.meta["rows"][0][0]


def test_report_title(report):
    assert report.title == "2024년 국내외 인공지능 산업 동향 연구"
    assert report.blocks[0].kind is BlockKind.TITLE


def test_section_path_of_first_section_usa(report):
    [usa] = _blocks_with(report, "제1절 미국", BlockKind.HEADING)
    assert usa.level == 2
    assert usa.section_path == ["제3장 주요국 인공지능 정책 동향", "제1절 미국"]
    # Body under it carries the same path plus its own sub-heading.
    after = [b for b in report.blocks if b.start > usa.start and b.kind is BlockKind.PARAGRAPH][0]
    assert after.section_path[:2] == usa.section_path


def test_table_of_contents_is_kept_apart(report):
    toc_usa = _blocks_with(report, "제1절 미국\t20", BlockKind.TOC)
    assert len(toc_usa) == 1 and toc_usa[0].section_path == []
    # The heading 제6절 캐나다 ends in 다 but is a heading, not a sentence.
    assert _blocks_with(report, "제6절 캐나다", BlockKind.HEADING)
    chapters = [b for b in report.blocks if b.kind is BlockKind.HEADING and b.level == 1
                and report.text[b.start:b.end].startswith("제")]
    assert [report.text[b.start:b.end].split()[0] for b in chapters] == [f"제{i}장" for i in range(1, 9)]


def test_tables_captions_footnotes_sources(report):
    [caption] = _blocks_with(report, "<표 2-2> HAI AI 지수의 주요 내용", BlockKind.CAPTION)
    assert caption.meta["label"] == "표 2-2"
    table = next(b for b in report.blocks if b.kind is BlockKind.TABLE and b.start > caption.start)
    rows = table.meta["rows"]
    assert rows[0] == ["구분", "주요 내용"]
    assert rows[1][0] == "1" and rows[1][2].startswith("시는 이미지 분류")
    [footnote] = _blocks_with(report, "1) Tortois Intelligence. The Global Artificial Intelligence Index, 2024.09.19")
    assert footnote.kind is BlockKind.FOOTNOTE
    source = _blocks_with(report, "출처: Stanford University, Artificial Intelligence Index Report 2024")
    assert source and all(b.kind is BlockKind.SOURCE for b in source)
    assert _blocks_with(report, "[그림 2-1] 전 세계 국가 AI 전략 수립 현황", BlockKind.CAPTION)


def test_news_title_skips_image_file_name():
    doc = extract_file(SEEDS / "002_94c9759865f86656.txt")
    assert doc.title == "독자 AI 파운데이션 모델 개발 사업 본격화"
    assert doc.blocks[0].meta.get("junk") is True
    headings = [doc.text[b.start:b.end] for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert headings == ["◇본선 접어든 AI 국가대표 레이스", "◇버티컬AI 위한 새로운 레이스 열려",
                        "◇AI 주권 확보 넘어 강국 등극 향해"]


def test_news_subheads_become_sections():
    doc = extract_file(SEEDS / "003_218482a578deb0a4.txt")
    headings = [doc.text[b.start:b.end] for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert "오픈AI 진출로 정책 방향성 혼재" in headings
    assert "Leave a Comment" not in headings


def test_news_without_headline_gets_first_sentence_as_title():
    doc = extract_file(SEEDS / "000_9cac13f2b16803be.txt")
    assert doc.title == "미국 정부가 최근 인공지능(AI) 기업들과 연이어 대규모 계약을 체결하며 정부와 민간 협력의 새로운 장을 열고 있다."


@pytest.mark.parametrize("line, kind, level", [
    ("제2장 인공지능 산업 현황 및 전망", BlockKind.HEADING, 1),
    ("제10절 우리나라", BlockKind.HEADING, 2),
    ("1. 연구 배경", BlockKind.HEADING, 3),
    ("가. AI 보안 거버넌스 프레임워크⁴⁹⁾", BlockKind.HEADING, 4),
    ("◇AI 주권 확보 넘어 강국 등극 향해", BlockKind.HEADING, 3),
    ("[첨부 1] 2024년 주요국의 AI 관련 분야별 정책 동향 요약", BlockKind.HEADING, 1),
    ("〈표 3-2〉 미국 AI 이니셔티브(American AI Initiative) 5가지 원칙", BlockKind.CAPTION, 0),
    ("[그림 3-10] ‘정당한 이익’ 조항 적용을 위한 요건", BlockKind.CAPTION, 0),
    ("<표 2-1> 전 세계 주목할 머신러닝 학습모델 현황\t5", BlockKind.TOC, 0),
    ("목 차", BlockKind.TOC, 0),
    ("12) Microsoft, Unveiling Copilot agents, 2024", BlockKind.FOOTNOTE, 0),
    ("(<https://www.un.org/techenvoy/ai-advisory-body>)", BlockKind.SOURCE, 0),
    ("- OECD AI 원칙(2019): 경제협력개발기구", BlockKind.LIST_ITEM, 0),
    ("1. 미국은 AI 정책을 강화하고 있다.", BlockKind.PARAGRAPH, 0),
])
def test_line_classifier(line, kind, level):
    got_kind, got_level, _ = classify_line(line)
    assert (got_kind, got_level) == (kind, level)


def test_offsets_with_emoji_are_code_points():
    text, blocks, _ = build(lines_to_parts("제목 😀 입니다\n\n둘째 😀 문단입니다. 끝."))
    assert [text[b.start:b.end] for b in blocks] == ["제목 😀 입니다", "둘째 😀 문단입니다. 끝."]
    assert blocks[1].start == len("제목 😀 입니다\n\n")
