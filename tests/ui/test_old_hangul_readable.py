"""Old Hangul where no installed font draws it, as the analyst reads it: every
conjoining jamo is spelled out with letters the window's font has (no tofu box),
in the titles and in the reader's outline, the exact text kept in the tooltip.

On this machine (fonts-nanum) every Nanum font has the compatibility letters,
ㆍ (U+318D) included — checked with QFontMetrics.inFontUcs4 and fc-query — but
none has arae-a as a conjoining jamo (U+119E) nor the other Old Hangul jamo:
216 of them (ᄓ, ᄙ, ᆢ, ꥠ…) were left as they were and drawn as boxes."""

from __future__ import annotations

import unicodedata

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics

from workbench.services import projects
from workbench.services.documents import list_documents, show_document
from workbench.services.ingest import ingest
from workbench.services.jobs import run_job
from workbench.ui.old_hangul import drawable, has_conjoining_jamo, readable
from workbench.ui.reader import ReaderPane

pytestmark = pytest.mark.gui

JAMO = [chr(c) for c in [*range(0x1100, 0x1200), *range(0xA960, 0xA980), *range(0xD7B0, 0xD800)]
        if unicodedata.name(chr(c), "") and "FILLER" not in unicodedata.name(chr(c))]


def drawn(text: str, font: QFont) -> bool:
    """Whether every character of ``text`` is drawn from a real glyph in ``font`` (fallback fonts included)."""
    metrics = QFontMetrics(font)
    return all(metrics.inFontUcs4(ord(ch)) for ch in text if not ch.isspace())


def test_every_old_hangul_letter_is_spelled_with_letters_the_font_draws(qapp):
    font = QFont()
    missing = [ch for ch in JAMO if not drawable(ch, font)]
    assert missing, "this machine has an Old Hangul font: nothing to spell out"
    boxes = [(f"U+{ord(ch):04X}", unicodedata.name(ch), readable(ch, font)) for ch in missing
             if has_conjoining_jamo(readable(ch, font)) or not drawn(readable(ch, font), font) or not readable(ch, font)]
    assert not boxes, boxes[:10]


@pytest.mark.parametrize("old, spelled", [
    ("ᄒᆞᆫ글", "ㅎㆍㄴ글"),  # arae-a: ㆍ, which the Nanum fonts have
    ("ᄠᅡ", "ㅳㅏ"),  # a cluster with a letter of its own
    ("ᄙᆞ", "ㄹㄹㆍ"),  # ssang-rieul has none: two rieul
    ("ᄫᅵ", "ㅸㅣ"),  # light pieup
    ("ᄛᅡ", "ㄹㅇㅏ"),  # light rieul: written with ieung below it
    ("ᄀᆢ", "ㄱㆍㆍ"),  # ssang-arae-a
    ("ꥠᅡ", "ㄷㅁㅏ"),  # Hangul Jamo Extended-A
    ("ᄌᆞᇰ", "ㅈㆍㆁ"),  # yes-ieung
])
def test_old_hangul_spelled_out(qapp, old, spelled):
    font = QFont()
    if drawable(old, font):
        pytest.skip("an Old Hangul font is installed")
    assert readable(old, font) == spelled
    assert drawn(spelled, font)


def test_arae_a_falls_back_to_a_dot_in_a_font_without_it(qapp):
    font = QFont("DejaVu Sans")
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)  # DejaVu alone: no Hangul at all
    assert not QFontMetrics(font).inFontUcs4(0x318D)
    assert readable("ᆞ", font) == "·"


@pytest.fixture
def old_document(qtbot, tmp_path):
    project = projects.open_project(tmp_path / "p")
    source = tmp_path / "hunmin.md"
    source.write_text("ᄒᆞᆫ글 옛 문서 모음\n\n머리말입니다.\n\n# ᄀᆞᄅᆞ침의 차례\n\n첫째 본문.\n\n"
                      "## ᄫᅵ와 ᄙᆞ\n\n둘째 본문.\n", encoding="utf-8")
    run_job(ingest(project, [source]))
    doc = list_documents(project)[0]
    return show_document(project, str(doc.id))


def test_the_outline_of_an_old_hangul_document_has_no_boxes(qtbot, old_document):
    pane = ReaderPane("left")
    qtbot.addWidget(pane)
    pane.show()
    pane.load(old_document, [], set())
    font = pane.outline.font()
    if drawable("ᄒᆞᆫ글ᄫᅵᄙ", font):
        pytest.skip("an Old Hangul font is installed")
    items = [pane.outline.itemText(i) for i in range(pane.outline.count())]
    assert len(items) == 3, items
    assert [i.strip() for i in items] == ["ㅎㆍㄴ글 옛 문서 모음", "ㄱㆍㄹㆍ침의 차례", "ㅸㅣ와 ㄹㄹㆍ"]
    assert all(drawn(i, font) for i in items)
    exact = [pane.outline.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(pane.outline.count())]
    assert [t.strip() for t in exact] == ["ᄒᆞᆫ글 옛 문서 모음", "ᄀᆞᄅᆞ침의 차례", "ᄫᅵ와 ᄙᆞ"]  # the exact text stays
    pane.outline.setCurrentIndex(2)
    assert drawn(pane.outline.currentText(), font)
