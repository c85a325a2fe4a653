"""Source names another tool can use as file names.

QualCoder (and others) copy each REFI-QDA source to ``documents/<name>.txt``:
a document title such as ``AI/ML 정책: 2024/2025 전망?`` made that copy fail
("Cannot copy TextSource file … No such file or directory"), since ``/`` is
a folder and ``:``/``?`` are forbidden on Windows. The name is made safe for
every common file system; the title itself travels in the source's
Description.
"""

from __future__ import annotations

import re
import unicodedata

# Windows forbids these in a file name; / is a folder everywhere. Control
# characters and the bidirectional overrides (which can disguise an
# extension) go too.
_FORBIDDEN_RE = re.compile('[/\\\\:*?"<>|\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]')
_SPACES_RE = re.compile(r"\s+")
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
# 255 bytes is the usual limit; a Hangul syllable takes 3 in UTF-8. Leave room
# for the " (12)" a duplicate gets and the ".docx" a tool may add.
MAX_BYTES = 120


def _cap(name: str, max_bytes: int) -> str:
    while len(name.encode("utf-8")) > max_bytes:
        name = name[:-1]
    return name.rstrip(" .")


def safe_file_name(title: str, taken: set[str], max_bytes: int = MAX_BYTES) -> str:
    """A file-name-safe form of ``title``, unique in ``taken`` (compared
    case-insensitively, as Windows and macOS do) and added to it. Hangul and
    other letters are kept; forbidden characters become spaces."""
    name = _SPACES_RE.sub(" ", _FORBIDDEN_RE.sub(" ", unicodedata.normalize("NFC", title))).strip(" .")
    if name.split(".")[0].upper() in _RESERVED:
        name = f"{name}_"
    name = _cap(name, max_bytes) or "source"
    folded = {t.casefold() for t in taken}
    candidate, n = name, 2
    while candidate.casefold() in folded:
        suffix = f" ({n})"
        candidate = _cap(name, max_bytes - len(suffix.encode("utf-8"))) + suffix
        n += 1
    taken.add(candidate)
    return candidate
