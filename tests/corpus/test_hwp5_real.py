"""Our HWP 5.0 record parser on real government files and on generated ones.

Real files (``tests/fixtures/realfiles/hwp``) are checked against independent
reference texts made with pyhwp (``reference/<file>.txt``): the share of the
reference's character bigrams our text holds. Tables must come out as table
blocks, 배포용 documents must be read, protected files refused with the
right code, damaged ones with a Korean message that stays Korean.
"""

from __future__ import annotations

import re
import time
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.helpers import files
from tests.helpers.cfb import build_cfb
from tests.corpus.hwp_references import hwp_reference
from tests.helpers.coverage import coverage, missing
from tests.helpers.hwp5 import HwpParagraph, HwpTable, build_hwp5, build_summary, section_records
from workbench.core.errors import ReadError
from workbench.core.models import BlockKind
from workbench.corpus.doctree import Para, Table
from workbench.corpus.extract import extract_file
from workbench.corpus.hwp5 import Hwp5Error, container, read_document
from workbench.corpus.readers.hwp import read_hwp

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "realfiles"
HWP_FILES = sorted((REAL / "hwp").glob("*.hwp"))
# Every file must give at least 99% of its reference text (tests/helpers/coverage.py
# counts bigrams within each reference line, so a footnote placed after its table
# rather than after its cell is not counted as lost).
MIN_COVERAGE: dict[str, float] = {}


def _error(path: Path) -> ReadError:
    with pytest.raises(ReadError) as info:
        extract_file(path)
    assert path.name in info.value.message
    return info.value


def _korean_only(error: ReadError, path: Path) -> bool:
    """The Korean message, file name aside, has no Latin letters (no English detail leaked)."""
    return not re.search(r"[A-Za-z]", error.message_ko.replace(path.name, ""))


def _tables(doc) -> list[list[list[str]]]:
    return [b.meta["rows"] for b in doc.blocks if b.kind is BlockKind.TABLE]


# --- real files ---------------------------------------------------------------


def test_real_fixtures_present():
    assert len(HWP_FILES) == 9


@pytest.mark.parametrize("path", HWP_FILES, ids=lambda p: p.name)
def test_real_file_coverage(path):
    reference = hwp_reference(path)  # Hancom's symbols mapped as ours are ("󰊱" → "①")
    doc = extract_file(path)
    assert doc.format == "hwp"
    value = coverage(doc.text, reference)
    print(f"{path.name}: coverage {value:.4f}")
    assert value >= MIN_COVERAGE.get(path.name, 0.99), missing(doc.text, reference)[:20]
    assert missing(doc.text, reference) == []  # every reference paragraph is there, whole
    assert not doc.warnings


def test_statistics_table_keeps_its_grid():
    doc = extract_file(REAL / "hwp" / "통합재정통계(2010.11월).hwp")
    [main] = [rows for rows in _tables(doc) if any("21,802" in cell for row in rows for cell in row)]
    # pyhwp: TableControl rows="9" cols="8"; "구 분" spans the first two columns.
    assert len(main) == 9 and all(len(row) == 8 for row in main)
    assert main[0][:3] == ["구 분", "", "일반 회계"] and main[0][7] == "합 계"
    assert main[1] == ["수 입 (A)", "", "168,550", "12,584", "32", "68,942", "2,491", "252,599"]
    assert main[8][0] == "통합재정수지 (A-B)" and main[8][7] == "21,802"
    # The title box (a one-cell table) is read in the flow; the cell footnotes follow the table.
    assert doc.text.startswith("통 합 재 정 통 계")
    notes = [doc.text[b.start:b.end] for b in doc.blocks if b.kind is BlockKind.FOOTNOTE]
    assert any(note.startswith("순 융 자 : 융자지출") for note in notes)


def test_statistics_metadata():
    path = REAL / "hwp" / "통합재정통계(2010.11월).hwp"
    result = read_hwp(path, path.read_bytes())
    assert result.metadata == {"title": "2010", "author": "Owner", "created": "2010-10-11T07:33:44+00:00",
                               "modified": "2011-01-31T00:59:08+00:00"}
    assert result.title is None  # "2010" says nothing about the document
    assert result.paragraph_gap


def test_press_release_tables_match_its_hwpx_twin():
    hwp = extract_file(REAL / "hwp" / "2024_1Q_해외직접투자_보도자료.hwp")
    hwpx = extract_file(REAL / "hwpx" / "2024_1Q_해외직접투자_보도자료.hwpx")
    tables = _tables(hwp)
    print(f"blocks: hwp {len(hwp.blocks)}, hwpx {len(hwpx.blocks)}; tables: {len(tables)}")
    assert len(tables) >= 20
    assert 0.8 <= len(hwp.blocks) / len(hwpx.blocks) <= 1.25  # not one block per cell (~1,500)
    assert abs(len(tables) - len(_tables(hwpx))) <= 2
    # The country table: 16 rows of 10 columns in Hangul.
    assert (16, 10) in {(len(t), max(len(r) for r in t)) for t in tables}


def test_distribution_document_is_read():
    path = REAL / "hwp" / "hwpspec_large.hwp"
    result = read_hwp(path, path.read_bytes())
    assert result.metadata["title"] == "ᄒᆞᆫ글 문서 파일 구조"
    doc = extract_file(path)
    first = doc.text.split("\n", 1)[0]
    assert first.endswith("글 문서 파일 구조")  # "한글" with the old-Hangul 아래아 of Hancom's font
    assert "Hwp Document File Formats" in doc.text[:200]
    assert "5.0 파일 구조" in doc.text[:1000]
    assert len(_tables(doc)) > 300  # the record layouts are tables


@pytest.mark.parametrize("name", ["hwpspec_large.hwp", "k-water-rfp.hwp"])
def test_large_files_are_fast(name):
    path = REAL / "hwp" / name
    data = path.read_bytes()
    assert len(data) > 2_500_000
    read_hwp(path, data)  # warm up imports
    start = time.perf_counter()
    result = read_hwp(path, data)
    elapsed = time.perf_counter() - start
    print(f"{name}: {elapsed:.3f} s, {len(result.parts)} parts")
    assert elapsed < 2.0


def test_password_fixture_is_refused():
    error = _error(REAL / "nasty" / "password-12345.hwp")
    assert error.code == "encrypted"


# --- generated files: structure --------------------------------------------------


def _write(tmp_path: Path, paragraphs: list, name: str = "doc.hwp", **kwargs) -> Path:
    path = tmp_path / name
    path.write_bytes(build_hwp5(paragraphs, **kwargs))
    return path


def test_tables_spans_nested_and_captions(tmp_path):
    inner = HwpTable([["세부", "금액"], ["인건비", "3억"]])
    outer = HwpTable(
        [["구분", "2023", "2024"], ["예산", None, "18.5억 원"], ["비고", [HwpParagraph("내역", tables=[inner])], "없음"]],
        spans={(1, 0): (1, 2)}, caption="<표 1> 연도별 예산")
    doc = extract_file(_write(tmp_path, [HwpParagraph("예산 현황은 다음과 같다.", tables=[outer])]))
    # The nested table stays in the cell that holds it, its cells read row by row.
    assert _tables(doc) == [
        [["구분", "2023", "2024"], ["예산", "", "18.5억 원"], ["비고", "내역 세부 금액 인건비 3억", "없음"]],
    ]
    [table] = [b for b in doc.blocks if b.kind is BlockKind.TABLE]
    assert table.meta["spans"] == [[1, 0, 1, 2]]
    assert table.meta["nested"] == [{"row": 2, "col": 1, "rows": [["세부", "금액"], ["인건비", "3억"]],
                                     "spans": [], "nested": []}]
    caption = next(b for b in doc.blocks if doc.text[b.start:b.end] == "<표 1> 연도별 예산")
    assert caption.kind is BlockKind.CAPTION
    assert doc.text.index("<표 1>") < doc.text.index("구분\t2023")


def test_absurd_spans_do_not_blow_up_the_grid(tmp_path):
    """A damaged file's cell that claims to span 60,000 rows and columns: the grid stays small."""
    table = HwpTable([["구분", "값"], ["가", "1"]], spans={(0, 0): (60000, 1), (1, 1): (1, 60000)})
    doc = extract_file(_write(tmp_path, [HwpParagraph("", tables=[table])]))
    assert _tables(doc) == [[["구분", "값"], ["가", "1"]]]


def test_one_cell_box_reads_in_the_flow(tmp_path):
    box = HwpTable([[["정부혁신 4대 추진전략", HwpParagraph("1. 국민 중심", tables=[HwpTable([["가", "나"], ["다", "라"]])])]]])
    doc = extract_file(_write(tmp_path, [HwpParagraph("", tables=[box]), "본문"]))
    assert doc.text.startswith("정부혁신 4대 추진전략\n\n1. 국민 중심\n\n가\t나\n다\t라")
    assert _tables(doc) == [[["가", "나"], ["다", "라"]]]


def test_notes_text_boxes_headers_and_pictures(tmp_path):
    paragraphs = [
        HwpParagraph("본문 첫 문단", header="기획재정부 보도자료", footer="- 1 -", hidden_comment="검토 필요"),
        HwpParagraph("각주가 달린 문단", footnotes=["통계청 자료"], endnotes=["미주 내용"]),
        HwpParagraph("그림 문단", picture=True),
        HwpParagraph("글상자 앞", textbox=["글상자 속 핵심 내용", "둘째 줄"]),
    ]
    doc = extract_file(_write(tmp_path, paragraphs))
    assert "기획재정부 보도자료" not in doc.text and "- 1 -" not in doc.text and "검토" not in doc.text
    assert doc.text.startswith("본문 첫 문단")
    notes = {(doc.text[b.start:b.end], b.meta.get("note")) for b in doc.blocks if b.kind is BlockKind.FOOTNOTE}
    assert notes == {("통계청 자료", "footnote"), ("미주 내용", "endnote")}
    assert doc.text.index("각주가 달린 문단") < doc.text.index("통계청 자료") < doc.text.index("그림 문단")
    assert doc.text.endswith("글상자 앞\n\n글상자 속 핵심 내용\n\n둘째 줄")


def test_outline_levels_from_shape_and_style(tmp_path):
    paragraphs = [HwpParagraph("추진 배경", outline=1), HwpParagraph("현황", outline=2),
                  HwpParagraph("세부 과제", style_outline=3), HwpParagraph("예산은 늘었다.")]
    result = read_hwp(tmp_path / "x.hwp", build_hwp5(paragraphs))
    assert [(p.text, p.hint, p.level) for p in result.parts] == [
        ("추진 배경", BlockKind.HEADING, 1), ("현황", BlockKind.HEADING, 2),
        ("세부 과제", BlockKind.HEADING, 3), ("예산은 늘었다.", None, 0)]
    doc = extract_file(_write(tmp_path, paragraphs))
    last = doc.blocks[-1]
    assert last.section_path == ["추진 배경", "현황", "세부 과제"]


def test_control_characters(tmp_path):
    text = "가\t나\n다\x1e라\x18마\x1f바"
    nodes = read_document(build_hwp5([text])).nodes
    assert [n.text for n in nodes] == ["가\t나 다 라-마 바"]
    dutmal = read_document(build_hwp5([HwpParagraph("한자 ", dutmal=("漢字", "한자"))])).nodes
    assert dutmal[0].text == "한자 漢字"


def test_tree_shape(tmp_path):
    table = HwpTable([["a", "b"], ["c", [HwpParagraph("d", footnotes=["note"])]]], spans={(0, 0): (1, 1)})
    [para] = read_document(build_hwp5([HwpParagraph("x", tables=[table])])).nodes
    assert isinstance(para, Para) and para.text == "x"
    [tbl] = para.tables
    assert isinstance(tbl, Table) and (tbl.rows, tbl.cols) == (2, 2)
    assert [(c.row, c.col) for c in tbl.cells] == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert tbl.cells[3].children[0].notes[0].children[0].text == "note"


def test_sections_in_order(tmp_path):
    sections = [[f"구역 {n}"] for n in range(12)]
    doc = extract_file(_write(tmp_path, [], sections=sections))
    assert doc.text == "\n\n".join(f"구역 {n}" for n in range(12))


def test_summary_information(tmp_path):
    summary = build_summary(title="2024년 업무계획", subject="업무계획", author="기획재정부", keywords="예산, 재정",
                            comments="", created=datetime(2024, 1, 2, 9, 30, tzinfo=UTC),
                            modified=datetime(2024, 3, 4, 5, 6, 7, tzinfo=UTC))
    path = _write(tmp_path, ["본문"], summary=summary)
    result = read_hwp(path, path.read_bytes())
    assert result.metadata == {"title": "2024년 업무계획", "subject": "업무계획", "author": "기획재정부",
                               "keywords": "예산, 재정", "created": "2024-01-02T09:30:00+00:00",
                               "modified": "2024-03-04T05:06:07+00:00"}
    assert result.title == "2024년 업무계획"
    untitled = _write(tmp_path, ["본문"], name="untitled.hwp", summary=build_summary(title="제목 없음"))
    result = read_hwp(untitled, untitled.read_bytes())
    assert result.title is None and "created" not in result.metadata


@pytest.mark.parametrize("compressed", [True, False])
def test_generated_distribution_document(tmp_path, compressed):
    paragraphs = [HwpParagraph("배포용 보고서", outline=1),
                  HwpParagraph("표", tables=[HwpTable([["구분", "값"], ["가", "1"]])]), "끝"]
    doc = extract_file(_write(tmp_path, paragraphs, compressed=compressed, distribution=True,
                              sections=[paragraphs, ["둘째 구역"]]))
    assert doc.text == "배포용 보고서\n\n표\n\n구분\t값\n가\t1\n\n끝\n\n둘째 구역"
    assert "한글에서 열어" not in doc.text  # BodyText of a distribution document is only a notice


# --- generated files: refusals ------------------------------------------------------


@pytest.mark.parametrize("flags", [{"drm": True}, {"cert_drm": True}])
def test_drm_flag_is_refused(tmp_path, flags):
    path = _write(tmp_path, ["보안 문서"], name="drm.hwp", **flags)
    error = _error(path)
    assert error.code == "drm" and "DRM" in error.message_ko


def test_password_flag_is_refused(tmp_path):
    assert _error(_write(tmp_path, ["비밀"], name="pw.hwp", password=True)).code == "encrypted"


def _damaged_cases(tmp_path: Path) -> dict[str, bytes]:
    good = build_hwp5(["본문 " * 3000, "둘째 문단"])
    broken_deflate = build_hwp5(["본문"], extra_streams={"BodyText/Section0": b"\xff" * 300})
    header = bytearray(256)
    header[0:17] = b"HWP Document File"
    return {
        "garbage.hwp": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8,
        "not_ole.hwp": b"HWP Document File V2.10 \x1a\x01\x02\x03\x04\x05" + bytes(2000),  # (3.00: test_hwp3)
        "cut_ole.hwp": good[: len(good) // 3],
        "no_header.hwp": build_cfb({"DocInfo": b"", "BodyText/Section0": b""}),
        "bad_signature.hwp": build_cfb({"FileHeader": bytes(256), "BodyText/Section0": b""}),
        "no_sections.hwp": build_cfb({"FileHeader": bytes(header)[:32] + b"\x00\x03\x00\x05" + bytes(220)}),
        "broken_deflate.hwp": broken_deflate,
        "bad_distribution.hwp": build_hwp5(["본문"], distribution=True,
                                           extra_streams={"ViewText/Section0": b"\x00" * 300}),
    }


def test_damaged_files_say_so_in_korean(tmp_path):
    for name, data in _damaged_cases(tmp_path).items():
        path = tmp_path / name
        path.write_bytes(data)
        error = _error(path)
        assert error.code == "damaged", (name, error.message)
        assert _korean_only(error, path), (name, error.message_ko)


def test_truncated_files_never_crash(tmp_path):
    """Cut anywhere: the text read so far with a warning, or "damaged" — never a traceback."""
    source = REAL / "hwp" / "통합재정통계(2010.11월).hwp"
    data = source.read_bytes()
    outcomes = set()
    for keep in (0.1, 0.25, 0.5, 0.75, 0.9, 0.97):
        path = tmp_path / f"cut{int(keep * 100)}.hwp"
        path.write_bytes(data[: int(len(data) * keep)])
        try:
            doc = extract_file(path)
        except ReadError as error:
            assert error.code == "damaged", error.message
            assert _korean_only(error, path), error.message_ko
            outcomes.add("damaged")
        else:
            assert doc.text
            outcomes.add("read")
    assert "damaged" in outcomes


def test_cut_section_keeps_the_text_before_the_cut(tmp_path):
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    records = section_records([f"문단 {n} " + "내용 " * 50 for n in range(200)])
    packed = packer.compress(records) + packer.flush()
    data = build_hwp5(["x"], extra_streams={"BodyText/Section0": packed[: len(packed) // 2]})
    path = tmp_path / "cut.hwp"
    path.write_bytes(data)
    doc = extract_file(path)
    assert doc.text.startswith("문단 0 내용")
    assert "문단 199" not in doc.text
    [(english, korean)] = doc.warnings
    assert "cut off" in english and "잘렸거나" in korean


def test_decompression_bomb_is_refused(tmp_path, monkeypatch):
    """A small file whose text inflates past the budget (512 MB; 1 MB here) is refused."""
    assert container.MAX_INFLATED == 512 * 1024 * 1024
    path = _write(tmp_path, ["가" * 200_000] * 4, name="bomb.hwp")  # 1.6 MB of text
    assert len(path.read_bytes()) < 50_000
    with pytest.raises(Hwp5Error) as info:
        read_document(path.read_bytes(), max_inflated=1_000_000)
    assert info.value.code == "too_large"
    monkeypatch.setattr(container, "MAX_INFLATED", 1_000_000)
    error = _error(path)
    assert error.code == "too_large" and "압축" in error.message_ko


def test_hwpx_content_with_hwp_name_is_named(tmp_path):
    data = files.make_hwpx(tmp_path / "real.hwpx", "# 제목\n\n본문").read_bytes()
    with pytest.raises(ReadError) as info:
        read_hwp(tmp_path / "mislabelled.hwp", data)
    assert info.value.code == "damaged" and ".hwpx" in info.value.message
