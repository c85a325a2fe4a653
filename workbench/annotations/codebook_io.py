"""Codebook interchange: CSV (name path, colour, description) and REFI-QDA
``.qdc`` (``urn:QDA-XML:codebook:1.0``) so a codebook moves to and from NVivo,
MAXQDA and ATLAS.ti. Works on plain rows, never on the database."""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass

from lxml import etree

QDC_NS = "urn:QDA-XML:codebook:1.0"
SEPARATOR = " / "


@dataclass(frozen=True, slots=True)
class CodeRow:
    path: tuple[str, ...]  # ("Policy", "Regulation")
    color: str = "#4E79A7"
    description: str = ""


def to_csv(rows: list[CodeRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["code", "color", "description"])
    for row in rows:
        writer.writerow([SEPARATOR.join(row.path), row.color, row.description])
    return "\ufeff" + out.getvalue()  # a BOM, so Excel reads the Korean right


def from_csv(text: str) -> list[CodeRow]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    rows = []
    for record in reader:
        path = tuple(p.strip() for p in (record.get("code") or "").split(SEPARATOR.strip()) if p.strip())
        if path:
            rows.append(CodeRow(path, (record.get("color") or "#4E79A7").strip(), (record.get("description") or "").strip()))
    return rows


def to_qdc(rows: list[CodeRow]) -> bytes:
    root = etree.Element(f"{{{QDC_NS}}}CodeBook", nsmap={None: QDC_NS}, origin="Workbench")
    codes = etree.SubElement(root, f"{{{QDC_NS}}}Codes")
    nodes: dict[tuple[str, ...], etree._Element] = {}
    for row in sorted(rows, key=lambda r: len(r.path)):
        parent = nodes.get(row.path[:-1], codes)
        code = etree.SubElement(parent, f"{{{QDC_NS}}}Code", guid=str(uuid.uuid4()), name=row.path[-1],
                                isCodable="true", color=row.color)
        if row.description:
            etree.SubElement(code, f"{{{QDC_NS}}}Description").text = row.description
        nodes[row.path] = code
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def from_qdc(data: bytes) -> list[CodeRow]:
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    rows: list[CodeRow] = []

    def walk(element, path: tuple[str, ...]) -> None:
        for code in element:
            if etree.QName(code).localname != "Code":
                continue
            here = (*path, code.get("name", "").strip())
            description = "".join(d.text or "" for d in code if etree.QName(d).localname == "Description")
            rows.append(CodeRow(here, code.get("color") or "#4E79A7", description.strip()))
            walk(code, here)

    for codes in root:
        if etree.QName(codes).localname == "Codes":
            walk(codes, ())
    return rows
