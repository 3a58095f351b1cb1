"""/staff/support/: what needs doing, most urgent first."""

import datetime as dt

from django.utils import timezone

from solidarity.letters.tests.test_translate import staff
from solidarity.registry.partial_date import PartialDate
from solidarity.support.models import Need


def test_it_lists_needs_parcels_quiet_people_and_birthdays(client, alice, parcel_need):
    staff(client, "editor")
    Need.objects.create(person=alice, kind="medicine", urgency=4, description="insulin")
    soon = timezone.localdate() + dt.timedelta(days=10)
    alice.birth_date = PartialDate(1990, soon.month, soon.day)
    alice.accepts_letters = True
    alice.save()
    body = client.get("/staff/support/").content.decode()
    assert body.index("medicine") < body.index("parcel")  # urgent first
    assert "no parcel recorded yet" in body
    assert "in 10 days" in body
    assert "Алиса Андреева" in body.split("No letters in the last 60 days")[1]
    assert "balance" not in body  # money is for coordinators


def test_it_is_not_for_translators(client, db):
    staff(client, "translator")
    assert client.get("/staff/support/").status_code == 403
