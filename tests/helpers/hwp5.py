"""Build real HWP 5.0 files: FileHeader, DocInfo, BodyText/Section0 records
(deflate-compressed as Hangul writes them) and the summary stream inside an
OLE compound file.

Paragraphs are plain strings or :class:`HwpParagraph` specs that carry tables
(with spans, captions and nested tables), footnotes, endnotes, text boxes,
running headers, hidden comments, 덧말, and outline levels by paragraph shape or by style.
Flags make password, DRM and 배포용 (distribution) documents; a distribution
document's sections are encrypted the way Hangul does it.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from tests.helpers.cfb import build_cfb

TAG_DOCUMENT_PROPERTIES = 16
TAG_PARA_SHAPE = 25
TAG_STYLE = 26
TAG_DISTRIBUTE_DOC_DATA = 28
TAG_PARA_HEADER = 66
TAG_PARA_TEXT = 67
TAG_CTRL_HEADER = 71
TAG_LIST_HEADER = 72
TAG_SHAPE_COMPONENT = 76
TAG_TABLE = 77
TAG_SHAPE_COMPONENT_RECTANGLE = 79

FLAG_COMPRESSED, FLAG_PASSWORD, FLAG_DISTRIBUTION, FLAG_DRM, FLAG_CERT_DRM = 1, 2, 4, 16, 1 << 10

# DocInfo as built here: paragraph shape 0 is plain, shape N (1-7) an outline
# head of level N; style 0 is 바탕글, style N (1-7) "개요 N" on the plain shape.
OUTLINE_STYLE_NAMES = [("바탕글", "Normal")] + [(f"개요 {n}", f"Outline {n}") for n in range(1, 8)]


@dataclass
class HwpTable:
    """``rows`` of cells; a cell is text or a list of paragraphs (str or HwpParagraph).
    ``spans`` maps (row, col) of a merged cell's top-left to (row_span, col_span);
    the cells it covers are left out of ``rows`` (give None for them)."""

    rows: list[list[object]]
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    caption: str | None = None


@dataclass
class HwpParagraph:
    text: str = ""
    outline: int = 0  # 1-7: the paragraph shape is an outline head of that level
    style_outline: int = 0  # 1-7: the paragraph has style "개요 N" (plain shape)
    tables: list[HwpTable] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    endnotes: list[str] = field(default_factory=list)
    textbox: list[str] = field(default_factory=list)  # a drawing object (rectangle) holding these paragraphs
    header: str | None = None  # a running page header
    footer: str | None = None
    hidden_comment: str | None = None  # 숨은 설명
    picture: bool = False  # a drawing object without text
    dutmal: tuple[str, str] | None = None  # 덧말: (main text, ruby text), placed after ``text``


def _record(tag: int, level: int, payload: bytes) -> bytes:
    size = len(payload)
    if size >= 0xFFF:
        return struct.pack("<II", tag | (level << 10) | (0xFFF << 20), size) + payload
    return struct.pack("<I", tag | (level << 10) | (size << 20)) + payload


def _deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def _chid(name: str) -> bytes:
    return name.encode("ascii")[::-1]


def _bstr(text: str) -> bytes:
    return struct.pack("<H", len(text)) + text.encode("utf-16-le")


def _control_chars(code: int, chid: str) -> bytes:
    """An extended control in PARA_TEXT: eight WCHARs (code, id, reserved, code)."""
    return struct.pack("<H", code) + _chid(chid) + bytes(8) + struct.pack("<H", code)


def _encode_text(text: str) -> bytes:
    """UTF-16LE as in PARA_TEXT: a tab is an inline control of eight WCHARs
    (code 9, width and leader, code 9); a line break is char control 10, as is "\n" here."""
    tab = struct.pack("<H", 9) + bytes(12) + struct.pack("<H", 9)
    return tab.join(piece.encode("utf-16-le") for piece in text.split("\t"))


def _paragraph(spec: str | HwpParagraph, level: int) -> bytes:
    p = HwpParagraph(spec) if isinstance(spec, str) else spec
    controls: list[tuple[int, str, bytes]] = []  # (char code, ctrl id, records under the CTRL_HEADER)
    for code, chid, text in ((16, "head", p.header), (16, "foot", p.footer), (15, "tcmt", p.hidden_comment)):
        if text is not None:
            controls.append((code, chid, _list(chid, [text], level + 2, b"")))
    for table in p.tables:
        controls.append((11, "tbl ", _table(table, level + 2)))
    for chid, notes in (("fn  ", p.footnotes), ("en  ", p.endnotes)):
        for note in notes:
            controls.append((17, chid, _list(chid, [note], level + 2, b"")))
    if p.textbox or p.picture:
        shape = _record(TAG_SHAPE_COMPONENT, level + 2, _chid("$rec") * 2 + bytes(40))
        inner = _list("box", p.textbox, level + 3, bytes(16)) if p.textbox else b""
        controls.append((11, "gso ", shape + inner + _record(TAG_SHAPE_COMPONENT_RECTANGLE, level + 3, bytes(33))))
    chars = b""
    ctrl_records = b""
    for code, chid, children in controls:  # objects anchored at the start of the paragraph
        chars += _control_chars(code, chid)
        ctrl_records += _record(TAG_CTRL_HEADER, level + 1, _chid(chid) + bytes(40)) + children
    chars += _encode_text(p.text)
    if p.dutmal:
        chars += _control_chars(23, "tdut")
        ctrl_records += _record(TAG_CTRL_HEADER, level + 1,
                                _chid("tdut") + _bstr(p.dutmal[0]) + _bstr(p.dutmal[1]) + bytes(20))
    chars += b"\r\x00"
    shape = p.outline
    style = p.style_outline
    header = struct.pack("<IIHBBHHHI", len(chars) // 2, 0, shape, style, 0, 1, 0, 1, 0)
    return _record(TAG_PARA_HEADER, level, header) + _record(TAG_PARA_TEXT, level + 1, chars) + ctrl_records


def _list(kind: str, paragraphs: list, level: int, extra: bytes) -> bytes:
    """A LIST_HEADER and its paragraphs, all at ``level``."""
    header = struct.pack("<HHI", len(paragraphs), 0, 0) + extra
    return _record(TAG_LIST_HEADER, level, header) + b"".join(_paragraph(q, level) for q in paragraphs)


def _table(table: HwpTable, level: int) -> bytes:
    out = b""
    if table.caption is not None:
        out += _list("caption", [table.caption], level, struct.pack("<IIHI", 3, 1000, 0, 1000))
    rows = len(table.rows)
    cols = max((len(r) for r in table.rows), default=0)
    body = struct.pack("<IHHH4H", 0x04000006, rows, cols, 0, 141, 141, 141, 141)
    body += struct.pack(f"<{rows}H", *[sum(c is not None for c in r) for r in table.rows])
    body += struct.pack("<HH", 1, 0)
    out += _record(TAG_TABLE, level, body)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            row_span, col_span = table.spans.get((r, c), (1, 1))
            paragraphs = [cell] if isinstance(cell, str) else list(cell)
            cell_attrs = struct.pack("<4HII4HHI", c, r, col_span, row_span, 5000, 1000, 141, 141, 141, 141, 1, 5000)
            out += _list("cell", paragraphs, level, cell_attrs)
    return out


def _docinfo() -> bytes:
    out = _record(TAG_DOCUMENT_PROPERTIES, 0, struct.pack("<H6H3I", 1, 1, 1, 1, 1, 1, 1, 0, 0, 0))
    for level in range(8):
        attr = 0 if level == 0 else (1 << 23) | ((level - 1) << 25)
        out += _record(TAG_PARA_SHAPE, 1, struct.pack("<I", attr) + bytes(50))
    for local, english in OUTLINE_STYLE_NAMES:
        out += _record(TAG_STYLE, 1, _bstr(local) + _bstr(english) + struct.pack("<BBhHHH", 0, 0, 1042, 0, 0, 0))
    return out


def _filetime(when: datetime) -> int:
    return int((when - datetime(1601, 1, 1, tzinfo=UTC)).total_seconds() * 10_000_000)


def build_summary(title: str = "", subject: str = "", author: str = "", keywords: str = "", comments: str = "",
                  created: datetime | None = None, modified: datetime | None = None) -> bytes:
    """A ``\\x05HwpSummaryInformation`` property set as Hangul writes it: every
    string a VT_LPWSTR (character count, then UTF-16LE), even the empty ones,
    and a year-1601 "never printed" date."""
    props: list[tuple[int, bytes]] = []
    for pid, text in ((2, title), (3, subject), (4, author), (5, keywords), (6, comments), (8, "user")):
        raw = (text + "\x00").encode("utf-16-le")
        raw += bytes(-len(raw) % 4)
        props.append((pid, struct.pack("<II", 0x1F, len(text) + 1) + raw))
    for pid, when in ((12, created), (13, modified), (11, None)):
        props.append((pid, struct.pack("<IQ", 0x40, _filetime(when) if when else 0)))
    props.append((14, struct.pack("<Ii", 0x03, 1)))
    table_size = 8 + 8 * len(props)
    offsets, values, pos = [], b"", table_size
    for pid, value in props:
        offsets.append(struct.pack("<II", pid, pos))
        values += value
        pos += len(value)
    section = struct.pack("<II", table_size + len(values), len(props)) + b"".join(offsets) + values
    fmtid = bytes.fromhex("60b6a29f6110d411b4c6006097c09d8c")
    header = struct.pack("<HHI", 0xFFFE, 0, 0x00020105) + fmtid + struct.pack("<I", 1) + fmtid + struct.pack("<I", 48)
    return header + section


def _msvc_rand(seed: int):
    while True:
        seed = (seed * 214013 + 2531011) & 0xFFFFFFFF
        yield (seed >> 16) & 0x7FFF


def _distribute(section: bytes, seed: int = 0x12345678) -> bytes:
    """A ViewText section: the DISTRIBUTE_DOC_DATA record hiding the key, then the section AES-encrypted."""
    key = bytes(range(0xA0, 0xB0))
    plain = bytearray(256)
    plain[0:4] = struct.pack("<I", seed)
    offset = 4 + (seed & 0x0F)
    plain[offset:offset + 16] = key
    rand, i = _msvc_rand(seed), 0
    while i < 256:
        value = next(rand) & 0xFF
        run = (next(rand) & 0x0F) + 1
        for k in range(max(i, 4), min(i + run, 256)):
            plain[k] ^= value
        i += run
    padded = section + bytes(-len(section) % 16)
    encryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return _record(TAG_DISTRIBUTE_DOC_DATA, 0, bytes(plain)) + encryptor.update(padded) + encryptor.finalize()


def section_records(paragraphs: list) -> bytes:
    """The uncompressed records of a section holding ``paragraphs`` (to cut or corrupt in tests)."""
    return b"".join(_paragraph(p, 0) for p in paragraphs)


def build_hwp5(paragraphs: list, compressed: bool = True, password: bool = False, *, drm: bool = False,
               cert_drm: bool = False, distribution: bool = False, summary: bytes | None = None,
               sections: list[list] | None = None, extra_streams: dict[str, bytes] | None = None) -> bytes:
    """An HWP 5.0 file with ``paragraphs`` (str or HwpParagraph) in Section0, or
    with several ``sections``. A distribution document keeps its text in
    ViewText; its BodyText holds only a notice."""
    flags = ((FLAG_COMPRESSED if compressed else 0) | (FLAG_PASSWORD if password else 0)
             | (FLAG_DRM if drm else 0) | (FLAG_CERT_DRM if cert_drm else 0)
             | (FLAG_DISTRIBUTION if distribution else 0))
    header = bytearray(256)
    header[0:17] = b"HWP Document File"
    struct.pack_into("<II", header, 32, 0x05000300, flags)
    pack = _deflate if compressed else bytes
    streams = {"FileHeader": bytes(header), "DocInfo": pack(_docinfo())}
    bodies = [section_records(section) for section in (sections or [paragraphs])]
    for n, body in enumerate(bodies):
        if distribution:
            streams[f"ViewText/Section{n}"] = _distribute(pack(body), seed=0x12345678 + n)
        else:
            streams[f"BodyText/Section{n}"] = pack(body)
    if distribution:
        streams["BodyText/Section0"] = pack(_paragraph("배포용 문서는 한글에서 열어 주세요", 0))
    if summary is not None:
        streams["\x05HwpSummaryInformation"] = summary
    streams.update(extra_streams or {})
    return build_cfb(streams)
