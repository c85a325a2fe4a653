"""Independent reference texts for the HWP and HWPX fixtures, as the page reads them.

- HWP: pyhwp's ``hwp5proc xml`` (made once by
  ``tests/fixtures/realfiles/make_references.py``, stored in ``reference/``):
  every paragraph's own text, then what is anchored in it (table cells at any
  depth, text boxes, footnotes), page headers and footers left out.
- HWPX: the section XML itself, by the same convention: a paragraph's ``hp:t``
  text in document order, with the objects that stand in its line
  (``treatAsChar="1"``) where they stand, and after it the objects placed
  beside it on the page (a floating table is drawn below the paragraph's first
  line: ``vertOffset`` from the paragraph's top), cells and boxes included.

Both keep Hancom's private-use symbols mapped as the app maps them (the
reference's "󰊱" is the app's "①", its "\uf09e" the app's "·": otherwise
every numbered heading would count as lost); symbols with no known mapping
are dropped from both sides.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from workbench.corpus.hwp5.symbols import map_font_symbols
from workbench.corpus.symbols import map_private_use

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "realfiles"
HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
_SKIP = {HP + "header", HP + "footer"}


def hwp_reference(path: Path) -> str:
    text = (REAL / "reference" / f"{path.name}.txt").read_text(encoding="utf-8")
    return _symbols(text)


def _paragraph_lines(p: etree._Element) -> list[str]:
    own: list[str] = []
    beside: list[str] = []

    def walk(el: etree._Element, sink: list[str]) -> None:
        for child in el:
            if child.tag in _SKIP or not isinstance(child.tag, str):
                continue
            if child.tag == HP + "t":
                sink.append("".join(child.itertext()))
            elif child.tag == HP + "p":
                sink.extend(_paragraph_lines(child))
            else:
                pos = child.find(HP + "pos")
                if pos is not None:  # a drawn object: a table, a shape with a text box, a picture
                    walk(child, sink if pos.get("treatAsChar") == "1" else beside)
                else:
                    walk(child, sink)

    walk(p, own)
    return own + beside


def hwpx_reference(data: bytes | Path) -> str:
    archive = zipfile.ZipFile(data if isinstance(data, Path) else __import__("io").BytesIO(data))
    names = [n for n in archive.namelist() if re.search(r"Contents/section\d+\.xml$", n)]
    names.sort(key=lambda n: int(re.search(r"(\d+)\.xml$", n).group(1)))
    lines: list[str] = []
    for name in names:
        root = etree.fromstring(archive.read(name), etree.XMLParser(huge_tree=True))
        for p in root:
            if p.tag == HP + "p":
                lines.extend(_paragraph_lines(p))
    return _symbols("\n".join(lines))


def _symbols(text: str) -> str:
    return map_private_use(map_font_symbols(text))[0]
