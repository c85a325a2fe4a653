"""Turn the bytes of a plain-text file into ``str``, reliably for Korean files.

Order of trust: a byte-order mark; strict UTF-8; strict CP949 (a superset of
EUC-KR, the encoding most older Korean files use); then charset-normalizer for
anything else. Binary data is refused before any guessing, because a lenient
decoder will happily turn a PNG into "text".
"""

from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

from workbench.core.errors import ReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters other than tab/newline/CR/form feed are a sign of binary
# data (or of a wrong guess) once they are more than a sliver of the text.
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\x0b"}


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:65536]
    bad = sum(
        1
        for ch in sample
        if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")
    )
    return bad / len(sample)


def looks_binary(data: bytes) -> bool:
    """NUL bytes outside a UTF-16/32 BOM mean binary data."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    return b"\x00" in head


def decode_text(data: bytes, source: str = "") -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise :class:`ReadError` saying why not."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise _undecodable(source, f"{name} with a byte-order mark", exc) from exc
    if looks_binary(data):
        raise ReadError(
            "binary",
            f"{source}: this looks like a binary file, not text",
            f"{source}: 텍스트가 아닌 바이너리 파일로 보입니다",
        )
    for name in ("utf-8", "cp949"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _control_ratio(text) < 0.01:
            return text, name
    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        if _control_ratio(text) < 0.01:
            return text, best.encoding
    raise _undecodable(source, "UTF-8, UTF-16, CP949/EUC-KR or any known encoding", None)


def _undecodable(source: str, tried: str, exc: UnicodeDecodeError | None) -> ReadError:
    where = f" (byte {exc.start})" if exc is not None else ""
    return ReadError(
        "encoding",
        f"{source}: cannot decode the text as {tried}{where}",
        f"{source}: 텍스트 인코딩을 알 수 없습니다 ({tried}{where})",
    )
