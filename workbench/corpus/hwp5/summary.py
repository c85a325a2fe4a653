"""The ``\\x05HwpSummaryInformation`` stream: title, author, dates.

It is an OLE property set (MS-OLEPS). We parse it ourselves because
olefile's ``getproperties`` misreads Hangul's VT_LPWSTR strings (it takes the
character count for a byte count and swallows the following properties).

Layout: a 28-byte header whose last field is the number of property sets,
then (FMTID, offset) per set; at that offset, the set's size, its number of
properties and (property id, offset) pairs, offsets counted from the set's
start; each value is a uint32 type followed by the value.
"""

from __future__ import annotations

import struct
from datetime import UTC, datetime, timedelta

_VT_LPSTR, _VT_LPWSTR, _VT_FILETIME = 0x1E, 0x1F, 0x40
_TEXT_IDS = {2: "title", 3: "subject", 4: "author", 5: "keywords", 6: "comments"}
_DATE_IDS = {12: "created", 13: "modified"}
_EPOCH = datetime(1601, 1, 1, tzinfo=UTC)


def parse_summary(data: bytes) -> dict[str, str]:
    """The document's metadata (title, subject, author, keywords, comments,
    created, modified as ISO 8601 UTC); empty values are left out. A damaged
    stream gives what could be read — metadata never stops a document."""
    meta: dict[str, str] = {}
    try:
        (sets,) = struct.unpack_from("<I", data, 24)
        if sets < 1:
            return meta
        (section,) = struct.unpack_from("<I", data, 28 + 16)
        _size, count = struct.unpack_from("<II", data, section)
        for k in range(min(count, 1024)):
            pid, offset = struct.unpack_from("<II", data, section + 8 + 8 * k)
            if pid in _TEXT_IDS or pid in _DATE_IDS:
                value = _value(data, section + offset)
                key = _TEXT_IDS.get(pid) or _DATE_IDS[pid]
                if isinstance(value, datetime):
                    if value.year > 1601:
                        meta[key] = value.isoformat(timespec="seconds")
                elif isinstance(value, str):
                    text = " ".join(value.replace("\x00", " ").split())
                    if text:
                        meta[key] = text
    except struct.error:
        pass
    return meta


def _value(data: bytes, pos: int) -> str | datetime | None:
    (vtype,) = struct.unpack_from("<I", data, pos)
    vtype &= 0xFFFF
    pos += 4
    if vtype == _VT_LPWSTR:
        (chars,) = struct.unpack_from("<I", data, pos)
        raw = data[pos + 4:pos + 4 + 2 * chars]
        return raw.decode("utf-16-le", "replace").split("\x00", 1)[0]
    if vtype == _VT_LPSTR:
        (size,) = struct.unpack_from("<I", data, pos)
        raw = data[pos + 4:pos + 4 + size].split(b"\x00", 1)[0]
        return raw.decode("cp949", "replace")
    if vtype == _VT_FILETIME:
        (ticks,) = struct.unpack_from("<Q", data, pos)
        try:
            return _EPOCH + timedelta(microseconds=ticks // 10)
        except OverflowError:
            return None
    return None
