"""HWPX from real government files: every paragraph of the section XML is
read (tables nested in cells and boxes included), tables keep their rows and
columns, outline and typed headings are found, Hancom symbols become
Unicode, and the title comes from the package metadata."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.helpers.coverage import coverage, missing
from workbench.core.models import BlockKind
from workbench.corpus.extract import extract_file

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "realfiles"
HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"


def reference(path: Path) -> str:
    """The independent reference: every hp:t of every section, page headers and footers left out."""
    archive = zipfile.ZipFile(path)
    out = []
    for name in sorted(n for n in archive.namelist() if re.search(r"Contents/section\d+\.xml$", n)):
        root = etree.fromstring(archive.read(name), etree.XMLParser(huge_tree=True))
        for t in root.iter(HP + "t"):
            if not any(a.tag in (HP + "header", HP + "footer") for a in t.iterancestors()):
                out.append("".join(t.itertext()))
    return "\n".join(out)


@pytest.mark.parametrize("name", sorted(p.name for p in (REAL / "hwpx").glob("*.hwpx")))
def test_all_the_text_is_read(name):
    path = REAL / "hwpx" / name
    doc = extract_file(path)
    ref = reference(path)
    share = coverage(doc.text, ref)
    assert share >= 0.99, (share, missing(doc.text, ref)[:5])
    ours, theirs = len("".join(doc.text.split())), len("".join(ref.split()))
    assert ours <= theirs * 1.01  # nothing read twice (a nested table is not also inside its outer cell)


def test_tables_nested_in_cells_and_boxes_are_kept():
    doc = extract_file(REAL / "hwpx" / "table-vpos-01_정부혁신_보도자료.hwpx")
    texts = [doc.text[b.start:b.end] for b in doc.blocks]
    assert any("정부혁신 4대 추진전략, 12대 추진과제" in t for t in texts)  # inside an annex box
    tasks = next(b for b in doc.blocks if b.kind is BlockKind.TABLE and "참여소통" in doc.text[b.start:b.end])
    assert len(tasks.meta["rows"]) == 8 and max(len(r) for r in tasks.meta["rows"]) == 3
    body = doc.text[tasks.start:tasks.end]
    assert "① 대국민 소통 일상화" in body and "⑨ 열정이 넘치고" in body  # Hancom's U+F02B1… as circled numbers
    assert not re.search("[\U000f0000-\U000ffffd]", doc.text)
    # The package's own title is a clause cut off at "…보고하고"; the headline box names the release.
    assert doc.metadata["title"].startswith("행정안전부는 12월 2일 국무회의에서")
    assert doc.title == "‘국민주권시대, AI와 함께 열다’ 국민주권정부의 정부혁신 청사진 공개"


def test_statistics_tables_keep_their_rows_and_columns_and_headings_are_found():
    doc = extract_file(REAL / "hwpx" / "2024_1Q_해외직접투자_보도자료.hwpx")
    industry = next(b for b in doc.blocks if b.kind is BlockKind.TABLE and b.meta["rows"][0][:2] == ["구분", "금융보험업"])
    assert len(industry.meta["rows"]) == 4 and len(industry.meta["rows"][0]) == 6
    headings = [doc.text[b.start:b.end] for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert "1. 분기별 동향" in headings and "□ 업종별 동향(상위 5개)" in headings
    heading = next(i for i, b in enumerate(doc.blocks) if doc.text[b.start:b.end] == "□ 국가별 동향(상위 5개)")
    table = doc.blocks[heading + 1]
    assert table.kind is BlockKind.TABLE and table.section_path == ["□ 국가별 동향(상위 5개)"]  # under its heading
