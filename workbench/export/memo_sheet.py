"""The briefing's "Memos" sheet: the project journal (oldest entry first),
the documents' memos and the tags' definitions and memos, each with who
wrote it, who last changed it and when — what a reader of the briefing
needs to know of the analyst's reasoning beside the passages.

Plain rows in (:class:`MemoRow`, built by services.memos), one write-only
sheet out, written the way the briefing's other sheets are (export.xlsx's
``_Sheet``): styled header, frozen, filtered, wrapped, one page wide, every
word in the briefing's language. services.export passes
:func:`memo_sheet` to ``xlsx_steps`` only when there is something to show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from workbench.export.rows import Briefing
from workbench.export.sheets import sheet_name
from workbench.export.words import is_korean
from workbench.export.xlsx import _Sheet, _time_label

KOREAN = {"Memos": "메모", "Kind": "종류", "About": "대상", "Definition and rules": "정의와 규칙", "Memo": "메모",
          "Written by": "작성자", "Written": "작성일시", "Last changed by": "마지막 수정자", "Changed": "수정일시",
          "Journal": "연구 일지", "Document": "문서", "Tag": "태그"}


def word(english: str, language: str) -> str:
    return KOREAN[english] if is_korean(language) else english


@dataclass(slots=True)
class MemoRow:
    kind: str  # "project" (a journal entry), "document" or "tag"
    about: str  # the document's title, the tag's path; "" for the journal
    text: str
    definition: str = ""  # a tag's definition and rules (its description)
    author: str = ""
    created: datetime | None = None  # local, zone attached
    modifier: str = ""
    modified: datetime | None = None


def memo_sheet(rows: list[MemoRow]) -> Callable[..., Iterator[int]]:
    """A sheet writer for ``xlsx_steps(extra_sheets=…)``."""

    def write(wb, styles, taken, briefing: Briefing, page: tuple, done: int) -> Iterator[int]:
        lang = briefing.language
        labels = [word(w, lang) for w in ("Kind", "About", "Definition and rules", "Memo", "Written by")]
        labels += [_time_label(word("Written", lang), [r.created for r in rows]), word("Last changed by", lang),
                   _time_label(word("Changed", lang), [r.modified for r in rows])]
        sheet = _Sheet(wb, styles, sheet_name(word("Memos", lang), taken), labels,
                       [10, 28, 36, 60, 14, 17, 14, 17], [8, 12, 14, 30, 8, 17, 8, 17], page)
        kinds = {"project": word("Journal", lang), "document": word("Document", lang), "tag": word("Tag", lang)}
        for row in rows:
            sheet.add([kinds.get(row.kind, row.kind), row.about, row.definition, row.text, row.author, row.created,
                       row.modifier, row.modified])
            done += 1
            yield done
        sheet.finish()

    return write
