"""Date mentions on the calendar: every result is a real date whose year
makes sense beside the document's date, and nothing raises — whatever an
analyst's documents say ("2월 29일" in a transcript dated by a percentage,
"지난 2월 29일", "'24.2.29", "2022년 6.8%")."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.entities.dates import context_before, resolve_date

YEARS = (1900, 2000, 2023, 2024, 2099)  # not leap (century), leap (400), plain, leap, the last
FORMATS = ("{y}년 {m}월 {d}일", "{y}. {m}. {d}.", "{y}-{m:02d}-{d:02d}", "{y}/{m}/{d}", "{y}.{m:02d}.{d:02d}",
           "{y}년{m}월{d}일")


def real(y: int, m: int, d: int) -> str | None:
    return date(y, m, d).isoformat() if d <= calendar.monthrange(y, m)[1] else None


def assert_real(value: str | None) -> None:
    """None, or ISO text for a real year, month or day."""
    if value is None:
        return
    parts = value.split("-")
    assert len(parts) in (1, 2, 3) and len(parts[0]) == 4, value
    date.fromisoformat(value if len(parts) == 3 else value + ("-01" if len(parts) == 2 else "-01-01"))


@pytest.mark.parametrize("year", YEARS)
def test_every_day_of_every_month_in_every_way_of_writing_it(year):
    for month in range(1, 13):
        for day in range(1, 32):
            for form in FORMATS:
                text = form.format(y=year, m=month, d=day)
                assert resolve_date(text) == real(year, month, day), text


def test_the_reported_transcript():
    # The document's date was read off "2022년 6.8%"; "2월 29일" then became 2022-02-29.
    assert resolve_date("2월 29일", "2022-06-08") is None
    assert resolve_date("2월 29일", "2024-06-08") == "2024-02-29"
    assert resolve_date("2월 29일") is None  # no year anywhere: left out, not guessed
    assert resolve_date("2022년 6.8%") is None and resolve_date("2022.6.8%") is None


def test_a_year_earlier_in_the_sentence_or_paragraph():
    text = "정부는 2024년 2월 1일부터 2월 29일까지 복귀를 기다린다고 밝혔다."
    start = text.index("2월 29일")
    assert resolve_date("2월 29일", None, context_before(text, start)) == "2024-02-29"
    assert resolve_date("2월 29일", "2023-05-01", context_before(text, start)) == "2024-02-29"  # the text wins
    # A dated mention earlier in the paragraph counts; a bare target year in an earlier sentence does not.
    text = "2023년 1월 5일 시작했다. 이어 3월 2일 끝났다."
    assert resolve_date("3월 2일", "2024-05", context_before(text, text.index("3월 2일"))) == "2023-03-02"
    text = "2035년까지 늘린다고 했다. 발표는 2월 1일이었다."
    assert resolve_date("2월 1일", "2024-05", context_before(text, text.index("2월 1일"))) == "2024-02-01"
    # Another paragraph says nothing about this one.
    text = "2020년 3월 5일 회의.\n발표는 2월 1일이었다."
    assert context_before(text, text.index("2월 1일")) == "발표는 "
    assert resolve_date("2월 1일", None, context_before(text, text.index("2월 1일"))) is None


@pytest.mark.parametrize("text,reference,expected", [
    ("2024년 5월", None, "2024-05"), ("2023. 11. 9.", None, "2023-11-09"), ("지난 8월", "2024-10-03", "2024-08"),
    ("지난 11월", "2024-03", "2023-11"), ("오는 3월 1일", "2024-03-05", "2025-03-01"),
    ("오는 3월 5일", "2024-03-05", "2024-03-05"), ("지난 3월 10일", "2024-03-05", "2023-03-10"),
    ("작년 12월", "2024-02", "2023-12"), ("지난해 2월 29일", "2025-01-01", "2024-02-29"),
    ("지난해 2월 29일", "2024-01-01", None), ("내년 1월", "2024", "2025-01"), ("올해 2월 29일", "2023-06", None),
    ("작년 12월", None, None), ("'24.2.29", None, "2024-02-29"), ("'23.2.29", None, None),
    ("’98. 3.", "2001-05", "1998-03"), ("'24년 2월 29일", None, "2024-02-29"), ("2024년 상반기", None, "2024"),
    ("2024", None, "2024"), ("7일", "2024-05-01", None), ("2월 30일", "2024", None), ("2024.05.27 17:03", None, "2024-05-27"),
    ("2월 29일", "not a date", None), ("2월 29일", "2024-13-45", None), ("작년 1월", "0001-05", None),
])
def test_examples(text, reference, expected):
    assert resolve_date(text, reference) == expected


# --- properties --------------------------------------------------------------------------------

references = st.dates(min_value=date(1901, 1, 1), max_value=date(2098, 12, 31))
months = st.integers(1, 12)
days = st.integers(1, 31)


@given(text=st.text(), reference=st.one_of(st.none(), st.text(max_size=12), references.map(date.isoformat)),
       context=st.text(max_size=80))
def test_never_raises_and_gives_a_real_date(text, reference, context):
    assert_real(resolve_date(text, reference, context))


@given(text=st.text(alphabet="0123456789년월일.-/ '’%지난오는작올해내이번", max_size=24),
       reference=st.one_of(st.none(), references.map(date.isoformat)))
def test_digits_and_date_words_in_any_order(text, reference):
    assert_real(resolve_date(text, reference))


@given(reference=references, month=months, day=days, with_day=st.booleans())
@settings(max_examples=400)
def test_relative_mentions_against_any_document_date(reference, month, day, with_day):
    ref = reference.isoformat()
    tail = f"{month}월 {day}일" if with_day else f"{month}월"
    exists = day <= (29 if month == 2 else calendar.monthrange(2001, month)[1])

    def check(value, years):
        assert_real(value)
        if value is None:  # only a day that is not in that year's calendar is left out
            assert with_day and (not exists or (month, day) == (2, 29)), (tail, ref)
        else:
            assert int(value[:4]) in years, (tail, ref, value)
            assert value[5:7] == f"{month:02d}"
        return value

    past = check(resolve_date(f"지난 {tail}", ref), (reference.year - 1, reference.year))
    if past and with_day:
        assert reference - timedelta(days=366) <= date.fromisoformat(past) <= reference
    coming = check(resolve_date(f"오는 {tail}", ref), (reference.year, reference.year + 1))
    if coming and with_day:
        assert reference <= date.fromisoformat(coming) <= reference + timedelta(days=366)
    check(resolve_date(f"작년 {tail}", ref), (reference.year - 1,))
    check(resolve_date(f"지난해 {tail}", ref), (reference.year - 1,))
    check(resolve_date(f"올해 {tail}", ref), (reference.year,))
    check(resolve_date(f"내년 {tail}", ref), (reference.year + 1,))
    check(resolve_date(tail, ref), (reference.year,))
    assert resolve_date(f"지난 {tail}") is None and resolve_date(tail) is None  # no date to count from


@given(reference=references, month=months, day=days, given_year=st.integers(1900, 2099))
def test_a_year_given_earlier_in_the_sentence_wins(reference, month, day, given_year):
    text = f"정부는 {given_year}년 1월 1일부터 {month}월 {day}일까지 받는다."
    value = resolve_date(f"{month}월 {day}일", reference.isoformat(), context_before(text, text.index(f"{month}월 {day}일")))
    assert value == real(given_year, month, day)


@given(yy=st.integers(0, 99), month=months, day=days, reference=st.one_of(st.none(), references))
def test_short_years(yy, month, day, reference):
    value = resolve_date(f"'{yy:02d}.{month}.{day}", reference and reference.isoformat())
    assert_real(value)
    if value is None:
        assert day > calendar.monthrange(2000, month)[1] or (month, day) == (2, 29)
        return
    year = int(value[:4])
    assert year % 100 == yy and value == real(year, month, day)
    if reference is None:
        assert 1969 <= year <= 2068
    else:
        assert abs(year - reference.year) <= 50


@given(year=st.integers(1900, 2099), whole=st.integers(0, 99), fraction=st.integers(0, 9),
       joiner=st.sampled_from(["년 ", "년", ".", ". "]))
def test_a_year_then_a_percentage_is_not_a_day(year, whole, fraction, joiner):
    value = resolve_date(f"{year}{joiner}{whole}.{fraction}%")
    assert value is None or value == str(year)
