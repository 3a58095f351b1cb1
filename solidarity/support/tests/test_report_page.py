"""/reports/<year>-<month>/ and its PDF: the same numbers, added up from the ledger."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from solidarity.support.services import ledger
from solidarity.support.services.report import month_report

from .conftest import DAY


def _month(coordinator, lawyer_need, bob_need):
    ledger.record_income(
        coordinator, day=dt.date(2026, 9, 30), amount="20", currency_code="EUR", source="donation"
    )  # before the month: only the opening balance
    ledger.record_income(coordinator, day=DAY, amount="100", currency_code="EUR", source="donation")
    ledger.record_income(coordinator, day=DAY, amount="50", currency_code="USD", source="grant")
    spend = ledger.record_spend(
        coordinator, day=DAY, amount="3000", currency_code="RUB", need=lawyer_need
    )  # 30 EUR
    ledger.record_correction(coordinator, spend, change="-500", reason="refund")  # -5 EUR
    ledger.record_spend(coordinator, day=DAY, amount="10", currency_code="EUR", need=bob_need)
    ledger.record_spend(coordinator, day=DAY, amount="2", currency_code="EUR", category="letters")
    ledger.record_income(coordinator, day=dt.date(2026, 11, 2), amount="7", currency_code="EUR",
                         source="donation")  # after the month  # fmt: skip


@pytest.fixture(autouse=True)
def _name_every_sum(settings):
    """These tests add figures up; singling-out has its own test below."""
    settings.REPORT_MIN_PERSON_SUM = 0
    settings.REPORT_MIN_GROUP = 1


def test_it_adds_up_the_month_across_currencies(rates, coordinator, lawyer_need, bob_need):
    _month(coordinator, lawyer_need, bob_need)
    report = month_report(2026, 10)
    assert report.opening == Decimal("20.00")
    assert report.raised == Decimal("145.00")  # 100 EUR + 50 USD at 0.90
    assert report.spent == Decimal("37.00")  # 30 - 5 + 10 + 2
    assert report.closing == Decimal("128.00")
    assert {line.key: line.amount for line in report.spent_by_kind} == {
        "lawyer": Decimal("25.00"), "parcel": Decimal("10.00"), "letters": Decimal("2.00"),
    }  # fmt: skip
    assert [(line.key, line.amount) for line in report.spent_by_person] == [
        ("alisa-andreeva", Decimal("25.00"))
    ]
    assert report.spent_unnamed == Decimal("10.00")  # bob did not consent


def test_it_publishes_the_report_without_unconsented_names(client, rates, coordinator,
                                                            lawyer_need, bob_need):  # fmt: skip
    _month(coordinator, lawyer_need, bob_need)
    body = client.get("/reports/2026-10/").content.decode()
    for text in ("145.00 EUR", "37.00 EUR", "128.00 EUR", "Alisa Andreeva", "25.00 EUR"):
        assert text in body
    assert "Хиддинк" not in body and "boris" not in body
    assert "/reports/2026-10/" in client.get("/reports/").content.decode()
    pdf = PdfReader(io.BytesIO(client.get("/reports/2026-10.pdf").content))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "145.00 EUR" in text and "37.00 EUR" in text and "Alisa Andreeva" in text
    assert "Хиддинк" not in text


def test_it_speaks_russian(client, rates, coordinator, lawyer_need, bob_need):
    _month(coordinator, lawyer_need, bob_need)
    body = client.get("/reports/2026-10/", headers={"accept-language": "ru"}).content.decode()
    assert "Собрано" in body and "октябрь" in body.lower()


def test_it_answers_404_for_a_month_that_cannot_be(client, db):
    assert client.get("/reports/2026-13/").status_code == 404
    assert client.get("/reports/1800-01/").status_code == 404


def test_it_names_no_small_sum_that_singles_someone_out(
    client, rates, coordinator, lawyer_need, bob_need, settings
):
    """Alisa's 25 EUR in the month (one parcel) and bob's hidden 10 EUR: with the defaults,
    neither a small named sum nor an unnamed line of one person is published."""
    settings.REPORT_MIN_PERSON_SUM = 50
    settings.REPORT_MIN_GROUP = 3
    _month(coordinator, lawyer_need, bob_need)
    report = month_report(2026, 10)
    assert report.spent_by_person == []
    assert report.spent_unnamed == Decimal("35.00")  # everyone's, together
    body = client.get("/reports/2026-10/").content.decode()
    by_person = body.split("Spent, by person")[-1]
    assert "25.00 EUR" not in by_person and "Alisa Andreeva" not in by_person
    assert "35.00 EUR" in by_person
