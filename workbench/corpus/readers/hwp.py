"""HWP 5.0, the binary format Korean government offices use every day.

Read by our own record parser (:mod:`workbench.corpus.hwp5`), which keeps
what analysts need from these files: tables as tables (not one line per
cell), outline headings, footnotes, text boxes, and the text of 배포용
(distribution) documents, which Hangul encrypts without a password. Files
that really are password- or DRM-protected are refused with a message that
says so; a damaged file gets a Korean message that stays Korean.
"""

from __future__ import annotations

from pathlib import Path

from workbench.core.errors import ReadError
from workbench.corpus.doctree import flatten, map_text
from workbench.corpus.hwp5 import Hwp5Error, read_document
from workbench.corpus.hwp5.symbols import map_font_symbols
from workbench.corpus.readers import ReaderResult
from workbench.corpus.readers.hwp3 import hwp3_error, is_hwp3
from workbench.corpus.readers.ooxml import damaged_error, drm_error, encrypted_error
from workbench.corpus.titles import clean_title

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Hangul sets the FileHeader DRM flags for the DRM products that plug into it;
# the file does not name the product.
DRM_VENDOR = "Hancom"


def read_hwp(path: Path, data: bytes) -> ReaderResult:
    if is_hwp3(data):  # 한글 3.0–96: named as what it is, with what to do (not "damaged")
        raise hwp3_error(path, data)
    if not data.startswith(OLE_MAGIC):
        if data.startswith(b"PK"):
            raise ReadError("damaged", f"{path.name}: this is an HWPX (zip) file with an .hwp name; rename it to .hwpx",
                            f"{path.name}: 확장자는 .hwp이지만 HWPX 파일입니다. .hwpx로 바꿔 주세요")
        raise damaged_error(path, "not an HWP 5.0 (OLE) file", "한글 5.0 문서 형식이 아닙니다")
    try:
        document = read_document(data)
        map_text(document.nodes, map_font_symbols)
        parts = flatten(document.nodes)
    except Hwp5Error as exc:
        raise _read_error(path, exc) from exc
    except RecursionError as exc:  # tables in tables hundreds deep: no real document does that
        raise damaged_error(path, "objects nested too deep", "개체가 비정상적으로 깊게 중첩되어 있습니다") from exc
    return ReaderResult(
        parts,
        paragraph_gap=True,
        title=clean_title(document.metadata.get("title")),
        warnings=document.warnings,
        metadata=document.metadata,
    )


def _read_error(path: Path, exc: Hwp5Error) -> ReadError:
    if exc.code == "encrypted":
        return encrypted_error(path)
    if exc.code == "drm":
        return drm_error(path, DRM_VENDOR)
    if exc.code == "too_large":
        return ReadError("too_large", f"{path.name}: refused, {exc.detail} (a decompression bomb?)",
                         f"{path.name}: {exc.detail_ko}. 압축 폭탄일 수 있어 읽지 않았습니다")
    return damaged_error(path, exc.detail, exc.detail_ko)
