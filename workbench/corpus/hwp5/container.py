"""The HWP 5.0 container: an OLE compound file of streams.

``FileHeader`` says what the file is and how it is stored (compressed,
password-protected, distribution, DRM); ``DocInfo`` holds the shared tables —
of them we need paragraph shapes and styles, which say what is an outline
heading; ``BodyText/Section{n}`` (``ViewText`` for distribution documents)
holds the text; ``\\x05HwpSummaryInformation`` the title and dates.

Streams are raw deflate (no zlib header) when the compressed flag is set. A
small file can inflate to gigabytes, so every inflation draws on one budget
for the whole document and a file that exceeds it is refused.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO

import olefile

from workbench.corpus.hwp5.distribution import DistributionError, decrypt_section
from workbench.corpus.hwp5.records import TAG_PARA_SHAPE, TAG_STYLE, parse_records

SIGNATURE = b"HWP Document File"
MAX_INFLATED = 512 * 1024 * 1024  # all streams of one document together
_CHUNK = 16 * 1024  # compressed bytes per step: at most ~16 MB of output between budget checks

# FileHeader property flags (offset 36)
FLAG_COMPRESSED = 1 << 0
FLAG_PASSWORD = 1 << 1
FLAG_DISTRIBUTION = 1 << 2
FLAG_DRM = 1 << 4
FLAG_CERT_ENCRYPTED = 1 << 8  # encrypted to a certificate (공인인증서 암호화)
FLAG_CERT_DRM = 1 << 10

_OUTLINE_STYLE_RE = re.compile(r"^\s*(개요|Outline)\s*(\d+)\s*$", re.IGNORECASE)
_SECTION_RE = re.compile(r"^Section(\d+)$")


class Hwp5Error(Exception):
    """Why a document cannot be read: ``code`` is encrypted, drm, damaged or too_large;
    ``detail`` is English, ``detail_ko`` Korean (or None when there is nothing to add)."""

    def __init__(self, code: str, detail: str, detail_ko: str | None = None) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.detail_ko = detail_ko


def damaged(detail: str, detail_ko: str | None = None) -> Hwp5Error:
    return Hwp5Error("damaged", detail, detail_ko)


@dataclass(slots=True)
class Styles:
    """What DocInfo says about headings: the outline level (1-7, or 0) of each
    paragraph shape and of each style."""

    shape_levels: list[int] = field(default_factory=list)
    style_levels: list[int] = field(default_factory=list)

    def level(self, shape_id: int, style_id: int) -> int:
        if shape_id < len(self.shape_levels) and self.shape_levels[shape_id]:
            return self.shape_levels[shape_id]
        if style_id < len(self.style_levels):
            return self.style_levels[style_id]
        return 0


class Container:
    """An opened HWP 5.0 file: its header flags and its streams, inflated within the budget."""

    def __init__(self, data: bytes, budget: int = MAX_INFLATED) -> None:
        try:
            self.ole = olefile.OleFileIO(BytesIO(data))
        except Exception as exc:  # olefile raises OSError, but also IndexError/struct.error on junk
            raise damaged(f"not a readable OLE compound file: {exc}", "복합 문서 구조를 읽을 수 없습니다") from exc
        self.budget = self.limit = budget
        header = self._raw("FileHeader")
        if header is None or not header.startswith(SIGNATURE) or len(header) < 40:
            raise damaged("no HWP 5.0 FileHeader", "한글 5.0 파일 머리말이 없습니다")
        self.version, self.flags = struct.unpack_from("<II", header, 32)
        if self.version >> 24 != 5:
            raise damaged(f"HWP format version {self.version >> 24}, not 5",
                          f"한글 5.0 형식이 아닙니다 (판 {self.version >> 24})")
        self.warnings: list[tuple[str, str]] = []

    @property
    def compressed(self) -> bool:
        return bool(self.flags & FLAG_COMPRESSED)

    @property
    def distribution(self) -> bool:
        return bool(self.flags & FLAG_DISTRIBUTION)

    def check_protection(self) -> None:
        """Refuse what only Hangul with a password or a DRM client can open."""
        if self.flags & (FLAG_DRM | FLAG_CERT_DRM):
            raise Hwp5Error("drm", "DRM flag set in the FileHeader")
        if self.flags & (FLAG_PASSWORD | FLAG_CERT_ENCRYPTED):
            raise Hwp5Error("encrypted", "password flag set in the FileHeader")

    def _raw(self, name: str) -> bytes | None:
        try:
            if not self.ole.exists(name):
                return None
            return self.ole.openstream(name).read()
        except Exception as exc:  # a cut-off file: sectors past the end, a broken FAT
            raise damaged(f"stream {name!r} cannot be read: {exc}", "문서 내용을 읽을 수 없습니다") from exc

    def _inflate(self, name: str, raw: bytes) -> bytes:
        """Inflate piece by piece: the budget is checked as the output grows, and
        when the data breaks off or goes bad, what came before it is kept."""
        inflater = zlib.decompressobj(-15)
        pieces: list[bytes] = []
        total = 0
        for pos in range(0, len(raw), _CHUNK):
            try:
                piece = inflater.decompress(raw[pos:pos + _CHUNK])
            except zlib.error as exc:
                if not total:
                    raise damaged(f"stream {name!r} does not decompress: {exc}", "압축된 내용이 깨졌습니다") from exc
                break
            total += len(piece)
            if total > self.budget:
                mb = f"{self.limit / 2**20:.0f}"
                raise Hwp5Error("too_large", f"the text streams inflate to more than {mb} MB",
                                f"압축을 풀면 {mb}MB를 넘습니다")
            pieces.append(piece)
            if inflater.eof:
                break
        if raw and not inflater.eof:
            self.warnings.append(cut_warning(name))
        self.budget -= total
        return b"".join(pieces)

    def stream(self, name: str) -> bytes | None:
        """A record stream's bytes, inflated when the document is compressed."""
        raw = self._raw(name)
        if raw is None:
            return None
        return self._inflate(name, raw) if self.compressed else raw

    def sections(self) -> Iterator[tuple[str, bytes]]:
        """``(name, records bytes)`` of each body section in order, one at a
        time (a long report's sections are not all held inflated at once)."""
        storage = "ViewText" if self.distribution else "BodyText"
        numbered = sorted(
            (int(m.group(1)), "/".join(entry))
            for entry in self.ole.listdir()
            if len(entry) == 2 and entry[0] == storage and (m := _SECTION_RE.match(entry[1]))
        )
        if not numbered:
            raise damaged(f"no {storage}/Section streams", "본문 구역이 없습니다")
        for _, name in numbered:
            if self.distribution:
                try:
                    plain = decrypt_section(self._raw(name) or b"")
                except DistributionError as exc:
                    raise damaged(f"{name}: {exc}", "배포용 문서의 본문을 풀 수 없습니다") from exc
                yield name, self._inflate(name, plain) if self.compressed else plain
            else:
                yield name, self.stream(name) or b""

    def close(self) -> None:
        self.ole.close()

    def styles(self) -> Styles:
        """Outline levels from DocInfo; a missing or broken DocInfo just means no outline headings."""
        styles = Styles()
        try:
            data = self.stream("DocInfo")
        except Hwp5Error as exc:
            if exc.code != "damaged":
                raise
            return styles
        if not data:
            return styles
        records = parse_records(data)
        for i, tag in enumerate(records.tags):
            if tag == TAG_PARA_SHAPE:
                styles.shape_levels.append(_shape_level(records.payload(i)))
            elif tag == TAG_STYLE:
                styles.style_levels.append(_style_level(records.payload(i)))
        return styles

    def summary(self) -> bytes | None:
        try:
            return self._raw("\x05HwpSummaryInformation")
        except Hwp5Error:
            return None


def cut_warning(name: str) -> tuple[str, str]:
    """(English, Korean) note that a stream breaks off or goes bad before its end;
    the Korean one names the section in Korean."""
    match = re.search(r"Section(\d+)$", name)
    where = f"{int(match.group(1)) + 1}번째 본문 구역" if match else "문서 정보"
    return (f"{name} is cut off or damaged; the text may be incomplete",
            f"{where}이 잘렸거나 손상되어 본문 일부가 빠졌을 수 있습니다")


def _shape_level(payload: bytes) -> int:
    """Attribute bits 23-24 say the paragraph head is an outline (1); bits 25-27 its level - 1.
    Level 8 (Hangul has it, the doctree does not) is left to the line classifier, as in HWPX."""
    if len(payload) < 4:
        return 0
    (attr,) = struct.unpack_from("<I", payload, 0)
    level = ((attr >> 25) & 0x7) + 1
    return level if (attr >> 23) & 0x3 == 1 and level <= 7 else 0


def _style_level(payload: bytes) -> int:
    """A style named "개요 N" (or its English name "Outline N") is outline level N."""
    pos = 0
    for _ in range(2):  # local name, then English name: uint16 length + UTF-16LE
        if pos + 2 > len(payload):
            return 0
        (length,) = struct.unpack_from("<H", payload, pos)
        name = payload[pos + 2:pos + 2 + 2 * length].decode("utf-16-le", "replace")
        pos += 2 + 2 * length
        match = _OUTLINE_STYLE_RE.match(name)
        if match and 1 <= int(match.group(2)) <= 7:
            return int(match.group(2))
    return 0
