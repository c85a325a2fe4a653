"""Put a DATE mention on the calendar: "2024년 5월" → 2024-05,
"2023. 11. 9." → 2023-11-09, "지난 8월" in an article of 2024-10-03 → 2024-08.

Relative and partial dates need the document's own date; without it they
stay off the timeline rather than land in the wrong year. A day is kept only
when the mention gives one.
"""

from __future__ import annotations

import re

_FULL = re.compile(r"(?P<y>(19|20)\d\d)\s*(년|[.\-/])\s*(?P<m>1[0-2]|0?[1-9])\s*(월|[.\-/])?\s*"
                   r"((?P<d>3[01]|[12]\d|0?[1-9])\s*일?)?")
_SHORT_YEAR = re.compile(r"[‘'’](?P<y>\d\d)\s*[.년]\s*(?P<m>1[0-2]|0?[1-9])\s*(월|\.)?\s*((?P<d>3[01]|[12]\d|0?[1-9]))?")
_YEAR_ONLY = re.compile(r"^(?P<y>(19|20)\d\d)\s*년?(도)?$")
_MONTH_DAY = re.compile(r"^(?P<rel>지난|올해|작년|지난해|내년|오는|이번)?\s*(?P<m>1[0-2]|[1-9])\s*월(\s*(?P<d>3[01]|[12]\d|[1-9])\s*일)?")


def resolve_date(text: str, reference: str | None = None) -> str | None:
    """ISO date ("YYYY", "YYYY-MM" or "YYYY-MM-DD") of a date mention, or None.

    ``reference`` is the document's date (ISO, at least the year) for
    mentions that leave the year out.
    """
    s = " ".join(text.split())
    match = _FULL.search(s)
    if match:
        return _iso(int(match["y"]), int(match["m"]), match["d"])
    match = _SHORT_YEAR.search(s)
    if match:
        return _iso(2000 + int(match["y"]), int(match["m"]), match["d"])
    match = _YEAR_ONLY.match(s)
    if match:
        return match["y"]
    match = _MONTH_DAY.match(s)
    if match and reference:
        year, ref_month = int(reference[:4]), int(reference[5:7]) if len(reference) >= 7 else None
        month = int(match["m"])
        rel = match["rel"]
        if rel in ("작년", "지난해"):
            year -= 1
        elif rel == "내년":
            year += 1
        elif rel == "지난" and ref_month is not None and month > ref_month:
            year -= 1  # "지난 11월" written in March means last year's November
        elif rel == "오는" and ref_month is not None and month < ref_month:
            year += 1
        return _iso(year, month, match["d"])
    return None


def _iso(year: int, month: int, day: str | None) -> str:
    return f"{year:04d}-{month:02d}" + (f"-{int(day):02d}" if day else "")
