"""Worked examples of art. 72 credit, computed by hand (see each docstring)."""

import datetime as dt

from django.utils import translation

from solidarity.registry.partial_date import PartialDate
from solidarity.registry.release import ChargeRef, add_term, expected_release


class Period:
    def __init__(self, kind: str, start: str, end: str | None) -> None:
        self.kind = kind
        self.start = PartialDate.parse(start)
        self.end = PartialDate.parse(end) if end else None


def compute(
    *,
    years=0,
    months=0,
    days=0,
    regime="general",
    in_force="2022-12-31",
    pronounced=None,
    articles=("213",),
    periods=(),
):
    return expected_release(
        years=years,
        months=months,
        days=days,
        regime=regime,
        in_force_on=PartialDate.parse(in_force) if in_force else None,
        pronounced_on=PartialDate.parse(pronounced) if pronounced else None,
        charges=[
            ChargeRef("RU", a) if isinstance(a, str) else ChargeRef("RU", *a) for a in articles
        ],
        periods=[Period(*p) for p in periods],
    )


def test_it_credits_remand_at_one_and_a_half_for_general_regime():
    """364 days in remand x 1.5 = 546; 2022-12-31 + 3y - 1d = 2025-12-30; minus 546 days."""
    c = compute(years=3, periods=[("remand", "2022-01-01", "2022-12-30")])
    assert c.release == dt.date(2024, 7, 2)
    assert not c.is_range
    assert any("546" in step for step in c.steps)


def test_it_counts_one_to_one_for_terrorism_articles():
    """Art. 205.2 is in part 3.2: 364 days count as 364, which equals serving continuously."""
    c = compute(years=3, articles=["205.2"], periods=[("remand", "2022-01-01", "2022-12-30")])
    assert c.release == dt.date(2024, 12, 31)
    assert any("3.2" in step for step in c.steps)


def test_it_applies_part_specific_exceptions_only_to_those_parts():
    """Art. 206 is one-to-one only in parts 2 and 3."""
    periods = [("remand", "2022-01-01", "2022-12-30")]
    part_one = compute(years=3, articles=[("206", "1")], periods=periods)
    part_two = compute(years=3, articles=[("206", "2")], periods=periods)
    assert part_one.release == dt.date(2024, 7, 2)
    assert part_two.release == dt.date(2024, 12, 31)


def test_it_counts_two_days_of_house_arrest_as_one():
    """181 days house arrest x 0.5 + 183 days remand x 1.5 = 365; 2024-12-30 - 365 days."""
    c = compute(
        years=2,
        periods=[("house_arrest", "2022-01-01", "2022-06-30"), ("remand", "2022-07-01", None)],
    )
    assert c.release == dt.date(2023, 12, 31)


def test_it_credits_double_for_colony_settlement():
    """10 days x 2 = 20; 2024-03-01 - 1 day = 2024-02-29; minus 20 days."""
    c = compute(
        years=1,
        regime="settlement",
        in_force="2023-03-01",
        periods=[("remand", "2023-02-19", "2023-02-28")],
    )
    assert c.release == dt.date(2024, 2, 9)


def test_it_uses_the_rules_in_force_before_2018():
    """Before 14 July 2018 remand counted one to one whatever the regime: 100 days."""
    c = compute(years=2, in_force="2017-06-01", periods=[("remand", "2017-02-21", None)])
    assert c.release == dt.date(2019, 2, 20)


def test_it_runs_an_open_remand_until_the_sentence_took_force():
    """190 days x 1.5 = 285; 2025-05-09 - 285 days."""
    c = compute(years=2, in_force="2023-05-10", periods=[("remand", "2022-11-01", None)])
    assert c.release == dt.date(2024, 7, 28)


def test_it_gives_a_range_when_the_source_gives_only_a_month():
    """In force 'May 2023': the first and last day of May bound the answer; no day invented."""
    c = compute(
        years=1,
        regime="strict",
        in_force="2023-05",
        periods=[("remand", "2022-11-01", "2023-04-30")],
    )
    assert c.is_range
    assert (c.release, c.release_latest) == (dt.date(2023, 11, 1), dt.date(2023, 12, 1))


def test_it_rounds_a_part_day_of_credit_down():
    """3 days x 1.5 = 4.5 -> 4 whole days of credit."""
    c = compute(years=1, in_force="2020-03-11", periods=[("remand", "2020-03-08", None)])
    assert c.release == dt.date(2021, 3, 10) - dt.timedelta(days=4)


def test_it_falls_back_to_the_pronouncement_date_and_says_so():
    c = compute(years=1, in_force=None, pronounced="2020-03-11")
    assert c.release == dt.date(2021, 3, 10)
    assert "pronounced" in c.steps[0]


def test_it_refuses_without_a_regime_or_a_date():
    # The regime decides how custody is credited: without custody it does not matter.
    assert compute(years=5, months=6, regime="", periods=[("remand", "2022-01-01", None)]).problem
    assert not compute(years=5, months=6, regime="").problem
    assert compute(years=5, in_force=None).problem
    assert compute(years=0).problem


def test_it_explains_in_russian():
    with translation.override("ru"):
        c = compute(years=3, periods=[("remand", "2022-01-01", "2022-12-30")])
    assert any("ст. 72" in step for step in c.steps)
    assert any("под стражей" in step.lower() for step in c.steps)


def test_it_adds_terms_at_month_ends():
    assert add_term(dt.date(2023, 1, 31), 0, 1, 0) == dt.date(2023, 2, 28)
    assert add_term(dt.date(2020, 2, 29), 1, 0, 0) == dt.date(2021, 2, 28)
    assert add_term(dt.date(2020, 1, 15), 5, 6, 10) == dt.date(2025, 7, 25)
