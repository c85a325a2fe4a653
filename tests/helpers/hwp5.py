"""Build real HWP 5.0 files: FileHeader, DocInfo and BodyText/Section0 records
(deflate-compressed as Hangul writes them) inside an OLE compound file."""

from __future__ import annotations

import struct
import zlib

from tests.helpers.cfb import build_cfb

TAG_DOCUMENT_PROPERTIES = 16
TAG_PARA_HEADER = 66
TAG_PARA_TEXT = 67


def _record(tag: int, level: int, payload: bytes) -> bytes:
    size = len(payload)
    if size >= 0xFFF:
        return struct.pack("<II", tag | (level << 10) | (0xFFF << 20), size) + payload
    return struct.pack("<I", tag | (level << 10) | (size << 20)) + payload


def _deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def build_hwp5(paragraphs: list[str], compressed: bool = True, password: bool = False) -> bytes:
    header = bytearray(256)
    header[0:17] = b"HWP Document File"
    struct.pack_into("<II", header, 32, 0x05000300, (1 if compressed else 0) | (2 if password else 0))
    docinfo = _record(TAG_DOCUMENT_PROPERTIES, 0, struct.pack("<H6H3I", 1, 1, 1, 1, 1, 1, 1, 0, 0, 0))
    body = bytearray()
    for text in paragraphs:
        chars = text.encode("utf-16-le") + b"\r\x00"
        body += _record(TAG_PARA_HEADER, 0, struct.pack("<IIHBBHHHI", len(chars) // 2, 0, 0, 0, 0, 1, 0, 0, 0))
        body += _record(TAG_PARA_TEXT, 1, chars)
    if compressed:
        docinfo, body = _deflate(docinfo), _deflate(bytes(body))
    return build_cfb({"FileHeader": bytes(header), "DocInfo": docinfo, "BodyText/Section0": bytes(body)})
