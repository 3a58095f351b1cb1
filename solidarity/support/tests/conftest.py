import datetime as dt

import pytest

from solidarity.support.models import Need, Rate

DAY = dt.date(2026, 10, 15)


@pytest.fixture
def rates(db):
    Rate.objects.create(date=dt.date(2026, 10, 1), currency="RUB", rate="0.0100")
    Rate.objects.create(date=dt.date(2026, 10, 1), currency="USD", rate="0.9000")


@pytest.fixture
def lawyer_need(alice):
    return Need.objects.create(person=alice, kind="lawyer", amount="50000", currency="RUB",
                               description="Appeal lawyer")  # fmt: skip


@pytest.fixture
def parcel_need(alice):
    return Need.objects.create(person=alice, kind="parcel", parcel_allowance_kg="20",
                               parcel_period_days=90, parcel_rules="No tinned food")  # fmt: skip


@pytest.fixture
def bob_need(bob):
    return Need.objects.create(person=bob, kind="parcel")
