"""Private-use characters: Hancom's symbols and the Symbol/Wingdings bullets.

HWP and HWPX keep circled numbers, seals and bullets as private-use code
points (U+F02B1 "󰊱" for ①), which every other program shows as a box and no
search finds. ``resources/private_use.tsv`` maps the known ones to their
Unicode look-alikes; unknown ones in the supplementary private-use planes
are dropped and counted so the ingest report can say so. Private-use
characters of the BMP are kept: they may be old Hangul (Hanyang encoding).
"""

from __future__ import annotations

import re
from functools import lru_cache

from workbench.core.resources import resources_dir

_SUPPLEMENTARY_PUA = re.compile("[\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
_ANY_PUA = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    mapping: dict[str, str] = {}
    for line in (resources_dir() / "private_use.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        first, _, last = cells[0].partition("..")
        start = int(first.removeprefix("U+"), 16)
        end = int(last.removeprefix("U+"), 16) if last else start
        replacement = cells[1]
        for n, code in enumerate(range(start, end + 1)):
            mapping[chr(code)] = chr(ord(replacement) + n) if end > start else replacement
    return mapping


def map_private_use(text: str) -> tuple[str, int]:
    """(text with known symbols replaced and unknown supplementary ones dropped, how many dropped)."""
    if not _ANY_PUA.search(text):
        return text, 0
    known = table()
    text = _ANY_PUA.sub(lambda m: known.get(m.group(), m.group()), text)
    dropped = len(_SUPPLEMENTARY_PUA.findall(text))
    return (_SUPPLEMENTARY_PUA.sub("", text), dropped) if dropped else (text, 0)
