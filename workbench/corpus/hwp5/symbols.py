"""Private-use characters in HWP and HWPX text, mapped before the document is assembled.

Hangul stores a character typed in a symbol font (Wingdings, Symbol) as the
font's byte in the U+F000–U+F0FF block: "수립\\uf09e시행" is "수립·시행" in
Wingdings, shown as a box by every other program and found by no search.
In HWP and HWPX that block is only ever a symbol font's — Hangul's old-Hangul
(Hanyang) private-use code points lie elsewhere (U+E0BC–U+EFFF, U+F100–…),
and are left alone. Each character of the block is mapped to its Unicode
equivalent where one is known (``resources/private_use.tsv``, then the
Wingdings bullets below) and dropped where none is: a bullet nobody can read
is better gone than left as a box in the middle of a word.

Hancom's own symbols in the supplementary planes (U+F02B1 "①" …) are mapped
when the document is assembled (:mod:`workbench.corpus.symbols`, which drops
and counts the unknown ones); the pairs below are added here because they
come in pairs around titles and defined terms ("󰡔범교과 학습의 체계화 방안
연구󰡕", "(이하 󰡒도지사󰡓라 한다)") and are the corner brackets of Hangul's
symbol chart.
"""

from __future__ import annotations

import re

from workbench.corpus.symbols import table

_FONT_BLOCK = re.compile("[\uf000-\uf0ff\U000f0852-\U000f0855]")
_MORE = {
    "\uf09e": "·",  # Wingdings middle dot: "수립\uf09e시행"
    "\uf09f": "•",  # Wingdings bullet
    "\uf077": "⬥",  # Wingdings black medium diamond
    "\uf0fe": "☑",  # Wingdings ballot box with check
    "\U000f0852": "「", "\U000f0853": "」",  # Hancom corner brackets
    "\U000f0854": "『", "\U000f0855": "』",  # Hancom white corner brackets
}


def map_font_symbols(text: str) -> str:
    """``text`` with the symbol-font characters mapped (or dropped when unknown)."""
    if not _FONT_BLOCK.search(text):
        return text
    known = table()
    return _FONT_BLOCK.sub(lambda m: known.get(m.group()) or _MORE.get(m.group(), ""), text)
