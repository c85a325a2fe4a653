"""Text that may go into an XML file (.xlsx, .qdc, .qdpx are all XML).

XML 1.0 forbids most C0 control characters, lone surrogates and U+FFFE/FFFF;
lxml and openpyxl refuse such a string with "All strings must be XML
compatible", which used to crash an export when an older project held a tag
name or a note with one. Everything written to a file passes through
:func:`clean`; new tag names with a control character are refused instead
(see services.annotations)."""

from __future__ import annotations

import re
import unicodedata

_XML_FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(value: str) -> str:
    return _XML_FORBIDDEN_RE.sub("", value)


def control_characters(value: str) -> list[str]:
    """The control characters (Unicode category Cc: tab and newline too) in a
    name, as ``U+0007`` — a tag name is one line of visible text."""
    return [f"U+{ord(ch):04X}" for ch in dict.fromkeys(value) if unicodedata.category(ch) == "Cc"]
