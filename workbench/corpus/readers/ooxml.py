"""Shared checks for zip-based office formats (docx, hwpx).

An encrypted Office or Hancom document is not a zip at all but an OLE
compound file holding an ``EncryptedPackage``; a truncated one is a zip with a
broken central directory. Both get a clear message instead of a traceback.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import olefile

from workbench.core.errors import ReadError


def encrypted_error(path: Path) -> ReadError:
    return ReadError(
        "encrypted",
        f"{path.name}: the document is password-protected; open it in its editor, remove the password and add it again",
        f"{path.name}: 암호로 보호된 문서입니다. 원래 프로그램에서 암호를 해제한 뒤 다시 추가하세요",
    )


def drm_error(path: Path, vendor: str) -> ReadError:
    """A file locked by a DRM product (Fasoo, MarkAny, SoftCamp…): not damaged, not ours to open."""
    return ReadError(
        "drm",
        f"{path.name}: the file is protected by {vendor} DRM; open it in the DRM client on a computer that has it, "
        "save an unprotected copy (or ask the sender for one) and add that",
        f"{path.name}: {vendor} DRM으로 보호된 파일입니다. DRM 프로그램이 설치된 PC에서 열어 보호를 해제한 사본을 "
        "저장하거나 보낸 사람에게 보호되지 않은 파일을 요청한 뒤 추가하세요",
    )


def damaged_error(path: Path, detail: str, detail_ko: str | None = None) -> ReadError:
    """The English message names the technical detail; the Korean one stays Korean
    (a library's English error text is left out unless a Korean detail is given)."""
    return ReadError(
        "damaged",
        f"{path.name}: the file is damaged or truncated ({detail})",
        f"{path.name}: 파일이 손상되었거나 잘렸습니다" + (f" ({detail_ko})" if detail_ko else ""),
    )


def open_zip(path: Path, data: bytes, kind: str) -> zipfile.ZipFile:
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        try:
            ole = olefile.OleFileIO(BytesIO(data))
            if ole.exists("EncryptedPackage") or ole.exists("EncryptionInfo"):
                raise encrypted_error(path)
        except OSError:
            pass
        raise damaged_error(path, f"an OLE file, not a {kind} package", f"{kind} 패키지가 아닌 OLE 파일입니다")
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        bad = archive.testzip()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise damaged_error(path, f"not a valid {kind} package: {exc}", f"올바른 {kind} 패키지가 아닙니다") from exc
    except (zipfile.LargeZipFile, OSError, RuntimeError) as exc:
        raise damaged_error(path, str(exc)) from exc
    if bad is not None:
        raise damaged_error(path, f"corrupt entry {bad}", f"손상된 항목 {bad}")
    return archive
