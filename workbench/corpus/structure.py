"""Find the structure of a document: title, headings, tables, captions, notes.

Readers hand over :class:`RawPart` items — lines of plain text, or paragraphs
and tables that a structured format (docx, html, hwpx) already labelled. This
module normalises them, joins them into the document text and produces blocks
whose ``start``/``end`` are code-point offsets into that text, each carrying its
section path (e.g. ``제3장 주요국 인공지능 정책 동향 › 제1절 미국``).

The line classifier knows the conventions of Korean government reports and
news: 제N장/제N절 and numbered headings, ◇/□ sub-heads, ``<표 2-1>`` and
``[그림 3-10]`` captions, ``1) …`` footnotes, ``출처:`` source lines, and
tables of contents whose lines end in a page number (kept apart from the body
so they never become headings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from workbench.core.models import Block, BlockKind
from workbench.corpus.normalise import normalise_cell, normalise_line, normalise_newlines


@dataclass(slots=True)
class RawPart:
    """One unit from a reader: a line/paragraph, or a table when ``rows`` is set."""

    text: str = ""
    hint: BlockKind | None = None
    level: int = 0
    rows: list[list[str]] | None = None
    meta: dict = field(default_factory=dict)


def lines_to_parts(text: str) -> list[RawPart]:
    """Plain text: every line is a part; blank lines stay as separators."""
    return [RawPart(line) for line in normalise_newlines(text).split("\n")]


# --- line classification -------------------------------------------------

_TOC_TITLE_RE = re.compile(
    r"^(목\s*차|차\s*례|표\s*목\s*차|그림\s*목\s*차|CONTENTS|Contents|Table of Contents)$"
)
_TOC_ENTRY_RE = re.compile(r"(\t\s*|[.·…]{3,}\s*|\s{3,})(\d{1,4}|[ivxlc]{1,6})$")
_CAPTION_RE = re.compile(
    r"^[<〈＜\[［]\s*(표|그림|사진|도표|참고|Table|Figure|Fig\.?)\s*([\dⅠ-Ⅹ]+(?:\s*[-‐–.]\s*\d+)*)?\s*[>〉＞\]］]"
)
_SOURCE_RE = re.compile(r"^(\(?<https?://|(출처|자료|Source|Sources|資料)\s*[:：])", re.IGNORECASE)
_FOOTNOTE_RE = re.compile(r"^(\d{1,3}\)\s+\S|[¹²³⁴⁵⁶⁷⁸⁹⁰]+⁾?\s*\S|\*{1,3}\s*\S|주\s*\d*\s*[:：)]\s*\S)")
_LIST_RE = re.compile(r"^\s*([-–•·∙○◦ㅇ▪※△▲▷>]\s*\S|\(\d{1,2}\)\s*\S|[①-⑳]\s*\S)")
_IMAGE_NAME_RE = re.compile(r"^\S+\.(png|jpe?g|gif|bmp|webp|tiff?)(\?\S*)?$", re.IGNORECASE)
# A line that ends like a sentence is body text, not a heading. Bare "다" is not
# enough: 제6절 캐나다 is a heading.
_SENTENCE_END_RE = re.compile(
    r"([.!?。]|(했|한|된|있|없|였|이|하|됐|졌|왔|났|렸|았|었|겠|는|니)다|(습니|합니|됩니)다|(했|됐|였)음)[\s\"'”’)]*$"
)
_FRONT_MATTER = {
    "요약문", "요약", "국문요약", "SUMMARY", "Summary", "ABSTRACT", "Abstract",
    "참고문헌", "References", "REFERENCES", "부록", "Appendix", "결론",
}

# (pattern, level, max length). First match wins. The first three are strong
# enough that a sentence-like ending does not disqualify them.
_STRONG_RULES = 3
_HEADING_RULES: list[tuple[re.Pattern[str], int, int]] = [
    (re.compile(r"^제\s*\d+\s*장(\s|$)"), 1, 80),
    (re.compile(r"^[\[［]?(첨부|부록|별첨|Appendix)\s*\d*[\]］]?(\s|$)"), 1, 100),
    (re.compile(r"^제\s*\d+\s*절(\s|$)"), 2, 80),
    (re.compile(r"^(Chapter|CHAPTER)\s+\d+\b"), 1, 100),
    (re.compile(r"^([ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+|(I|II|III|IV|V|VI|VII|VIII|IX|X)\.)\s*\S"), 1, 80),
    (re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}\.?\s+\S"), 5, 80),
    (re.compile(r"^\d{1,2}\.\d{1,2}\.?\s+\S"), 4, 80),
    (re.compile(r"^\d{1,2}\.\s+\S"), 3, 60),
    (re.compile(r"^[◇◆□■▣◈]\s*\S"), 3, 60),
    (re.compile(r"^[가-하]\.\s+\S"), 4, 80),
]


def _ends_sentence(text: str) -> bool:
    # Only the tail matters; searching the whole of a long paragraph is slow.
    return bool(_SENTENCE_END_RE.search(text[-12:]))


def classify_line(line: str) -> tuple[BlockKind, int, dict]:
    """Return (kind, heading level, meta) for one non-blank line."""
    stripped = line.strip()
    if _TOC_TITLE_RE.match(stripped):
        return BlockKind.TOC, 0, {}
    caption = _CAPTION_RE.match(stripped)
    if len(line) < 300 and line[-1:].isalnum() and _TOC_ENTRY_RE.search(line) and (
        caption or any(rule.match(stripped) for rule, _, _ in _HEADING_RULES) or "\t" in line
    ):
        # "제1절 미국\t20", "<표 3-1> …\t21": an entry of a table of contents.
        cells = [c for c in line.split("\t") if c.strip()]
        if len(cells) <= 2 or caption:
            return BlockKind.TOC, 0, {}
    if "\t" in line:
        return BlockKind.TABLE, 0, {}
    if caption:
        label = f"{caption.group(1)} {caption.group(2) or ''}".strip()
        return BlockKind.CAPTION, 0, {"label": label}
    if _SOURCE_RE.match(stripped):
        return BlockKind.SOURCE, 0, {}
    if _FOOTNOTE_RE.match(stripped):
        return BlockKind.FOOTNOTE, 0, {}
    compact = stripped.replace(" ", "")
    if compact in _FRONT_MATTER:
        return BlockKind.HEADING, 1, {}
    for n, (rule, level, max_len) in enumerate(_HEADING_RULES):
        if rule.match(stripped) and len(stripped) <= max_len and (
            n < _STRONG_RULES or not _ends_sentence(stripped)
        ):
            return BlockKind.HEADING, level, {}
    if _LIST_RE.match(line):
        return BlockKind.LIST_ITEM, 0, {}
    return BlockKind.PARAGRAPH, 0, {}


def is_junk_line(line: str) -> bool:
    """Lines that are never a title: image file names, lone numbers, rules."""
    s = line.strip()
    return bool(
        _IMAGE_NAME_RE.match(s)
        or re.fullmatch(r"[\d\s\-–—_=*·.|]+", s)
        or len(s) < 2
    )


def derive_title(first_line: str, limit: int = 80) -> str:
    """A readable title from the first meaningful line of a document."""
    s = " ".join(first_line.split())
    if len(s) <= limit:
        return s
    cut = re.search(r"[.!?。다](?=\s)", s[:limit])
    if cut and cut.end() > 20:
        return s[: cut.end()]
    return s[: limit - 1].rstrip() + "…"


# --- assembly --------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    text: str
    hint: BlockKind | None
    level: int
    meta: dict
    table_rows: list[list[str]] | None = None  # set on the first line of a hinted table
    table_len: int = 0  # number of lines the hinted table spans


def _expand(parts: list[RawPart], paragraph_gap: bool) -> list[_Line]:
    lines: list[_Line] = []
    for part in parts:
        if paragraph_gap and lines and lines[-1].text != "":
            lines.append(_Line("", None, 0, {}))
        if part.rows is not None:
            rows = [[normalise_cell(c) for c in row] for row in part.rows]
            kept = [i for i, r in enumerate(rows) if any(c for c in r)]
            rows = [rows[i] for i in kept]
            if not rows:
                continue
            meta = renumber_rows(part.meta, kept)
            first = len(lines)
            for row in rows:
                lines.append(_Line("\t".join(row), BlockKind.TABLE, 0, meta if len(lines) == first else {}))
            lines[first].table_rows = rows
            lines[first].table_len = len(rows)
            continue
        for piece in normalise_line(normalise_newlines(part.text).replace("\n", " ") if part.hint else part.text):
            lines.append(_Line(piece, part.hint, part.level, dict(part.meta)))
    return lines


def renumber_rows(meta: dict, kept: list[int]) -> dict:
    """A table's meta after its empty rows are dropped (``kept``: the old indices of the rows
    left): merged cells (``spans``: [row, col, row_span, col_span]) cover the rows left of their
    range, and start at the first of them, or go when none is left; a nested table
    (``nested``: {"row", "col", …}) moves with its row, or goes with it."""
    meta = dict(meta)
    new_index = {old: new for new, old in enumerate(kept)}
    if isinstance(meta.get("spans"), list):
        spans = []
        for row, col, row_span, col_span in meta["spans"]:
            left = [new_index[r] for r in range(row, row + row_span) if r in new_index]
            if left and (len(left) > 1 or col_span > 1):
                spans.append([left[0], col, len(left), col_span])
        meta["spans"] = spans
    if isinstance(meta.get("nested"), list):
        meta["nested"] = [{**spec, "row": new_index[spec["row"]]} for spec in meta["nested"]
                          if spec.get("row") in new_index]
    return meta


def build(parts: list[RawPart], paragraph_gap: bool = False) -> tuple[str, list[Block], str]:
    """Join parts into the document text and find its blocks and title.

    Returns ``(text, blocks, title)``. Runs of blank lines collapse to one.
    """
    lines = _expand(parts, paragraph_gap)
    out: list[str] = []
    blocks: list[Block] = []
    stack: list[tuple[int, str]] = []
    pos = 0
    title = ""
    seen_content = False
    prev_text = ""
    blank_run = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.text == "":
            blank_run += 1
            i += 1
            continue
        if out:
            sep = "\n\n" if blank_run else "\n"
            out.append(sep)
            pos += len(sep)
        blank_run = 0

        if line.table_rows is not None or (line.hint is None and "\t" in line.text
                                           and classify_line(line.text)[0] is BlockKind.TABLE):
            # A table: a hinted table spans its rows; an unhinted one spans the
            # following tab-separated lines up to a blank or untabbed line.
            if line.table_rows is not None:
                span = lines[i : i + line.table_len]
                rows = line.table_rows
            else:
                j = i
                while j < len(lines) and lines[j].hint is None and "\t" in lines[j].text and \
                        classify_line(lines[j].text)[0] is BlockKind.TABLE:
                    j += 1
                span = lines[i:j]
                rows = [_row(l.text) for l in span]
            body = "\n".join(l.text for l in span)
            blocks.append(Block(BlockKind.TABLE, pos, pos + len(body), 0,
                                [t for _, t in stack], {**span[0].meta, "rows": rows}))
            out.append(body)
            pos += len(body)
            i += len(span)
            prev_text = ""
            continue

        text = line.text
        if line.hint is not None:
            kind, level, meta = line.hint, line.level, line.meta
            if kind is BlockKind.PARAGRAPH:
                # Structured formats know paragraphs, not captions or notes.
                kind2, level2, meta2 = classify_line(text)
                if kind2 in (BlockKind.CAPTION, BlockKind.SOURCE, BlockKind.FOOTNOTE, BlockKind.LIST_ITEM):
                    kind, level, meta = kind2, level2, meta2
        else:
            kind, level, meta = classify_line(text)
            if kind is BlockKind.PARAGRAPH and _is_subhead(text, prev_text, _next_text(lines, i)):
                kind, level = BlockKind.HEADING, 3
        meta = {**line.meta, **meta}
        if not seen_content and not is_junk_line(text):
            seen_content = True
            if kind in (BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.TITLE, BlockKind.LIST_ITEM):
                title = derive_title(text)
                short = len(text.strip()) <= 120 and not _ends_sentence(text.strip())
                if kind is BlockKind.TITLE or (short and kind is BlockKind.PARAGRAPH):
                    kind, level = BlockKind.TITLE, 0
        if kind is BlockKind.HEADING:
            level = max(1, level)
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, text.strip()))
        if is_junk_line(text) and kind is BlockKind.PARAGRAPH:
            meta = {**meta, "junk": True}
        blocks.append(Block(kind, pos, pos + len(text), level if kind is BlockKind.HEADING else 0,
                            [t for _, t in stack], meta))
        out.append(text)
        pos += len(text)
        prev_text = text
        i += 1

    for seq, block in enumerate(blocks):
        block.seq = seq
    text = "".join(out)
    if not title and text.strip():
        title = derive_title(text.strip().split("\n", 1)[0])
    return text, blocks, title


def _next_text(lines: list[_Line], i: int) -> str:
    """The next line with text. By index: a slice copied the rest of the
    document for every paragraph (quadratic: 32 MB of text took 27 s)."""
    for j in range(i + 1, len(lines)):
        if lines[j].text:
            return lines[j].text
    return ""


def _is_subhead(text: str, previous: str, following: str) -> bool:
    """A news sub-headline: a short unpunctuated line between two long paragraphs."""
    s = text.strip()
    return (
        4 <= len(s) <= 45
        and not _ends_sentence(s)
        and not s.endswith((",", ":", "：", ";"))
        and len(previous) >= 100
        and len(following) >= 100
        and "\t" not in s
    )


def _row(line: str) -> list[str]:
    cells = [c.strip() for c in line.split("\t")]
    while cells and cells[-1] == "":
        cells.pop()
    return cells
