"""REFI-QDA project (.qdpx) for NVivo, MAXQDA and ATLAS.ti: a zip holding
``project.qde`` (``urn:QDA-XML:project:1.0``) with the codebook, the text
sources and the codings as character positions, and each source's text under
``sources/``."""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from workbench.export.atomic import write_atomically
from workbench.export.safety import clean

NS = "urn:QDA-XML:project:1.0"


@dataclass(slots=True)
class QdaCode:
    key: tuple  # what codings refer to it by (the tag's id: names repeat across the tree)
    path: tuple[str, ...]
    color: str
    description: str


@dataclass(slots=True)
class QdaSource:
    doc_id: int
    name: str
    text: str


@dataclass(slots=True)
class QdaCoding:
    doc_id: int
    start: int  # code points
    end: int
    codes: list[tuple]  # keys of QdaCode
    note: str


def _guid() -> str:
    return str(uuid.uuid4())


def build_project(name: str, codes: list[QdaCode], sources: list[QdaSource], codings: list[QdaCoding]) -> tuple[bytes, dict[str, str]]:
    root = etree.Element(f"{{{NS}}}Project", nsmap={None: NS}, name=name, origin="Workbench",
                         creationDateTime=datetime.now(timezone.utc).replace(microsecond=0).isoformat())
    codebook = etree.SubElement(root, f"{{{NS}}}CodeBook")
    code_parent = etree.SubElement(codebook, f"{{{NS}}}Codes")
    by_key: dict[tuple, str] = {}
    elements: dict[tuple[str, ...], etree._Element] = {}
    for code in sorted(codes, key=lambda c: len(c.path)):
        # Nested under its parent's element: the parent is the live tag with the path one shorter.
        parent = elements.get(code.path[:-1], code_parent) if code.key[0] == "tag" else code_parent
        guid = _guid()
        element = etree.SubElement(parent, f"{{{NS}}}Code", guid=guid, name=clean(code.path[-1]), isCodable="true",
                                   color=code.color)
        if code.description:
            etree.SubElement(element, f"{{{NS}}}Description").text = clean(code.description)
        by_key[code.key] = guid
        if code.key[0] == "tag":
            elements[code.path] = element
    files: dict[str, str] = {}
    sources_el = etree.SubElement(root, f"{{{NS}}}Sources")
    for source in sources:
        guid = _guid()
        files[f"sources/{guid}.txt"] = source.text
        text_el = etree.SubElement(sources_el, f"{{{NS}}}TextSource", guid=guid, name=source.name,
                                   plainTextPath=f"internal://{guid}.txt")
        for coding in (c for c in codings if c.doc_id == source.doc_id):
            selection = etree.SubElement(text_el, f"{{{NS}}}PlainTextSelection", guid=_guid(),
                                         name=clean(source.text[coding.start:coding.end][:60]),
                                         startPosition=str(coding.start), endPosition=str(coding.end))
            if coding.note:  # XML allows no control characters: an analyst's note may hold one
                etree.SubElement(selection, f"{{{NS}}}Description").text = clean(coding.note)
            for key in coding.codes:
                if key in by_key:
                    coding_el = etree.SubElement(selection, f"{{{NS}}}Coding", guid=_guid())
                    etree.SubElement(coding_el, f"{{{NS}}}CodeRef", targetGUID=by_key[key])
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True), files


def write_qdpx(path: Path, name: str, codes: list[QdaCode], sources: list[QdaSource], codings: list[QdaCoding]) -> None:
    xml, files = build_project(name, codes, sources, codings)

    def write(temp: Path) -> None:
        with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("project.qde", xml)
            for member, text in files.items():
                archive.writestr(member, text.encode("utf-8"))

    write_atomically(Path(path), write)
