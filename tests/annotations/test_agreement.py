"""Character-level agreement between two coders (annotations.agreement), with
every expected figure worked out by hand in the test, and a property test
over random span sets checked against a literal per-character count."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.annotations.agreement import Counts, band, compare, difference, intersection, merged


def test_nvivos_worked_example():
    # NVivo's help: 1,000 characters, 50 coded by both, 150 by one only, 800 by neither → 85 %.
    # A codes 0–100 (100), B codes 50–200 (150): both 50–100 (50), one only 0–50 and 100–200 (150).
    result = compare(1000, [(0, 100)], [(50, 200)])
    assert (result.counts.a, result.counts.b, result.counts.both, result.counts.neither) == (100, 150, 50, 800)
    assert result.counts.agreement == pytest.approx(85.0)
    # po = 850/1000 = 0.85; pA = 0.10, pB = 0.15
    # pe = 0.10·0.15 + 0.90·0.85 = 0.015 + 0.765 = 0.78
    # kappa = (0.85 − 0.78) / (1 − 0.78) = 0.07 / 0.22 = 0.318181…
    assert result.counts.kappa == pytest.approx(0.07 / 0.22)
    assert result.only_a == [(0, 50)] and result.only_b == [(100, 200)] and result.both == [(50, 100)]


def test_a_small_text_by_hand():
    # 20 characters. A: 2–8 and 12–15 (6 + 3 = 9). B: 4–10 (6).
    # both: 4–8 (4); only A: 2–4, 12–15 (2 + 3 = 5); only B: 8–10 (2); neither 20 − 9 − 6 + 4 = 9.
    result = compare(20, [(2, 8), (12, 15)], [(4, 10)])
    c = result.counts
    assert (c.a, c.b, c.both, c.neither) == (9, 6, 4, 9)
    # agreement = (4 + 9) / 20 = 65 %
    assert c.agreement == pytest.approx(65.0)
    # po = 13/20 = 0.65; pA = 9/20 = 0.45, pB = 6/20 = 0.30
    # pe = 0.45·0.30 + 0.55·0.70 = 0.135 + 0.385 = 0.52
    # kappa = (0.65 − 0.52) / 0.48 = 0.13 / 0.48 = 0.270833…
    assert c.kappa == pytest.approx(0.13 / 0.48)
    assert result.only_a == [(2, 4), (12, 15)] and result.only_b == [(8, 10)] and result.both == [(4, 8)]


def test_identical_coding_is_full_agreement():
    c = compare(50, [(10, 20), (30, 35)], [(10, 20), (30, 35)]).counts
    # po = 1; pA = pB = 15/50 = 0.3; pe = 0.09 + 0.49 = 0.58; kappa = (1 − 0.58)/(1 − 0.58) = 1
    assert c.agreement == 100.0 and c.kappa == pytest.approx(1.0)


def test_disjoint_coding():
    # 10 characters. A: 0–5, B: 5–10. both 0, neither 0 → agreement 0 %.
    # pA = pB = 0.5; pe = 0.25 + 0.25 = 0.5; po = 0 → kappa = (0 − 0.5)/0.5 = −1
    c = compare(10, [(0, 5)], [(5, 10)]).counts
    assert c.agreement == 0.0 and c.kappa == pytest.approx(-1.0)


def test_one_coder_coded_nothing():
    # 100 characters, A coded 0–20, B nothing: agreement = 80 / 100 = 80 %.
    # pA = 0.2, pB = 0; pe = 0 + 0.8·1 = 0.8; po = 0.8 → kappa = 0/0.2 = 0
    c = compare(100, [(0, 20)], []).counts
    assert c.agreement == pytest.approx(80.0) and c.kappa == pytest.approx(0.0)


def test_nobody_or_both_everything_is_defined_as_kappa_one():
    # pe == 1: the fraction is 0/0; every character agreed on, so kappa is defined as 1.
    assert compare(40, [], []).counts.kappa == 1.0
    assert compare(40, [], []).counts.agreement == 100.0
    assert compare(40, [(0, 40)], [(0, 40)]).counts.kappa == 1.0


def test_nested_and_overlapping_spans_of_one_coder_count_once():
    # A coded 10–30 and, inside it, 15–20, and 25–40 overlapping: A covers 10–40 = 30 characters, not 20+5+15.
    # B: 0–20. both 10–20 (10); neither 100 − 30 − 20 + 10 = 60; agreement (10 + 60)/100 = 70 %.
    result = compare(100, [(10, 30), (15, 20), (25, 40)], [(0, 20)])
    c = result.counts
    assert (c.a, c.b, c.both, c.neither) == (30, 20, 10, 60)
    assert c.agreement == pytest.approx(70.0)
    # pA = 0.3, pB = 0.2; pe = 0.06 + 0.7·0.8 = 0.62; po = 0.7 → kappa = 0.08/0.38
    assert c.kappa == pytest.approx(0.08 / 0.38)
    assert result.only_a == [(20, 40)] and result.only_b == [(0, 10)]


def test_spans_past_the_text_are_clipped():
    assert merged([(5, 12), (-3, 2)], 10) == [(0, 2), (5, 10)]
    assert merged([(3, 3), (4, 2)]) == []  # empty spans cover nothing
    assert merged([(0, 2), (2, 4)]) == [(0, 4)]  # touching spans join


def test_totals_add_characters():
    # Document 1: N=10, A 0–5, B 0–5 (both 5). Document 2: N=30, A 0–10, B nothing.
    # pooled: N=40, a=15, b=5, both=5, neither = 40 − 15 − 5 + 5 = 25; agreement 30/40 = 75 %
    total = compare(10, [(0, 5)], [(0, 5)]).counts + compare(30, [(0, 10)], []).counts
    assert total == Counts(40, 15, 5, 5) and total.agreement == pytest.approx(75.0)
    # pA = 15/40 = 0.375, pB = 5/40 = 0.125; pe = 0.046875 + 0.625·0.875 = 0.046875 + 0.546875 = 0.59375
    # po = 0.75 → kappa = 0.15625 / 0.40625 = 0.384615…
    assert total.kappa == pytest.approx(0.15625 / 0.40625)


def test_landis_and_koch_bands():
    assert [band(k) for k in (-0.1, 0.0, 0.2, 0.3, 0.5, 0.7, 0.8, 0.81, 1.0)] == [
        "poor", "slight", "slight", "fair", "moderate", "substantial", "substantial", "almost perfect",
        "almost perfect"]


def test_interval_helpers():
    assert intersection([(0, 10), (20, 30)], [(5, 25)]) == [(5, 10), (20, 25)]
    assert difference([(0, 10), (20, 30)], [(2, 3), (5, 25), (28, 40)]) == [(0, 2), (3, 5), (25, 28)]


spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)).map(sorted).map(tuple), max_size=8)


def _by_character(length, a, b):
    """The literal count: a set of characters per coder."""
    in_a = {i for s, e in a for i in range(s, min(e, length))}
    in_b = {i for s, e in b for i in range(s, min(e, length))}
    return len(in_a), len(in_b), len(in_a & in_b), in_a - in_b, in_b - in_a, in_a & in_b


def _chars(intervals):
    return {i for s, e in intervals for i in range(s, e)}


@settings(max_examples=300, deadline=None)
@given(length=st.integers(1, 60), a=spans, b=spans)
def test_random_span_sets(length, a, b):
    result = compare(length, a, b)
    c = result.counts
    na, nb, both, only_a, only_b, overlap = _by_character(length, a, b)
    assert (c.a, c.b, c.both) == (na, nb, both)
    assert (_chars(result.only_a), _chars(result.only_b), _chars(result.both)) == (only_a, only_b, overlap)
    assert 0.0 <= c.agreement <= 100.0
    assert c.kappa <= 1.0 + 1e-12
    swapped = compare(length, b, a).counts
    assert swapped.agreement == pytest.approx(c.agreement) and swapped.kappa == pytest.approx(c.kappa)
    same = compare(length, a, a).counts
    assert same.agreement == 100.0 and same.kappa == pytest.approx(1.0)
