"""File names that are not UTF-8, made safe to show and to store.

On Linux a file name is bytes. Python decodes an undecodable byte (a Latin-1
``é`` in ``caf\\xe9.txt``) as a lone surrogate (``os.fsdecode``): the path
still opens, but the string cannot be encoded to UTF-8 — not by a log line,
not by ``print``, not by sqlite3 — and one such name used to abort a whole
ingest. ``shown`` writes each such byte visibly as ``\\xe9`` instead: the
analyst sees which byte it was, and every consumer can encode the result.
The file itself is still opened by its real name (the ``Path`` keeps it).
"""

from __future__ import annotations

import os

__all__ = ["shown", "shown_path"]


def shown(text: str) -> str:
    """``text`` unchanged when it is valid Unicode, else with each undecodable
    byte (a surrogate escape) written as ``\\xNN`` and any other lone surrogate
    as ``\\udNNN``."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that is not an escaped byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def shown_path(path: str | os.PathLike | bytes) -> str:
    """A path as text any log, report, terminal or database can take (see ``shown``)."""
    return shown(os.fsdecode(path))
