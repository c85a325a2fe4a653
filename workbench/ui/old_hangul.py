"""Old Hangul in the charts' document picker and labels.

A title such as "ᄒᆞᆫ글" is written with conjoining jamo (U+1100–11FF,
A960–A97F, D7B0–D7FF: NFC leaves them as they are, since no precomposed
syllable has arae-a). Only fonts made for Old Hangul draw them as one block:
함초롬돋움/바탕, Noto Sans CJK KR (Source Han Sans), Malgun Gothic, Apple SD
Gothic Neo. NanumGothic, the font most Linux machines have, has the modern
jamo but not U+119E (ᆞ), and the others nothing: a tofu box.

So a widget that may show such a title gets a family list with an Old Hangul
font first when the system has one (``QFont.setFamilies``); when none has the
letters, the title is shown with its jamo spelled out as compatibility letters
("ㅎㆍㄴ글"), which every Korean font has, and the exact title stays in the
tooltip and the data. Either way the analyst reads a title, not a box.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

# Fonts that draw Old Hangul, best first (each is checked for the letters, not trusted by name).
OLD_HANGUL_FONTS = ("HCR Dotum", "함초롬돋움", "Noto Sans CJK KR", "Source Han Sans K", "Source Han Sans KR",
                    "Noto Sans KR", "Malgun Gothic", "맑은 고딕", "Apple SD Gothic Neo", "NanumBarunGothic YetHangul",
                    "나눔바른고딕 옛한글", "HCR Batang", "함초롬바탕", "Noto Serif CJK KR")
_JAMO = re.compile("[\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]")
_PROBE = "\u1112\u119e\u11ab"  # ᄒᆞᆫ: a choseong, arae-a and a jongseong


def has_conjoining_jamo(text: str) -> bool:
    return bool(_JAMO.search(text))


@lru_cache(maxsize=64)
def _supports(family: str, text: str) -> bool:
    """Whether the installed font ``family`` has every character of ``text`` (a family
    that is not installed would be answered for by whatever font stands in for it)."""
    if family not in QFontDatabase.families():
        return False
    raw = QRawFont.fromFont(QFont(family))
    return raw.isValid() and all(raw.supportsCharacter(ord(ch)) for ch in text)


@lru_cache(maxsize=1)
def old_hangul_family() -> str | None:
    """The first installed font that draws Old Hangul, or None."""
    return next((f for f in OLD_HANGUL_FONTS if _supports(f, _PROBE)), None)


def with_old_hangul(font: QFont) -> QFont:
    """``font`` with an Old Hangul font put first in its family list, when there is one."""
    family = old_hangul_family()
    if family is None:
        return font
    font = QFont(font)
    font.setFamilies([family, *[f for f in font.families() if f != family]])
    return font


def drawable(text: str, font: QFont) -> bool:
    """Whether some family of ``font`` draws every conjoining jamo in ``text``."""
    letters = "".join(sorted(set(_JAMO.findall(text))))
    return not letters or any(_supports(f, letters) for f in font.families() or [font.family()])


@lru_cache(maxsize=512)
def _letter(ch: str) -> str:
    """ᆞ (JUNGSEONG ARAEA) → ㆍ (LETTER ARAEA); the fillers → nothing; an unnamed one stays."""
    name = unicodedata.name(ch, "")
    if "FILLER" in name:
        return ""
    for part in ("CHOSEONG ", "JUNGSEONG ", "JONGSEONG "):
        if part in name:
            try:
                return unicodedata.lookup("HANGUL LETTER " + name.split(part, 1)[1])
            except KeyError:
                return ch
    return ch


def readable(text: str, font: QFont) -> str:
    """``text`` as it can be read in ``font``: unchanged when its Old Hangul can be drawn,
    else with the conjoining jamo spelled out as compatibility letters (ᄒᆞᆫ글 → ㅎㆍㄴ글)."""
    if not has_conjoining_jamo(text) or drawable(text, font):
        return text
    return _JAMO.sub(lambda m: _letter(m.group(0)), text)
