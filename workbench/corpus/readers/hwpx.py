"""HWPX (OWPML), the XML format of Hancom Office 2014 and later.

A zip of ``Contents/section*.xml``. Paragraphs are ``hp:p`` with text in
``hp:t``; tables sit inside a paragraph's run (``hp:run/hp:tbl``) with rows
``hp:tr`` and cells ``hp:tc``; footnotes (``hp:footNote``) hold their own
paragraphs. Heading levels come from outline styles ("개요 N"/"Outline N") in
``Contents/header.xml``.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from workbench.core.models import BlockKind
from workbench.corpus.readers import ReaderResult
from workbench.corpus.readers.ooxml import damaged_error, encrypted_error, open_zip
from workbench.corpus.structure import RawPart

_HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"
_HH = "http://www.hancom.co.kr/hwpml/2011/head"
_P, _T, _TBL, _TR, _TC = (f"{{{_HP}}}{n}" for n in ("p", "t", "tbl", "tr", "tc"))
_NOTES = {f"{{{_HP}}}{n}" for n in ("footNote", "endNote")}
_SKIP_TEXT = {f"{{{_HP}}}{n}" for n in ("footNote", "endNote", "tbl", "header", "footer", "pic",
                                        "container", "ole", "equation", "fieldBegin")}
_OUTLINE_RE = re.compile(r"(개요|Outline)\s*(\d+)", re.IGNORECASE)
_SECTION_RE = re.compile(r"Contents/section(\d+)\.xml$")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def _outline_styles(archive: zipfile.ZipFile) -> dict[str, int]:
    try:
        root = etree.fromstring(archive.read("Contents/header.xml"), _PARSER)
    except (KeyError, etree.XMLSyntaxError):
        return {}
    levels = {}
    for style in root.iter(f"{{{_HH}}}style"):
        for name in (style.get("name") or "", style.get("engName") or ""):
            match = _OUTLINE_RE.search(name)
            if match:
                levels[style.get("id")] = int(match.group(2))
                break
    return levels


def _own_text(p: etree._Element) -> str:
    """Text of a paragraph, leaving out tables, notes and drawings inside it."""
    pieces: list[str] = []

    def visit(el: etree._Element) -> None:
        for child in el:
            if child.tag in _SKIP_TEXT:
                continue
            if child.tag == _T:
                pieces.append(child.text or "")
                for sub in child:  # hp:tab, hp:lineBreak … inside hp:t
                    local = etree.QName(sub).localname
                    pieces.append("\t" if local == "tab" else " " if local in ("lineBreak", "nbSpace", "fwSpace") else "")
                    pieces.append(sub.tail or "")
            else:
                visit(child)

    visit(p)
    return "".join(pieces).replace("\t", " ")


def _cell_text(tc: etree._Element) -> str:
    return " ".join(_own_text(p) for p in tc.iter(_P) if _nearest(p, _TC) is tc)


def _nearest(el: etree._Element, tag: str) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _table(tbl: etree._Element) -> list[list[str]]:
    rows = []
    for tr in tbl.iter(_TR):
        if _nearest(tr, _TBL) is tbl:
            rows.append([_cell_text(tc) for tc in tr if tc.tag == _TC])
    return rows


def _paragraph_parts(p: etree._Element, outline: dict[str, int]) -> list[RawPart]:
    parts: list[RawPart] = []
    text = _own_text(p)
    level = outline.get(p.get("styleIDRef", ""), 0)
    if text.strip():
        parts.append(RawPart(text, BlockKind.HEADING if level else BlockKind.PARAGRAPH, level))
    for el in p.iter():
        if el.tag == _TBL and _nearest(el, _TBL) is None:
            parts.append(RawPart(rows=_table(el)))
        elif el.tag in _NOTES:
            note = " ".join(_own_text(q) for q in el.iter(_P)).strip()
            if note:
                parts.append(RawPart(note, BlockKind.FOOTNOTE))
    return parts


def parse_hwpx(path: Path, archive: zipfile.ZipFile) -> list[RawPart]:
    sections = sorted(
        (int(m.group(1)), name) for name in archive.namelist() if (m := _SECTION_RE.search(name))
    )
    if not sections:
        raise damaged_error(path, "no Contents/section*.xml in the package")
    outline = _outline_styles(archive)
    parts: list[RawPart] = []
    for _, name in sections:
        try:
            root = etree.fromstring(archive.read(name), _PARSER)
        except etree.XMLSyntaxError as exc:
            raise damaged_error(path, f"{name}: {exc}") from exc
        for p in root:
            if p.tag == _P:
                parts.extend(_paragraph_parts(p, outline))
    return parts


def read_hwpx(path: Path, data: bytes) -> ReaderResult:
    archive = open_zip(path, data, "HWPX")
    if _is_encrypted(archive):
        raise encrypted_error(path)
    return ReaderResult(parse_hwpx(path, archive), paragraph_gap=True)


def _is_encrypted(archive: zipfile.ZipFile) -> bool:
    """HWPX marks encrypted parts in META-INF/manifest.xml with encryption-data."""
    try:
        manifest = archive.read("META-INF/manifest.xml")
    except KeyError:
        return False
    return b"encryption-data" in manifest
