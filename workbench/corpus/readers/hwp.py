"""HWP 5.0, the binary format Korean government offices use every day.

Text comes from extract-hwp (pure Python on olefile: OLE ``BodyText/Section*``
streams, zlib, PARA_TEXT records) which also guards against decompression
bombs and detects password, distribution and DRM protection. It reports
failures through ``logging`` and an empty result, so we listen to its log to
tell the user *why* a file could not be read.

Known limit: HWP 5.0 tables come out as one line per cell (the library does not
expose table structure); HWPX files keep their tables.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import extract_hwp

from workbench.core.errors import ReadError
from workbench.corpus.readers import ReaderResult
from workbench.corpus.readers.ooxml import damaged_error, encrypted_error
from workbench.corpus.structure import lines_to_parts


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _reason(messages: list[str]) -> str:
    for message in reversed(messages):
        if "오류:" in message:
            return message.rsplit("오류:", 1)[1].strip()
    return messages[-1] if messages else "no text could be read"


def read_hwp(path: Path, data: bytes) -> ReaderResult:
    if not data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if data.startswith(b"PK"):
            raise ReadError("damaged", f"{path.name}: this is an HWPX (zip) file with an .hwp name; rename it to .hwpx",
                            f"{path.name}: 확장자는 .hwp이지만 HWPX 파일입니다. .hwpx로 바꿔 주세요")
        raise damaged_error(path, "not an HWP 5.0 (OLE) file")
    # The library takes a path; a file we were handed as bytes goes to a temp file.
    with tempfile.TemporaryDirectory(prefix="wb-hwp-") as tmp:
        local = Path(tmp) / "doc.hwp"
        local.write_bytes(data)
        try:
            if extract_hwp.is_hwp5_password_protected(str(local)):
                raise encrypted_error(path)
        except extract_hwp.HwpReadLimitError as exc:
            raise ReadError("too_large", f"{path.name}: {exc}", f"{path.name}: {exc}") from exc
        capture = _Capture()
        logger = logging.getLogger()
        logger.addHandler(capture)
        previous = logger.level
        if previous > logging.WARNING or previous == logging.NOTSET:
            logger.setLevel(logging.WARNING)
        try:
            text = extract_hwp.extract_text_from_hwp5(str(local))
        except extract_hwp.HwpReadLimitError as exc:
            raise ReadError("too_large", f"{path.name}: {exc}", f"{path.name}: {exc}") from exc
        finally:
            logger.removeHandler(capture)
            logger.setLevel(previous)
    if not text.strip():
        reason = _reason(capture.messages)
        if "보호" in reason:
            raise encrypted_error(path)
        if not capture.messages:
            raise ReadError("empty", f"{path.name}: the document has no text", f"{path.name}: 문서에 텍스트가 없습니다")
        raise damaged_error(path, reason)
    return ReaderResult(lines_to_parts(text))
