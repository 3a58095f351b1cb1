"""Property-based tests of every parser: whatever the text, an answer or a clear refusal.

Each parser gets generated well-formed input (and must read it exactly) and arbitrary input
(and must neither crash nor invent). Derandomised: the same examples on every run, so CI
cannot fail on a lucky draw; change the seed locally to explore.
"""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solidarity.intake.extract import dates, facts
from solidarity.intake.extract.quantities import terms
from solidarity.letters.precheck import CATEGORIES, check
from solidarity.registry.partial_date import PartialDate, PartialDateError

PROPERTIES = settings(max_examples=150, deadline=None, derandomize=True,
                      suppress_health_check=list(HealthCheck))  # fmt: skip
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)
RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря"]  # fmt: skip
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]  # fmt: skip


# --- dates with precision -----------------------------------------------------------------


@PROPERTIES
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.sampled_from(["day", "month", "year"]))  # fmt: skip
def test_partial_dates_read_back_what_they_write(day, precision):
    value = PartialDate(day.year, None if precision == "year" else day.month,
                        day.day if precision == "day" else None)  # fmt: skip
    assert PartialDate.parse(value.isoformat()) == value


@PROPERTIES
@given(TEXT)
def test_partial_dates_refuse_what_they_cannot_read(text):
    try:
        parsed = PartialDate.parse(text)
    except PartialDateError:
        return
    assert PartialDate.parse(parsed.isoformat()) == parsed


@PROPERTIES
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.sampled_from(["ru", "en"]))  # fmt: skip
def test_the_reader_finds_a_written_date_exactly(day, language):
    if language == "ru":
        text = f"Его задержали {day.day} {RU_MONTHS[day.month - 1]} {day.year} года в Москве."
    else:
        text = f"He was detained on {day.day} {EN_MONTHS[day.month - 1]} {day.year} in Moscow."
    found = dates.find_absolute(text)
    dates.fill_years(text, found, None)
    assert [d.value() for d in found] == [day.isoformat()]


@PROPERTIES
@given(TEXT, st.integers(min_value=1950, max_value=2099) | st.none())
def test_the_reader_never_invents_a_day(text, context_year):
    found = dates.find_absolute(text)
    dates.fill_years(text, found, context_year)
    for date in found:
        value = date.value()
        if value is None:
            continue
        parsed = PartialDate.parse(value)  # a real calendar date at its precision
        if parsed.day is not None:
            assert str(date.day) in text


# --- terms --------------------------------------------------------------------------------


@PROPERTIES
@given(st.integers(0, 25), st.integers(0, 11), st.sampled_from(["ru", "en"]))
def test_terms_in_digits_become_months(years, months, language):
    if years == 0 and months == 0:
        return
    if language == "ru":
        parts = ([f"{years} лет"] if years else []) + ([f"{months} месяцев"] if months else [])
        text = "приговорил к " + " и ".join(parts)
    else:
        parts = ([f"{years} years"] if years else []) + ([f"{months} months"] if months else [])
        text = "sentenced to " + " and ".join(parts)
    assert [t.months for t in terms(text)] == [years * 12 + months]


@PROPERTIES
@given(TEXT)
def test_terms_never_crash_or_go_negative(text):
    for term in terms(text):
        assert term.months >= 0 and 0 <= term.start <= term.end <= len(text)


# --- article numbers --------------------------------------------------------------------------


@PROPERTIES
@given(st.integers(100, 361), st.integers(0, 9) | st.none(), st.integers(1, 9) | st.none(),
       st.sampled_from(["ru", "en"]))  # fmt: skip
def test_article_numbers_are_read_in_their_usual_forms(number, sub, part, language):
    article = f"{number}.{sub}" if sub is not None else str(number)
    if language == "ru":
        text = f"по ч. {part} ст. {article} УК РФ" if part else f"по статье {article} УК РФ"
    else:
        text = (f"under part {part} of Article {article} of the Criminal Code" if part
                else f"under Article {article} of the Criminal Code")  # fmt: skip
    found = facts.charges(text)
    assert [(f.value["article"], f.value["part"]) for f in found] == [
        (article, str(part) if part else None)
    ]


@PROPERTIES
@given(TEXT)
def test_charges_never_crash(text):
    for found in facts.charges(text):
        assert found.value["article"][0].isdigit()


# --- the letter pre-check ---------------------------------------------------------------------


@PROPERTIES
@given(TEXT)
def test_the_precheck_answers_every_text(text):
    result = check(text)
    assert result.language
    assert {flag.category for flag in result.flags} <= set(CATEGORIES)
    assert check(text) == result  # the same text, the same answer


# --- CSV rows ------------------------------------------------------------------------------------

CELL = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
               max_size=40)  # fmt: skip


@pytest.mark.django_db
@PROPERTIES
@given(st.lists(st.tuples(CELL, CELL, CELL, CELL), min_size=1, max_size=5))
def test_an_import_writes_all_valid_rows_or_nothing(rows):
    from solidarity.opendata.importing import ImportFailed, parse_csv, run
    from solidarity.registry.models import Person

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "name", "status", "birth_date"])
    writer.writerows(rows)
    before = Person.objects.count()
    try:
        report = run(None, {"people": parse_csv(buffer.getvalue(), "people", {})})
    except ImportFailed as failed:
        assert failed.problems and all(p.row >= 2 for p in failed.problems)
        assert Person.objects.count() == before
        return
    created = report.counts.get("people", {}).get("created", 0)
    assert Person.objects.count() == before + created


# --- money -----------------------------------------------------------------------------------


@PROPERTIES
@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999"), places=2))
def test_amounts_are_read_as_typed(amount):
    from solidarity.support.services.ledger import money

    assert money(str(amount)) == amount
    assert money(str(amount).replace(".", ",")) == amount
