"""Put a DATE mention on the calendar: "2024년 5월" → 2024-05,
"2023. 11. 9." → 2023-11-09, "지난 8월" in an article of 2024-10-03 → 2024-08.

A mention that leaves the year out takes it from what is around it: a year
written earlier in the same sentence ("2024년 2월 1일부터 2월 29일까지"), or a
dated mention earlier in the same paragraph, or else the document's own
date. Relative words (지난, 오는, 작년, 올해, 내년…) count from the
document's date only. Without either the mention stays off the timeline
rather than land in the wrong year, and so does anything that is not a real
day on the calendar ("2023년 2월 29일"): :func:`resolve_date` returns None and
never raises, so a chart can count what it left out. A day is kept only when
the mention gives one.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_M = r"(?P<m>1[0-2]|0?[1-9])"
_D = r"(?P<d>3[01]|[12]\d|0?[1-9])"
# One way of writing a date throughout: 2024년 2월 29일, 2024. 2. 29., 2024-02-29 or
# 2024/2/29. "2022년 6.8%" (a year, then a percentage) mixes them and is no date.
_KOREAN = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*년\s*" + _M + r"\s*월(?:\s*" + _D + r"\s*일)?")
_SYMBOLS = re.compile(r"(?<![\d.])(?>(?P<y>(?:19|20)\d\d)\s*(?P<sep>[.\-/])\s*" + _M
                      + r"(?:\s*(?P=sep)\s*" + _D + r")?(?!\d)(?:\s*(?P=sep))?)(?!\s*%)(?!\d)")
# '24.2.29, ’24년 2월: a year of two digits, in either way.
_SHORT_KOREAN = re.compile(r"[‘'’](?P<y>\d\d)\s*년\s*" + _M + r"\s*월(?:\s*" + _D + r"\s*일)?")
_SHORT_SYMBOLS = re.compile(r"[‘'’](?>(?P<y>\d\d)\s*\.\s*" + _M + r"(?:\s*\.\s*" + _D
                            + r")?(?!\d)(?:\s*\.)?)(?!\s*%)(?!\d)")
_YEAR_ONLY = re.compile(r"^(?P<y>(?:19|20)\d\d)\s*(?:년\s*(?:도|대)?\s*(?:상반기|하반기|[1-4]\s*분기|초|말|중)?)?$")
_RELATIVE = r"(?P<rel>지난해|지난|올해|작년|내년|오는|이번)"
_MONTH_DAY = re.compile(r"^(?:" + _RELATIVE + r"\s*)?(?P<m>1[0-2]|0?[1-9])\s*월(?:\s*" + _D + r"\s*일)?$")
_REFERENCE = re.compile(r"^\s*(?P<y>\d{4})(?:-(?P<m>\d\d)(?:-(?P<d>\d\d))?)?")
# A year written before a mention: "2024년", "2024. 2.", "2024-02"; with its month when given.
_CONTEXT_YEAR = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)(?:\s*년(?:\s*(?P<m1>1[0-2]|0?[1-9])\s*월)?"
                           r"|\s*[.\-/]\s*(?P<m2>1[0-2]|0?[1-9])(?![\d%]))")
# The end of a Korean sentence: a syllable, then . ! or ?, then a space ("…했다. ", "…까요? ").
_SENTENCE_END = re.compile(r"(?:[가-힣][.!?]|[!?…])(?=\s)")
CONTEXT_CHARS = 300  # how far back, within the paragraph, a year is looked for


def resolve_date(text: str, reference: str | None = None, context: str = "") -> str | None:
    """ISO date ("YYYY", "YYYY-MM" or "YYYY-MM-DD") of a date mention, or None.

    ``reference`` is the document's date (ISO, at least the year) for
    mentions that leave the year out or count from it; ``context`` is the
    text just before the mention (see :func:`context_before`), where an
    explicit year is looked for first. The result is always a real date.
    """
    s = " ".join(unicodedata.normalize("NFKC", str(text)).split())
    for pattern in (_KOREAN, _SYMBOLS):
        match = pattern.search(s)
        if match:
            return _iso(int(match["y"]), int(match["m"]), match["d"])
    for pattern in (_SHORT_KOREAN, _SHORT_SYMBOLS):
        match = pattern.search(s)
        if match:
            return _iso(_century(int(match["y"]), _reference(reference)), int(match["m"]), match["d"])
    match = _YEAR_ONLY.match(s)
    if match:
        return match["y"]
    match = _MONTH_DAY.match(s)
    if not match:
        return None  # "7일": no month to place it in
    month, day = int(match["m"]), int(match["d"]) if match["d"] else None
    year = _year_for(match["rel"], month, day, _reference(reference), context)
    return None if year is None else _iso(year, month, match["d"])


def context_before(text: str, start: int, limit: int = CONTEXT_CHARS) -> str:
    """The text before offset ``start`` in its paragraph, at most ``limit`` characters."""
    begin = max(0, start - limit)
    newline = text.rfind("\n", begin, start)
    return text[(newline + 1 if newline >= 0 else begin):start]


def _year_for(rel: str | None, month: int, day: int | None, ref: tuple[int, int | None, int | None] | None,
              context: str) -> int | None:
    """The year a mention without one means, or None when nothing says."""
    if rel is None:
        year = _context_year(context)
        if year is not None:
            return year
        return ref[0] if ref else None
    if ref is None:
        return None  # "작년 12월" needs to know when it was written
    year, ref_month, ref_day = ref
    if rel in ("작년", "지난해"):
        return year - 1
    if rel == "내년":
        return year + 1
    if rel in ("올해", "이번"):
        return year
    if ref_month is None:
        return year  # "지난 8월" in a document dated only by its year
    # Compare by day when both give one, else by month.
    mention, written = ((month, day), (ref_month, ref_day)) if day and ref_day else ((month,), (ref_month,))
    if rel == "지난":  # the last such date on or before the document's: "지난 11월" written in March
        return year - 1 if mention > written else year
    return year + 1 if mention < written else year  # 오는: the next one on or after it


def _context_year(context: str) -> int | None:
    """A year written earlier in the same sentence, or with its month earlier in the paragraph."""
    if not context:
        return None
    ends = [m.end() for m in _SENTENCE_END.finditer(context)]
    sentence_start = ends[-1] if ends else 0
    for match in reversed(list(_CONTEXT_YEAR.finditer(context))):
        if match.start() >= sentence_start or match["m1"] or match["m2"]:
            return int(match["y"])
    return None


def _reference(reference: str | None) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of the document's date, or None when it is missing or not a date."""
    match = _REFERENCE.match(reference or "")
    if not match:
        return None
    year, month, day = int(match["y"]), match["m"] and int(match["m"]), match["d"] and int(match["d"])
    if not 1 <= year <= 9999 or (month is not None and not 1 <= month <= 12):
        return None
    if day is not None and _iso(year, month, str(day)) is None:
        day = None
    return year, month, day


def _century(yy: int, ref: tuple[int, int | None, int | None] | None) -> int:
    """'24 → 2024. Beside a document's date, the century that puts it nearest that date
    (a '98 in a 2001 report is 1998); otherwise 00–68 → 2000s, 69–99 → 1900s, as strptime."""
    if ref is None:
        return (2000 if yy <= 68 else 1900) + yy
    return min((c + yy for c in (1800, 1900, 2000, 2100)), key=lambda y: (abs(y - ref[0]), y))


def _iso(year: int, month: int, day: str | None) -> str | None:
    """ISO text for a real year-month[-day], None for 2023-02-29 or a year out of range."""
    try:
        value = date(year, month, int(day) if day else 1)
    except ValueError:
        return None
    return value.isoformat() if day else value.isoformat()[:7]
