import pytest
from django.utils import translation

from solidarity.registry.partial_date import PartialDate, PartialDateError, Precision


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("2023", "2023", Precision.YEAR),
        ("2023-5", "2023-05", Precision.MONTH),
        ("2023-05-03", "2023-05-03", Precision.DAY),
        ("03.05.2023", "2023-05-03", Precision.DAY),
        ("05.2023", "2023-05", Precision.MONTH),
    ],
)
def test_it_parses_with_precision(text, iso, precision):
    date = PartialDate.parse(text)
    assert date.isoformat() == iso
    assert date.precision is precision


@pytest.mark.parametrize("text", ["", "May 2023", "2023-13", "2023-02-30", "23-05-01", "0999"])
def test_it_rejects_malformed_dates_with_a_message(text):
    with pytest.raises(PartialDateError) as info:
        PartialDate.parse(text)
    assert str(info.value)


def test_it_never_invents_a_day():
    month = PartialDate.parse("2022-10")
    assert month.day is None
    assert (month.first_day().isoformat(), month.last_day().isoformat()) == (
        "2022-10-01",
        "2022-10-31",
    )
    assert PartialDate.parse("2024").last_day().isoformat() == "2024-12-31"


def test_it_displays_in_both_languages():
    with translation.override("en"):
        assert PartialDate.parse("2023-05-03").display() == "3 May 2023"
        assert PartialDate.parse("2022-10").display() == "October 2022"
    with translation.override("ru"):
        assert PartialDate.parse("2023-05-03").display() == "3 мая 2023"
        assert PartialDate.parse("2023").display() == "2023"


def test_it_sorts_years_before_their_months():
    dates = [PartialDate.parse(t) for t in ["2023-05-03", "2023", "2022-12", "2023-05"]]
    assert [d.isoformat() for d in sorted(dates, key=PartialDate.sort_key)] == [
        "2022-12",
        "2023",
        "2023-05",
        "2023-05-03",
    ]
