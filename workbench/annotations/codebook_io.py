"""Codebook interchange: CSV and REFI-QDA ``.qdc`` (``urn:QDA-XML:codebook:1.0``)
so a codebook moves to and from Taguette, spreadsheets, NVivo, MAXQDA, ATLAS.ti
and QualCoder. Works on plain rows, never on the database.

CSV: ``tag,description,color``, ``tag`` holding the full path ("정책 / 규제").
Taguette's importer (taguette/import_codebook.py) takes the tag from the one
column named ``tag``, ``name`` or ``path`` and refuses a file that has more
than one of them ("Not sure which column to use for tag name"), and reads
``description``; Taguette's own export is ``tag,description,number of
highlights,number of documents``. So the file has exactly one name column,
and reading accepts any of them (``path`` first, then ``tag``, ``name`` and
our older ``code``), with or without ``color``. The cells are not
formula-neutralised: an apostrophe would become part of the tag's name in
Taguette.

A file that says nothing about a code's colour or description says None /
"" here, so importing it never resets what the project already has.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from dataclasses import dataclass

from lxml import etree

from workbench.core.xmltext import clean

QDC_NS = "urn:QDA-XML:codebook:1.0"
SEPARATOR = " / "
NAME_COLUMNS = ("path", "tag", "name", "code")  # the first one present names the tag
_RGB_RE = re.compile(r"#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})")


@dataclass(frozen=True, slots=True)
class CodeRow:
    path: tuple[str, ...]  # ("Policy", "Regulation")
    color: str | None = None  # None: the file does not say
    description: str = ""
    guid: str | None = None  # the project's stable GUID (core.ids), or the file's


def valid_color(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if _RGB_RE.fullmatch(value) else None


def _path(text: str) -> tuple[str, ...]:
    """"정책 / 규제" and "정책/규제" are one path, as the tag picker reads them."""
    return tuple(part.strip() for part in clean(text).split(SEPARATOR.strip()) if part.strip())


def to_csv(rows: list[CodeRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["tag", "description", "color"])
    for row in rows:
        writer.writerow([clean(SEPARATOR.join(row.path)), clean(row.description), row.color or ""])
    return "\ufeff" + out.getvalue()  # a BOM, so Excel reads the Korean right


def from_csv(text: str) -> list[CodeRow]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [cell.strip().lower() for cell in next(reader, [])]
    name_column = next((header.index(c) for c in NAME_COLUMNS if c in header), None)
    if name_column is None:
        raise ValueError("no 'tag', 'path', 'name' or 'code' column")

    def cell(record: list[str], *names: str) -> str:
        for name in names:
            if name in header and header.index(name) < len(record):
                return record[header.index(name)]
        return ""

    rows = []
    for record in reader:
        path = _path(record[name_column]) if name_column < len(record) else ()
        if path:
            rows.append(CodeRow(path, valid_color(cell(record, "color", "colour")),
                                clean(cell(record, "description")).strip()))
    return rows


def to_qdc(rows: list[CodeRow], names: dict[tuple[str, ...], str] | None = None) -> bytes:
    """``names``: the name to write for a path, where it is not the path's last
    part (unique code names for QualCoder, chosen by the caller)."""
    names = names or {}
    root = etree.Element(f"{{{QDC_NS}}}CodeBook", nsmap={None: QDC_NS}, origin="Workbench")
    codes = etree.SubElement(root, f"{{{QDC_NS}}}Codes")
    nodes: dict[tuple[str, ...], etree._Element] = {}
    for row in sorted(rows, key=lambda r: len(r.path)):
        parent = nodes.get(row.path[:-1], codes)
        attrs = {"guid": row.guid or str(uuid.uuid4()), "name": clean(names.get(row.path, row.path[-1])),
                 "isCodable": "true"}
        if (color := valid_color(row.color)) is not None:
            attrs["color"] = color
        code = etree.SubElement(parent, f"{{{QDC_NS}}}Code", attrs)
        if row.description:
            etree.SubElement(code, f"{{{QDC_NS}}}Description").text = clean(row.description)
        nodes[row.path] = code
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def from_qdc(data: bytes) -> list[CodeRow]:
    """Nesting is the file's: a top-level code stays top-level, whatever its
    name. Taguette writes its codes flat, with no colour and an empty
    ``<Sets/>``."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    rows: list[CodeRow] = []

    def walk(element, path: tuple[str, ...]) -> None:
        for code in element:
            if not isinstance(code.tag, str) or etree.QName(code).localname != "Code":
                continue
            name = clean(code.get("name", "")).strip()
            if not name:
                continue
            here = (*path, name)
            description = "".join(d.text or "" for d in code
                                  if isinstance(d.tag, str) and etree.QName(d).localname == "Description")
            rows.append(CodeRow(here, valid_color(code.get("color")), description.strip(), code.get("guid")))
            walk(code, here)

    for codes in root:
        if isinstance(codes.tag, str) and etree.QName(codes).localname == "Codes":
            walk(codes, ())
    return rows
