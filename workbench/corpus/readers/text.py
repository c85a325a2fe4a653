"""Plain text and Markdown.

Plain text keeps its lines exactly (after decoding and normalisation), so the
analyst reads what the file holds. Markdown loses only the markup that would
otherwise be read as text: heading hashes and pipe-table syntax.
"""

from __future__ import annotations

import re
from pathlib import Path

from workbench.core.models import BlockKind
from workbench.corpus.decode import decode_text
from workbench.corpus.readers import ReaderResult
from workbench.corpus.structure import RawPart, lines_to_parts
from workbench.corpus.normalise import normalise_newlines


def read_txt(path: Path, data: bytes) -> ReaderResult:
    text, encoding = decode_text(data, path.name)
    return ReaderResult(lines_to_parts(text), encoding=encoding)


_MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_TABLE_SEP_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _md_cells(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", s)]


def read_markdown(path: Path, data: bytes) -> ReaderResult:
    text, encoding = decode_text(data, path.name)
    lines = normalise_newlines(text).split("\n")
    parts: list[RawPart] = []
    i = 0
    in_fence = False
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            i += 1
            continue
        if not in_fence:
            heading = _MD_HEADING_RE.match(line)
            if heading:
                parts.append(RawPart(heading.group(2), BlockKind.HEADING, len(heading.group(1))))
                i += 1
                continue
            if "|" in line and i + 1 < len(lines) and _MD_TABLE_SEP_RE.match(lines[i + 1]):
                rows = [_md_cells(line)]
                i += 2
                while i < len(lines) and "|" in lines[i] and lines[i].strip():
                    rows.append(_md_cells(lines[i]))
                    i += 1
                parts.append(RawPart(rows=rows))
                continue
        parts.append(RawPart(line))
        i += 1
    return ReaderResult(parts, encoding=encoding)
