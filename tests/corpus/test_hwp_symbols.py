"""Symbol-font and Hancom private-use characters in HWP and HWPX text become the characters
they show ("수립\\uf09e시행" → "수립·시행"), or go when nothing is known of them; old Hangul
(Hanyang private-use code points) stays."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.corpus.test_hwp_nested import _hwpx, _p, _t, _tbl
from tests.helpers.hwp5 import HwpParagraph, HwpTable, build_hwp5
from workbench.corpus.extract import extract_file
from workbench.corpus.hwp5.symbols import map_font_symbols


def test_hwpx_wingdings_dot_and_unknown_symbol(tmp_path):
    body = _p(_t("계획 수립\uf09e시행")) + _p(_t("\uf0a7 점검 \uf0aa항목")) + _p(_tbl(
        [[_p(_t("구분")), _p(_t("\U000f0854보고서\U000f0855"))], [_p(_t("가")), _p(_t("\uf09e 나"))]]))
    doc = extract_file(_hwpx(tmp_path, body))
    assert doc.text == "계획 수립·시행\n\n▪ 점검 항목\n\n구분\t『보고서』\n가\t· 나"
    assert not any("\ue000" <= ch <= "\uf8ff" for ch in doc.text)


def test_hwp_symbols_in_paragraphs_and_nested_cells(tmp_path):
    inner = HwpTable([["\uf09e 가", "나"], ["다", "\U000f02b1 라"]])
    outer = HwpTable([["구분", [HwpParagraph("내역", tables=[inner])]], ["합계", "\uf0e8 1"]])
    path = tmp_path / "s.hwp"
    path.write_bytes(build_hwp5(["수립\uf09e시행", HwpParagraph("", tables=[outer]), "ᄒᆞᆫ글 \uf53a"]))
    doc = extract_file(path)
    [table] = [b for b in doc.blocks if b.meta.get("rows")]
    assert table.meta["rows"] == [["구분", "내역 · 가 나 다 ① 라"], ["합계", "➔ 1"]]
    assert table.meta["nested"][0]["rows"] == [["· 가", "나"], ["다", "① 라"]]
    assert doc.text.startswith("수립·시행") and doc.text.endswith("ᄒᆞᆫ글 \uf53a")  # Hanyang PUA kept


@given(st.text(alphabet=st.characters(min_codepoint=0xE000, max_codepoint=0xF8FF) | st.sampled_from("가나 ·")))
def test_no_symbol_font_character_is_left(text):
    mapped = map_font_symbols(text)
    assert not any("\uf000" <= ch <= "\uf0ff" for ch in mapped)
    assert map_font_symbols(mapped) == mapped
