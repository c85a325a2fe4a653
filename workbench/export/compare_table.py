"""A comparison as the rows of a 신구조문대비표 (table of old and new
provisions), the form Korean ministries and the National Assembly print an
amendment in: two columns, 현 행 | 개 정 안; the words an amendment changes
are marked in both; a provision the amendment adds reads <신 설> on the old
side, one it removes <삭 제> on the new; an unchanged one shown for context
reads (현행과 같음). The xlsx, HWPX and DOCX writers all take these rows, so
the three files say the same thing.

Marks: on the old side a changed word is struck through ("deleted"), on the
new side underlined ("inserted"); both are also bold in the writers, since a
strike-through alone is easy to miss on paper.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.comparison import CHANGED, DELETED, EQUAL, INSERTED, Comparison, Unit

PLAIN, STRUCK, UNDERLINED = "", "deleted", "inserted"

_WORDS = {
    "old": ("현 행", "Current"), "new": ("개 정 안", "Amended"),
    "added": ("<신 설>", "<new>"), "removed": ("<삭 제>", "<deleted>"),
    "same": ("(현행과 같음)", "(unchanged)"),
    "title": ("신구조문대비표", "Comparison of old and new text"),
    "summary": ("문단 {equal}개 같음 · {changed}개 바뀜 · {deleted}개 삭제 · {inserted}개 신설",
                "{equal} paragraphs unchanged · {changed} changed · {deleted} deleted · {inserted} inserted"),
}


def word(key: str, language: str) -> str:
    ko, en = _WORDS[key]
    return ko if language == "ko" else en


Run = tuple[str, str]  # (text, PLAIN | STRUCK | UNDERLINED)


@dataclass(frozen=True, slots=True)
class TableRow:
    kind: str
    old: list[Run]
    new: list[Run]

    @staticmethod
    def text(runs: list[Run]) -> str:
        return "".join(text for text, _ in runs)


CELL = " | "  # a table row's cells, tab-separated in the text, as a table shows them in one cell


def _shown(runs: list[Run]) -> list[Run]:
    return [(text.replace("\t", CELL), style) for text, style in runs]


def _runs(unit: Unit, marks: list[tuple[int, int]], style: str) -> list[Run]:
    """The unit's text cut into plain runs and marked runs."""
    out: list[Run] = []
    at = unit.start
    for start, end in sorted(marks):
        start, end = max(start, at), min(end, unit.end)
        if end <= start:
            continue
        if start > at:
            out.append((unit.text[at - unit.start:start - unit.start], PLAIN))
        out.append((unit.text[start - unit.start:end - unit.start], style))
        at = end
    if at < unit.end:
        out.append((unit.text[at - unit.start:], PLAIN))
    return out


def table_rows(comparison: Comparison, language: str = "ko", context: bool = False) -> list[TableRow]:
    """One row per changed, deleted or inserted unit (and per unchanged one
    when ``context``), in the order of the documents."""
    rows = []
    for pair in comparison.pairs:
        if pair.kind == EQUAL:
            if context and pair.old is not None:
                rows.append(TableRow(EQUAL, [(pair.old.text, PLAIN)], [(word("same", language), PLAIN)]))
        elif pair.kind == DELETED and pair.old is not None:
            rows.append(TableRow(DELETED, [(pair.old.text, STRUCK)], [(word("removed", language), PLAIN)]))
        elif pair.kind == INSERTED and pair.new is not None:
            rows.append(TableRow(INSERTED, [(word("added", language), PLAIN)], [(pair.new.text, UNDERLINED)]))
        elif pair.kind == CHANGED and pair.old is not None and pair.new is not None:
            rows.append(TableRow(CHANGED, _runs(pair.old, pair.old_marks(), STRUCK),
                                 _runs(pair.new, pair.new_marks(), UNDERLINED)))
    return [TableRow(row.kind, _shown(row.old), _shown(row.new)) for row in rows]


def summary_line(comparison: Comparison, language: str = "ko") -> str:
    return word("summary", language).format(**comparison.summary())


def title_line(comparison: Comparison, language: str = "ko") -> str:
    """"신구조문대비표: OLD → NEW", or the bare word when the sides have no titles."""
    old, new = comparison.old.title, comparison.new.title
    return f"{word('title', language)}: {old} → {new}" if old or new else word("title", language)


def column_heading(comparison: Comparison, side: str, language: str = "ko") -> str:
    """"현 행 (title)" for side "old", "개 정 안 (title)" for "new"."""
    title = getattr(comparison, side).title
    return f"{word(side, language)} ({title})" if title else word(side, language)
