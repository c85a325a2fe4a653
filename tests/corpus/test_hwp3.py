"""HWP 3.0 files (한글 3.0–96) are named as HWP 3.0, with what to do — not called damaged —
and a password-protected one is named as password-protected."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.errors import ReadError
from workbench.corpus.extract import extract_file
from workbench.corpus.sniff import sniff

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "realfiles"
GUIDE = REAL / "hwp3" / "리눅스시스템관리자가이드_HWP30.hwp"


def _refusal(path: Path) -> ReadError:
    with pytest.raises(ReadError) as info:
        extract_file(path)
    return info.value


def test_the_real_hwp3_file_is_named_with_advice():
    assert GUIDE.read_bytes().startswith(b"HWP Document File V3.00 \x1a\x01\x02\x03\x04\x05")
    error = _refusal(GUIDE)
    assert error.code == "unsupported"
    assert "HWP 3.0" in error.message and "HWPX" in error.message and "Save As" in error.message
    assert "한글 3.0" in error.message_ko and "HWPX" in error.message_ko and "다른 이름으로 저장" in error.message_ko
    assert "damaged" not in error.message and "손상" not in error.message_ko
    assert GUIDE.name in error.message and GUIDE.name in error.message_ko


def test_a_password_protected_hwp3_file_is_named_as_such(tmp_path):
    """The 한글 3.0 문서 형식: the password flag is the word at offset 96 of the document
    information block, which follows the 30-byte signature."""
    data = bytearray(GUIDE.read_bytes())
    assert data[126:128] == b"\x00\x00"
    data[126] = 1
    path = tmp_path / "암호문서.hwp"
    path.write_bytes(bytes(data))
    error = _refusal(path)
    assert error.code == "encrypted"
    assert "password" in error.message and "HWP 3.0" in error.message
    assert "암호" in error.message_ko and "한글 3.0" in error.message_ko


@pytest.mark.parametrize("name", ["renamed.hwpx", "renamed.docx"])
def test_an_hwp3_file_with_another_name_is_named_too(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(GUIDE.read_bytes())
    assert sniff(path.read_bytes()) == "hwp"
    assert _refusal(path).code == "unsupported"
