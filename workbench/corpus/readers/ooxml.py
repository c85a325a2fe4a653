"""Shared checks for zip-based office formats (docx, hwpx).

An encrypted Office or Hancom document is not a zip at all but an OLE
compound file holding an ``EncryptedPackage``; a truncated one is a zip with a
broken central directory. Both get a clear message instead of a traceback.
"""

from __future__ import annotations

import zipfile
import zlib
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
        _check_members(path, archive, kind)
    except zipfile.BadZipFile as exc:
        raise damaged_error(path, f"not a valid {kind} package: {exc}", f"올바른 {kind} 패키지가 아닙니다") from exc
    except (EOFError, ValueError, zlib.error) as exc:
        raise damaged_error(path, f"not a valid {kind} package: {exc}", f"올바른 {kind} 패키지가 아닙니다") from exc
    except (zipfile.LargeZipFile, OSError, RuntimeError, NotImplementedError) as exc:
        raise damaged_error(path, str(exc)) from exc
    return archive


# What one document may unpack to. A 1 MB HWPX inflating to 1 GB peaked at
# 2.2 GB of memory, 3 GB at 6.2 GB: the members were read whole after
# testzip(). A part of markup (XML) is parsed into a tree several times its
# size, so it gets the tighter limit; pictures and other parts count in the total.
MB = 1024 * 1024
MAX_PART_BYTES = 64 * MB
MAX_PACKAGE_BYTES = 512 * MB
_CHUNK = MB
_MARKUP = (".xml", ".hpf", ".rels")


def _check_members(path: Path, archive: zipfile.ZipFile, kind: str) -> None:
    """Inflate every member once, a chunk at a time, counting what comes out
    (not trusting the header's sizes) and checking its CRC as testzip() did;
    refuse, naming the limit, a part or a package that unpacks to more than a
    laptop should hold."""
    total = 0
    for info in archive.infolist():
        if info.is_dir():
            continue
        limit = MAX_PART_BYTES if info.filename.lower().endswith(_MARKUP) else MAX_PACKAGE_BYTES
        size = 0
        with archive.open(info) as member:  # ZipExtFile checks the CRC when it reaches the end
            while chunk := member.read(_CHUNK):
                size += len(chunk)
                total += len(chunk)
                if size > limit:
                    raise too_large_error(path, info.filename, limit)
                if total > MAX_PACKAGE_BYTES:
                    raise too_large_error(path, None, MAX_PACKAGE_BYTES)


def too_large_error(path: Path, member: str | None, limit: int) -> ReadError:
    what_en = f"its part {member} unpacks to more than {limit // MB} MB" if member else \
        f"it unpacks to more than {limit // MB} MB"
    what_ko = f"안의 {member}이(가) 풀면 {limit // MB}MB를 넘습니다" if member else f"풀면 {limit // MB}MB를 넘습니다"
    return ReadError(
        "too_large",
        f"{path.name}: {what_en}, more than Workbench reads from one document (a file like this is usually "
        "damaged or made to exhaust memory); not read",
        f"{path.name}: {what_ko}. 문서 하나에서 읽을 수 있는 크기를 넘어 읽지 않았습니다(대개 손상되었거나 메모리를 "
        "고갈시키려고 만든 파일입니다)",
    )


def xml_error(path: Path, member: str, exc: Exception) -> ReadError:
    """A part whose XML cannot be parsed: refused as unsafe when libxml2 stopped
    it for its depth or size (its message told the analyst to "use
    XML_PARSE_HUGE"), else damaged."""
    text = str(exc)
    if "XML_PARSE_HUGE" in text or "Excessive depth" in text or "huge" in text.lower():
        return ReadError(
            "unsafe",
            f"{path.name}: {member} is refused as unsafe: its XML nests too deeply or holds a text too large to "
            "parse safely (a file like this is damaged or made to exhaust memory)",
            f"{path.name}: {member}을(를) 안전하지 않아 읽지 않았습니다. XML이 너무 깊게 중첩되었거나 글 덩어리가 "
            "너무 큽니다(손상되었거나 메모리를 고갈시키려고 만든 파일입니다)")
    return damaged_error(path, f"{member}: {text}", f"{member}의 XML이 깨졌습니다")
