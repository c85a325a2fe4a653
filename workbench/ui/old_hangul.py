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
tooltip and the data. A jamo with no letter of its own is spelled by its
parts (ᄙ → ㄹㄹ, ꥠ → ㄷㅁ), and every letter put in is checked against the
font, so nothing is left to draw as a box. Either way the analyst reads a title, not a box.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QRawFont

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
def _spell(part: str) -> str | None:
    """A jamo's name (without "HANGUL CHOSEONG " and the like) in compatibility letters:
    the letter of that name when Unicode has one (PIEUP-SIOS-KIYEOK → ㅴ), else its parts
    (NIEUN-KIYEOK → ㄴㄱ, SSANGRIEUL → ㄹㄹ, KAPYEOUNRIEUL → ㄹㅇ, the light consonant's
    ieung written after it, CHITUEUMSIOS → ㅅ); None when a part has no letter."""
    try:
        return unicodedata.lookup("HANGUL LETTER " + part)
    except KeyError:
        pass
    if "-" in part:
        pieces = [_spell(piece) for piece in part.split("-")]
        return None if None in pieces else "".join(pieces)
    for prefix, make in (("SSANG", lambda s: s * 2), ("KAPYEOUN", lambda s: s + "\u3147"),
                         ("CHITUEUM", lambda s: s), ("CEONGCHIEUM", lambda s: s)):
        if part.startswith(prefix) and len(part) > len(prefix):
            rest = _spell(part[len(prefix):])
            return None if rest is None else make(rest)
    return None


@lru_cache(maxsize=512)
def _letter(ch: str) -> str:
    """ᆞ (JUNGSEONG ARAEA) → ㆍ (LETTER ARAEA), ᄙ → ㄹㄹ…; the fillers → nothing; an unnamed one stays."""
    name = unicodedata.name(ch, "")
    if "FILLER" in name:
        return ""
    for part in ("CHOSEONG ", "JUNGSEONG ", "JONGSEONG "):
        if part in name:
            return _spell(name.split(part, 1)[1]) or ch
    return ch


# A letter the font lacks → what stands for it (ㆍ is in every Nanum font; a font without it has the dot).
_STAND_INS = {"\u318d": "\u00b7", "\u318e": "\u00b7\u3163"}


def _in_font(letters: str, metrics: QFontMetrics) -> str:
    """``letters`` with each one the font (with Qt's fallback fonts) cannot draw replaced by its stand-in."""
    return "".join(ch if metrics.inFontUcs4(ord(ch)) else _STAND_INS.get(ch, ch) for ch in letters)


def readable(text: str, font: QFont) -> str:
    """``text`` as it can be read in ``font``: unchanged when its Old Hangul can be drawn,
    else with the conjoining jamo spelled out as compatibility letters (ᄒᆞᆫ글 → ㅎㆍㄴ글)
    that the font draws (checked with ``QFontMetrics.inFontUcs4``: no tofu box)."""
    if not has_conjoining_jamo(text) or drawable(text, font):
        return text
    metrics = QFontMetrics(font)
    return _JAMO.sub(lambda m: _in_font(_letter(m.group(0)), metrics), text)
