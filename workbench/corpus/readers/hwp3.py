"""HWP 3.0 (한글 3.0–96), the DOS/Windows format before HWP 5.0: named, not read.

An HWP 3.0 file is no OLE container: it starts with the 30-byte signature
``HWP Document File V3.00 \\x1a\\x01\\x02\\x03\\x04\\x05``, then a 128-byte
document information block (한글 3.0 문서 형식: the password flag is the word at
its offset 96, compression the byte at 124), a 1,008-byte summary and the
paragraphs, in Hangul's own Johab-based 2-byte code. Reading it properly
(tables, boxes, the code tables for symbols and Hanja) is a reader of its
own; until there is one, the analyst is told what the file is and how to get
a copy we read — not that it is damaged.
"""

from __future__ import annotations

from pathlib import Path

from workbench.core.errors import ReadError

SIGNATURE = b"HWP Document File V3.00"
_INFO = 30  # the document information block follows the signature
_PASSWORD = _INFO + 96


def is_hwp3(data: bytes) -> bool:
    return data.startswith(SIGNATURE)


def hwp3_error(path: Path, data: bytes) -> ReadError:
    """Why an HWP 3.0 file is not read: password-protected, or an HWP 3.0 file."""
    if len(data) >= _PASSWORD + 2 and int.from_bytes(data[_PASSWORD:_PASSWORD + 2], "little"):
        return ReadError(
            "encrypted",
            f"{path.name}: this HWP 3.0 document is password-protected; open it in Hangul with its password, "
            "save it as HWP or HWPX (File > Save As) without a password, and add that file",
            f"{path.name}: 암호가 걸린 한글 3.0(HWP 3.0) 문서입니다. 한글에서 암호를 넣어 연 뒤 "
            "[파일 > 다른 이름으로 저장]에서 암호 없이 HWP 또는 HWPX 형식으로 저장해 그 파일을 추가하세요",
        )
    return ReadError(
        "unsupported",
        f"{path.name}: this is an HWP 3.0 document (Hangul 3.0–96), an old format Workbench does not read; "
        "open it in Hangul, save it as HWP or HWPX (File > Save As) and add that file",
        f"{path.name}: 한글 3.0(HWP 3.0) 형식의 옛 문서라 읽을 수 없습니다. 한글에서 열어 "
        "[파일 > 다른 이름으로 저장]에서 HWP 또는 HWPX 형식으로 저장한 뒤 그 파일을 추가하세요",
    )
