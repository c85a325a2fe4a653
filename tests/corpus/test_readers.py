"""Each format, built as a real file, read back into exact Korean text and blocks."""

from __future__ import annotations

import pytest

from workbench.core.models import BlockKind
from workbench.corpus.extract import extract_file
from tests.helpers import files
from tests.helpers.hwp5 import build_hwp5


def _texts(doc, kind=None):
    return [doc.text[b.start:b.end] for b in doc.blocks if kind is None or b.kind is kind]


def _check_offsets(doc):
    for b in doc.blocks:
        assert doc.text[b.start:b.end].strip(), b


def test_markdown_headings_and_pipe_table(tmp_path):
    path = tmp_path / "memo.md"
    path.write_text("# 제1장 서론\n\n과기정통부가 발표했다.\n\n| 구분 | 예산 |\n|---|---:|\n| AI | 2억 달러 |\n",
                    encoding="utf-8")
    doc = extract_file(path)
    assert doc.format == "md"
    assert doc.text == "제1장 서론\n\n과기정통부가 발표했다.\n\n구분\t예산\nAI\t2억 달러"
    [table] = [b for b in doc.blocks if b.kind is BlockKind.TABLE]
    assert table.meta["rows"] == [["구분", "예산"], ["AI", "2억 달러"]]
    assert table.section_path == ["제1장 서론"]


def test_html_in_euc_kr_with_meta_charset(tmp_path):
    html = """<html><head><meta charset="euc-kr"><title>정책 브리핑</title>
    <script>var x = "<p>숨김</p>";</script><style>p{color:red}</style></head>
    <body><nav>메뉴</nav><h1>인공지능 정책</h1><p>과기정통부가 <b>AI 기본법</b>을 발표했다.</p>
    <!-- 주석 --><h2>예산</h2><table><tr><th>구분</th><th>금액</th></tr><tr><td>R&amp;D</td><td>110억원</td></tr></table>
    <ul><li>첫째 항목</li><li>둘째 항목</li></ul></body></html>"""
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("euc-kr"))
    doc = extract_file(path)
    assert doc.title == "정책 브리핑"
    assert doc.encoding == "cp949"
    assert "숨김" not in doc.text and "메뉴" not in doc.text and "주석" not in doc.text
    assert _texts(doc, BlockKind.HEADING) == ["인공지능 정책", "예산"]
    assert "과기정통부가 AI 기본법을 발표했다." in _texts(doc, BlockKind.PARAGRAPH)
    [table] = [b for b in doc.blocks if b.kind is BlockKind.TABLE]
    assert table.meta["rows"] == [["구분", "금액"], ["R&D", "110억원"]]
    assert table.section_path == ["인공지능 정책", "예산"]
    assert _texts(doc, BlockKind.LIST_ITEM) == ["첫째 항목", "둘째 항목"]
    _check_offsets(doc)


def test_docx_headings_table_caption(tmp_path):
    doc = extract_file(files.make_docx(tmp_path / "report.docx"))
    assert doc.format == "docx" and doc.title == "인공지능 정책 보고서"
    assert _texts(doc, BlockKind.HEADING) == ["제1장 서론", "제1절 미국"]
    [para] = [b for b in doc.blocks if "2억 달러" in doc.text[b.start:b.end]]
    assert doc.text[para.start:para.end] == "미국 국방부는 최대 2억 달러 규모의 계약을 체결했다 😀."
    assert para.section_path == ["제1장 서론", "제1절 미국"]
    [table] = [b for b in doc.blocks if b.kind is BlockKind.TABLE]
    assert table.meta["rows"] == [["구분", "내용"], ["예산", "110억원"]]
    assert _texts(doc, BlockKind.CAPTION) == ["<표 1-1> 주요 예산"]
    _check_offsets(doc)


def test_pdf_text_layer_with_pages(tmp_path):
    doc = extract_file(files.make_pdf(tmp_path / "report.pdf"))
    assert doc.format == "pdf" and doc.title == "PDF 보고서"
    assert files.KOREAN_PARAGRAPH in doc.text
    headings = [b for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert [doc.text[b.start:b.end] for b in headings] == ["제1장 서론", "제2장 결론"]
    assert [b.meta["page"] for b in headings] == [1, 2]
    _check_offsets(doc)


def test_hwpx_paragraphs_outline_headings_and_tables(tmp_path):
    path = files.make_hwpx(tmp_path / "doc.hwpx", "# 제1장 서론\n\n과기정통부가 발표했다 😀.\n\n"
                           "| 구분 | 내용 |\n|---|---|\n| 예산 | 18.5억 원 |\n\n## 제1절 미국\n\n오픈AI가 참석했다.\n")
    doc = extract_file(path)
    assert doc.format == "hwpx"
    assert doc.text == ("제1장 서론\n\n과기정통부가 발표했다 😀.\n\n구분\t내용\n예산\t18.5억 원\n\n"
                        "제1절 미국\n\n오픈AI가 참석했다.")
    assert [(b.kind, b.level) for b in doc.blocks if b.kind is BlockKind.HEADING] == [
        (BlockKind.HEADING, 1), (BlockKind.HEADING, 2)]
    [table] = [b for b in doc.blocks if b.kind is BlockKind.TABLE]
    assert table.meta["rows"] == [["구분", "내용"], ["예산", "18.5억 원"]]
    last = doc.blocks[-1]
    assert last.section_path == ["제1장 서론", "제1절 미국"]


@pytest.mark.parametrize("compressed", [True, False])
def test_hwp5_body_text(tmp_path, compressed):
    paragraphs = ["제1장 서론", "과기정통부가 인공지능 기본법을 발표했다 😀.", "제1절 미국",
                  "미국 국방부는 2억 달러 규모 계약을 맺었다. " * 200]
    path = tmp_path / "doc.hwp"
    path.write_bytes(build_hwp5(paragraphs, compressed=compressed))
    doc = extract_file(path)
    assert doc.format == "hwp"
    # HWP paragraphs are paragraphs (as in HWPX): a blank line between them.
    assert doc.text == "\n\n".join(p.rstrip() for p in paragraphs)
    usa = next(b for b in doc.blocks if doc.text[b.start:b.end] == "제1절 미국")
    assert usa.kind is BlockKind.HEADING and usa.section_path == ["제1장 서론", "제1절 미국"]
