"""Decoding: the encodings Korean files really come in, and clear refusals."""

from __future__ import annotations

import codecs

import pytest

from workbench.core.errors import ReadError
from workbench.corpus.decode import decode_text

KOREAN = "과학기술정보통신부는 인공지능 기본법을 발표했다. 예산은 110억원이다.\n둘째 줄입니다."


@pytest.mark.parametrize(
    "encoded, expected_encoding",
    [
        (KOREAN.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + KOREAN.encode("utf-8"), "utf-8-sig"),
        (KOREAN.encode("utf-16"), "utf-16"),  # with BOM
        (codecs.BOM_UTF16_BE + KOREAN.encode("utf-16-be"), "utf-16"),
        (KOREAN.encode("cp949"), "cp949"),
        (KOREAN.encode("euc-kr"), "cp949"),  # EUC-KR is a subset of CP949
    ],
)
def test_korean_text_decodes_exactly(encoded, expected_encoding):
    text, encoding = decode_text(encoded, "memo.txt")
    assert text == KOREAN
    assert encoding == expected_encoding


def test_cp949_only_characters():
    # 똠 and 햏 are outside EUC-KR but in CP949 (the Windows Korean code page).
    text = "똠방각하 햏자 · 과기정통부"
    decoded, encoding = decode_text(text.encode("cp949"), "x.txt")
    assert decoded == text and encoding == "cp949"


def test_binary_is_refused_with_the_file_name():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(ReadError) as info:
        decode_text(png, "picture.txt")
    assert info.value.code == "binary"
    assert "picture.txt" in info.value.message


def test_undecodable_bytes_get_a_clear_error():
    garbage = bytes([0x81, 0xFF, 0xFE, 0x80, 0x9F, 0xC0]) * 200 + b"\x01\x02\x03\x04\x05" * 300
    with pytest.raises(ReadError) as info:
        decode_text(garbage, "broken.txt")
    assert info.value.code in ("encoding", "binary")
    assert "broken.txt" in info.value.message
