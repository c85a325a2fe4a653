"""A document cut into the units a comparison aligns: its paragraphs,
headings and list items as the reader shows them, each row of a table on its
own (a table changes by rows: a figure in one row, a row added), and
whatever text the structure does not cover cut at line ends, so nothing of
the text is left out of the comparison.

Each unit carries its structural label when it begins with one — an article
(제3조, 제3조의2), a 항 (①), a 호 (1.) or a 목 (가.) — and a *key*: its text
with runs of white space made one and an article's number masked, so that
제5조(목적) renumbered 제6조(목적) still lines up with itself.
"""

from __future__ import annotations

import re

from workbench.core.comparison import Unit

ARTICLE = re.compile(r"제\s*(\d+)\s*조(?:\s*의\s*(\d+))?(?=\s|\(|$)")
_LABELS = (
    ("article", ARTICLE),
    ("clause", re.compile(r"[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]")),  # ① … ㊿
    ("item", re.compile(r"\d{1,3}\.(?=\s)")),
    ("subitem", re.compile(r"[가-하]\.(?=\s)")),
)
_SPACE = re.compile(r"\s+")
_TABLE = "table"


def label_of(text: str) -> tuple[str, str]:
    """("article", "제3조") for a unit that begins with a label, else ("", "")."""
    stripped = text.lstrip()
    for kind, pattern in _LABELS:
        found = pattern.match(stripped)
        if found:
            return kind, _SPACE.sub("", found.group(0))
    return "", ""


def key_of(unit: Unit) -> str:
    """What two units must share to be the same unit: the text, white space
    made one, an article's own number masked (renumbering is a change, not a
    deletion and an insertion)."""
    text = _SPACE.sub(" ", unit.text).strip()
    if unit.label.startswith("제"):
        text = ARTICLE.sub("제#조", text, count=1)
    return text


def units_of(text: str, blocks) -> list[Unit]:
    """The units of a document's ``text``, given its structure ``blocks``
    (core.models.Block, in any order; none for a text without structure)."""
    units: list[Unit] = []
    at = 0
    for block in sorted(blocks, key=lambda b: (b.start, b.end)):
        # A unit is whole lines: a block that starts or ends inside a line (a
        # reader's structure is not always tidy) takes the whole line, so no
        # word is ever cut in two.
        line_start = text.rfind("\n", 0, max(block.start, 0)) + 1
        line_end = text.find("\n", max(min(block.end, len(text)) - 1, 0))
        start, end = max(line_start, at), len(text) if line_end < 0 else line_end
        if end <= start:
            continue
        if start > at:
            units.extend(_lines(text, at, start, "paragraph"))
        kind = getattr(block.kind, "value", block.kind)
        units.extend(_lines(text, start, end, "row" if kind == _TABLE else kind))
        at = end
    units.extend(_lines(text, at, len(text), "paragraph"))
    return units


_LINE = re.compile(r"[^\n]+")


def _lines(text: str, start: int, end: int, kind: str) -> list[Unit]:
    """The non-blank lines of text[start:end], each one unit, their ends
    trimmed of white space (a reader's paragraph is one line of the text)."""
    out = []
    for found in _LINE.finditer(text, start, end):
        line = found.group(0)
        body = line.strip()
        if not body:
            continue
        first = found.start() + len(line) - len(line.lstrip())
        label_kind, label = label_of(body)
        out.append(Unit(first, first + len(body), kind if kind != "paragraph" or not label_kind else label_kind,
                        label, body))
    return out
