"""The ledger's arithmetic across currencies, its balances, and its refusals."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from solidarity.accounts.models import AuditEntry
from solidarity.support.models import Entry, NeedStatus
from solidarity.support.services import ledger

from .conftest import DAY


def test_it_adds_money_in_several_currencies_in_the_base_currency(rates, coordinator):
    ledger.record_income(coordinator, day=DAY, amount="100", currency_code="EUR", source="donation")
    ledger.record_income(coordinator, day=DAY, amount="250.50", currency_code="USD",
                         source="grant")  # fmt: skip
    ledger.record_income(
        coordinator, day=DAY, amount="10 000", currency_code="RUB", source="donation", rate="0.0105"
    )  # the rate given on the day wins
    assert ledger.group_balance() == Decimal("100") + Decimal("225.45") + Decimal("105.00")
    usd = Entry.objects.get(currency="USD")
    assert (usd.rate, usd.base_amount) == (Decimal("0.900000"), Decimal("225.45"))


def test_it_tracks_a_need_until_it_is_covered_and_spent(rates, coordinator, lawyer_need):
    ledger.record_income(coordinator, day=DAY, amount="200", currency_code="EUR",
                         source="donation", need=lawyer_need)  # fmt: skip
    lawyer_need.refresh_from_db()
    assert lawyer_need.status == NeedStatus.PARTLY  # 50,000 RUB = 500 EUR at 0.01
    ledger.record_income(coordinator, day=DAY, amount="30000", currency_code="RUB",
                         source="donation", need=lawyer_need)  # fmt: skip
    lawyer_need.refresh_from_db()
    assert lawyer_need.status == NeedStatus.COVERED
    ledger.record_spend(coordinator, day=DAY, amount="45000", currency_code="RUB",
                        need=lawyer_need)  # fmt: skip
    money = ledger.need_money(lawyer_need)
    assert (money.raised, money.spent, money.balance) == (
        Decimal("500.00"), Decimal("450.00"), Decimal("50.00"),
    )  # fmt: skip
    assert ledger.person_balance(lawyer_need.person) == Decimal("50.00")


def test_it_refuses_to_spend_more_than_the_balance_unless_confirmed(rates, coordinator,
                                                                    lawyer_need):  # fmt: skip
    ledger.record_income(coordinator, day=DAY, amount="10", currency_code="EUR", source="donation")
    with pytest.raises(ValidationError, match="Confirm to spend more"):
        ledger.record_spend(coordinator, day=DAY, amount="20", currency_code="EUR",
                            need=lawyer_need)  # fmt: skip
    assert not Entry.objects.filter(kind="spend").exists()
    entry = ledger.record_spend(coordinator, day=DAY, amount="20", currency_code="EUR",
                                need=lawyer_need, confirm_overspend=True)  # fmt: skip
    assert entry.overspend_confirmed
    assert AuditEntry.objects.get(action="support.spend").details["overspend"] is True
    assert ledger.group_balance() == Decimal("-10")


@pytest.mark.parametrize(
    ("amount", "currency", "message"),
    [("-5", "EUR", "more than zero"), ("0", "EUR", "more than zero"),
     ("abc", "EUR", "not an amount"), ("1.234", "EUR", "two decimals"),
     ("5", "XYZ", "Unknown currency"), ("5", "", "Unknown")],
)  # fmt: skip
def test_it_refuses_bad_amounts_and_currencies(rates, coordinator, amount, currency, message):
    with pytest.raises(ValidationError, match=message):
        ledger.record_income(coordinator, day=DAY, amount=amount, currency_code=currency,
                             source="donation")  # fmt: skip
    assert not Entry.objects.exists()


def test_it_wants_a_rate_it_does_not_have(db, coordinator):
    with pytest.raises(ValidationError, match="No rate of GEL"):
        ledger.record_income(coordinator, day=DAY, amount="5", currency_code="GEL",
                             source="donation")  # fmt: skip


def test_it_refuses_a_receipt_that_is_not_an_image_or_pdf(rates, coordinator, lawyer_need):
    ledger.record_income(coordinator, day=DAY, amount="100", currency_code="EUR", source="donation")
    with pytest.raises(ValidationError, match="PDF, JPEG or PNG"):
        ledger.record_spend(coordinator, day=DAY, amount="5", currency_code="EUR",
                            need=lawyer_need, receipt=b"MZ\x90\x00 an exe")  # fmt: skip
    entry = ledger.record_spend(coordinator, day=DAY, amount="5", currency_code="EUR",
                                need=lawyer_need, receipt=b"%PDF-1.4 receipt")  # fmt: skip
    assert entry.receipt_type == "application/pdf"
    assert Entry.objects.filter(kind="spend").count() == 1


def test_it_corrects_by_a_new_entry_never_an_edit(rates, coordinator, lawyer_need):
    income = ledger.record_income(coordinator, day=DAY, amount="100", currency_code="EUR",
                                  source="donation")  # fmt: skip
    spend = ledger.record_spend(coordinator, day=DAY, amount="60", currency_code="EUR",
                                need=lawyer_need)  # fmt: skip
    ledger.record_correction(coordinator, spend, change="-10", reason="typo: it was 50")
    assert ledger.group_balance() == Decimal("50")
    ledger.record_correction(coordinator, income, change="5", reason="bank fee refunded")
    assert ledger.group_balance() == Decimal("55")
    spend.refresh_from_db()
    assert spend.amount == Decimal("60.00")  # the original stands as it was
    with pytest.raises(ValidationError, match="negative"):
        ledger.record_correction(coordinator, spend, change="-60", reason="x")
    with pytest.raises(ValidationError, match="why"):
        ledger.record_correction(coordinator, spend, change="-1", reason=" ")


def test_it_never_logs_the_donor(rates, coordinator):
    ledger.record_income(coordinator, day=DAY, amount="5", currency_code="EUR", source="donation",
                         donor="Maria Secret-Donor")  # fmt: skip
    assert "Secret-Donor" not in str(list(AuditEntry.objects.values_list("details", flat=True)))
    assert Entry.objects.get().donor == "Maria Secret-Donor"


def test_it_keeps_the_date_of_the_last_parcel(rates, coordinator, parcel_need):
    ledger.record_income(coordinator, day=DAY, amount="100", currency_code="EUR", source="donation")
    ledger.record_spend(coordinator, day=DAY, amount="40", currency_code="EUR", need=parcel_need)
    parcel_need.refresh_from_db()
    assert parcel_need.last_parcel_on == DAY
    assert parcel_need.next_parcel_on() == DAY + dt.timedelta(days=90)
