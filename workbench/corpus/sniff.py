"""What a file really is, whatever its name says; and whether a DRM product
has locked it.

Government files travel by mail and messenger and get renamed: an HWP 5.0
document saved as ``.hwpx``, an HWPX as ``.hwp``. Each is read as what it is,
with a note (an HWP 3.0 file, whatever its name, goes to the HWP reader, which
names it). Files locked by enterprise DRM (Fasoo, MarkAny, SoftCamp…) are
neither damaged nor password-protected: they are named as DRM, with advice.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

import olefile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Signatures at the start of a DRM-wrapped file (the original format is inside, encrypted).
_DRM_SIGNATURES: tuple[tuple[re.Pattern[bytes], str], ...] = (
    (re.compile(rb"DRMONE|FASOO|<##FSD", re.IGNORECASE), "Fasoo"),
    (re.compile(rb"<MARKANY_DOCUMENTSAFER>|MARKANY", re.IGNORECASE), "MarkAny"),
    (re.compile(rb"SCDSA00\d|SoftCamp|<##SCDSA", re.IGNORECASE), "SoftCamp"),
    (re.compile(rb"DocumentSAFER|DOCUMENT_SAFER", re.IGNORECASE), "MarkAny"),
    (re.compile(rb"<DSTAG>|Somansa", re.IGNORECASE), "Somansa"),
)


def drm_vendor(data: bytes) -> str | None:
    """The DRM product that wrapped this file, from its first bytes, or None."""
    head = data[:512]
    for pattern, vendor in _DRM_SIGNATURES:
        if pattern.search(head):
            return vendor
    return None


def sniff(data: bytes) -> str | None:
    """The file's real format among ours ("hwp", "hwpx", "docx", "pdf"), from its
    content; None when the content does not say (plain text, HTML) or is something else."""
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"HWP Document File V3.00"):
        return "hwp"  # HWP 3.0: the HWP reader names it and says what to do (readers/hwp3.py)
    if data.startswith(OLE_MAGIC):
        try:
            ole = olefile.OleFileIO(BytesIO(data))
        except OSError:
            return None
        try:
            if ole.exists("FileHeader") and ole.openstream("FileHeader").read(17) == b"HWP Document File":
                return "hwp"
        finally:
            ole.close()
        return None
    if data.startswith(b"PK"):
        try:
            names = set(zipfile.ZipFile(BytesIO(data)).namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "Contents/content.hpf" in names or any(n.startswith("Contents/section") for n in names):
            return "hwpx"
        if "word/document.xml" in names:
            return "docx"
    return None
