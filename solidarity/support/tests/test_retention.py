"""`solidarity purge` forgets donors after SUPPORT_DONOR_RETENTION_DAYS; the money stays."""

import datetime as dt
from decimal import Decimal

from django.core.management import call_command
from django.utils import timezone

from solidarity.support.models import Entry
from solidarity.support.services import ledger


def test_it_forgets_old_donors_and_keeps_the_amounts(rates, coordinator, settings):
    settings.SUPPORT_DONOR_RETENTION_DAYS = 30
    today = timezone.localdate()
    ledger.record_income(coordinator, day=today - dt.timedelta(days=40), amount="10",
                         currency_code="EUR", source="donation", donor="Old Friend")  # fmt: skip
    ledger.record_income(coordinator, day=today, amount="5", currency_code="EUR",
                         source="donation", donor="New Friend")  # fmt: skip
    call_command("purge")
    donors = dict(Entry.objects.values_list("amount", "donor"))
    assert donors == {Decimal("10.00"): "", Decimal("5.00"): "New Friend"}
    assert ledger.group_balance() == Decimal("15.00")
