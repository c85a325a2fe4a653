"""Bad input: every problem is a ReadError with a code and a message naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.errors import ReadError
from workbench.corpus import extract
from workbench.corpus.extract import extract_file
from tests.helpers import files
from tests.helpers.hwp5 import build_hwp5


def _error(path) -> ReadError:
    with pytest.raises(ReadError) as info:
        extract_file(path)
    assert path.name in info.value.message or str(path) in info.value.message
    assert info.value.message_ko
    return info.value


def test_empty_files(tmp_path):
    for name in ("empty.txt", "empty.docx", "empty.pdf", "empty.hwp", "blank.md"):
        path = tmp_path / name
        path.write_bytes(b"" if name != "blank.md" else b"  \n\n \t\n")
        assert _error(path).code == "empty"


def test_binary_disguised_as_text(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    assert _error(path).code == "binary"


def test_unknown_extension(tmp_path):
    path = tmp_path / "data.xyz"
    path.write_text("hello")
    assert _error(path).code == "unsupported"


def test_truncated_docx_pdf_hwpx_hwp(tmp_path):
    docx = files.truncate(files.make_docx(tmp_path / "cut.docx"))
    assert _error(docx).code == "damaged"
    pdf = files.truncate(files.make_pdf(tmp_path / "cut.pdf"), keep=0.3)
    assert _error(pdf).code in ("damaged", "no_text")
    hwpx = files.truncate(files.make_hwpx(tmp_path / "cut.hwpx", "# 제목\n\n본문"))
    assert _error(hwpx).code == "damaged"
    hwp = tmp_path / "cut.hwp"
    data = build_hwp5(["본문 " * 2000], compressed=False)
    hwp.write_bytes(data[: len(data) // 2])
    assert _error(hwp).code == "damaged"


def test_password_protected(tmp_path):
    assert _error(files.make_pdf(tmp_path / "secret.pdf", password="pw")).code == "encrypted"
    assert _error(files.make_encrypted_docx(tmp_path / "secret.docx")).code == "encrypted"
    assert _error(files.make_encrypted_hwpx(tmp_path / "secret.hwpx")).code == "encrypted"
    hwp = tmp_path / "secret.hwp"
    hwp.write_bytes(build_hwp5(["비밀 문서"], password=True))
    assert _error(hwp).code == "encrypted"


def test_pdf_without_text_layer(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 200, 200, fill=1)
    c.showPage()
    c.save()
    assert _error(path).code == "no_text"


def test_files_are_read_as_what_they_are_whatever_their_name(tmp_path):
    path = tmp_path / "mislabelled.hwp"
    path.write_bytes(files.make_hwpx(tmp_path / "real.hwpx", "# 제목\n\n본문").read_bytes())
    doc = extract_file(path)
    assert doc.format == "hwpx" and "본문" in doc.text
    assert doc.warnings == [("the file is HWPX named .hwp: read as HWPX",
                             "확장자는 .hwp이지만 HWPX 파일이라 HWPX(으)로 읽었습니다")]
    real = Path(__file__).resolve().parents[1] / "fixtures" / "realfiles" / "nasty" / "hwp5_named_hwpx-01.hwpx"
    doc = extract_file(real)  # a real HWP 5.0 press release someone saved as .hwpx
    assert doc.format == "hwp" and "해외직접투자" in doc.text and "HWP 5.0" in doc.warnings[0][0]


def test_drm_is_named_as_drm_with_advice(tmp_path):
    real = Path(__file__).resolve().parents[1] / "fixtures" / "realfiles" / "nasty" / "fasoo_drm_이미용_부속서_00.docx"
    error = _error(real)
    assert error.code == "drm" and "Fasoo" in error.message and "unprotected copy" in error.message
    assert "DRM" in error.message_ko and "보호를 해제한 사본" in error.message_ko
    for head, vendor in ((b"<MARKANY_DOCUMENTSAFER>\r\n", "MarkAny"), (b"SCDSA004\x00\x00", "SoftCamp")):
        path = tmp_path / f"{vendor}.hwp"
        path.write_bytes(head + bytes(range(256)) * 8)
        error = _error(path)
        assert error.code == "drm" and vendor in error.message


def test_huge_file_refused_with_its_size(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_text("가" * 400_000, encoding="utf-8")
    error = None
    with pytest.raises(ReadError) as info:
        extract_file(path, max_bytes=1_000_000)
    error = info.value
    assert error.code == "too_large" and "1.1 MB" in error.message


def test_unreadable_path(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "does-not-exist.txt")
    assert _error(link).code == "unreadable"


def test_large_file_limit_default_is_generous():
    assert extract.MAX_FILE_BYTES >= 100 * 1024 * 1024


def test_a_text_file_over_the_text_limit_is_refused_by_name_before_it_is_read(tmp_path):
    """200 MB of text took 1.3 GB and minutes before anything showed; now the
    limit is said and nothing is read (a sparse file: nothing on disk)."""
    from workbench.corpus.extract import MAX_TEXT_FILE_BYTES, extract_file

    path = tmp_path / "dump.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_TEXT_FILE_BYTES + 1)
    with pytest.raises(ReadError) as caught:
        extract_file(path)
    assert caught.value.code == "too_large"
    assert "64.0 MB limit for one text file" in caught.value.message and "나눠서" in caught.value.message_ko
    scan = tmp_path / "scan.tif"  # a scanned page's picture is not held to the text limit
    with scan.open("wb") as handle:
        handle.truncate(MAX_TEXT_FILE_BYTES + 1)
    with pytest.raises(ReadError) as caught:
        extract_file(scan)
    assert "text file" not in caught.value.message


def test_a_section_replaced_by_zeros_is_reported_not_added_silently(tmp_path):
    """A valid deflate stream of zeros in place of a section: 383 of 20,091
    characters were read and the file was "added" without a word."""
    import zlib

    from workbench.corpus.extract import extract_file

    zeros = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = zeros.compress(b"\0" * 40_000) + zeros.flush()
    first = ["첫 구역의 문단입니다. 정부는 인공지능 기본법을 발표했다."]
    second = [f"둘째 구역의 {n}번째 문단입니다. 반도체 수출이 늘었다." for n in range(200)]
    path = tmp_path / "damaged.hwp"
    path.write_bytes(build_hwp5([], sections=[first, second], extra_streams={"BodyText/Section1": stream}))
    doc = extract_file(path)
    assert "첫 구역의 문단" in doc.text and "둘째 구역" not in doc.text
    assert any("Section1 is damaged" in en and "40,000" in en and "손상" in ko for en, ko in doc.warnings), doc.warnings
    intact = tmp_path / "intact.hwp"
    intact.write_bytes(build_hwp5([], sections=[first, second]))
    assert not extract_file(intact).warnings  # a whole file says nothing
