"""The parts of the reader on their own: terms, dates, article numbers and names."""

import datetime

import pytest

from solidarity.intake.extract import dates, facts
from solidarity.intake.extract.quantities import terms


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("sentenced to 5.5 years", 66),
        ("five and a half years in a colony", 66),
        ("приговорил к 3,5 годам", 42),
        ("к пяти с половиной годам колонии", 66),
        ("4 года и 2 месяца", 50),
        ("three years and two months", 38),
        ("a year and a half", 18),
        ("полутора годам", 18),
        ("twenty-two years", 264),
        ("восьми месяцам", 8),
    ],
)
def test_it_reads_terms_in_digits_and_words(text, months):
    assert [t.months for t in terms(text)] == [months]


def _values(text, published=None):
    found = dates.find_absolute(text)
    dates.fill_years(text, found, published)
    return [d.value() for d in found]


def test_it_keeps_the_precision_the_text_gives():
    assert _values("on 3 May 2023") == ["2023-05-03"]
    assert _values("in October 2022") == ["2022-10"]
    assert _values("в августе 2024-го") == ["2024-08"]
    assert _values("in 2021") == ["2021"]


def test_it_gives_a_list_of_days_the_year_at_its_end():
    assert _values("12 января, 3 февраля и 20 марта 2026 года") == [
        "2026-01-12", "2026-02-03", "2026-03-20",
    ]  # fmt: skip


def test_it_takes_a_missing_year_from_the_publication_date_only():
    published = datetime.date(2024, 6, 1)
    assert _values("через три месяца, 14 апреля", published) == ["2024-04-14"]
    # a day after the publication date belongs to the year before
    assert _values("14 декабря", published) == ["2023-12-14"]
    found = dates.find_absolute("on 3 March")
    dates.fill_years("on 3 March", found, published)
    assert found[0].inferred
    # no publication date: no year, whatever other year the text names (a birth year is
    # no date of anything)
    assert _values("Мария, 2004 г. р., задержана 14 апреля") == [None]


def test_it_counts_relative_dates_from_the_last_date_and_never_invents_a_day():
    anchor = dates.DateMention(0, 0, 2023, 5, 3)
    assert dates.resolve_relative("Two days later he was remanded.", anchor).value() == (
        "2023-05-05"
    )
    assert dates.resolve_relative("The same day.", anchor).value() == "2023-05-03"
    assert dates.resolve_relative("На следующий день", anchor).value() == "2023-05-04"
    month_only = dates.DateMention(0, 0, 2024, 8)
    assert dates.resolve_relative("three days later", month_only) is None
    assert dates.resolve_relative("через три месяца", month_only).value() == "2024-11"


@pytest.mark.parametrize(
    ("text", "article", "part"),
    [
        ("по ч. 2 ст. 205.2 УК РФ", "205.2", "2"),
        ("under part 2 of Article 205.2 of the Criminal Code", "205.2", "2"),
        ("статья 280", "280", None),
        ("Article 282.1", "282.1", None),
        ("for hooliganism", "213", None),
        ("justification of terrorism", "205.2", None),
        ("за оправдание терроризма", "205.2", None),
        ("за «фейки» об армии", "207.3", None),
        ("по делу о дискредитации армии", "280.3", None),
    ],
)
def test_it_finds_charges_by_number_and_by_name(text, article, part):
    found = facts.charges(text)
    assert [(f.value["article"], f.value["part"]) for f in found] == [(article, part)]


def test_it_does_not_take_time_in_remand_for_a_sentence():
    assert facts.sentences("He spent five months in pre-trial detention.") == []
    assert facts.sentences("Суд арестовал его на два месяца.") == []
    found = facts.sentences("Суд приговорил его к 6 годам колонии общего режима.")
    assert [(f.value["months"], f.value["regime"]) for f in found] == [(72, "general")]
