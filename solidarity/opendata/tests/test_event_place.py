"""Where an event happened says where the person is: the place of an event is shown, like
its facility, only for people who consented to publish their address — on the person's
page, in the API and in the public export."""

from solidarity.opendata import dump
from solidarity.registry import models as m
from solidarity.registry.partial_date import PartialDate
from solidarity.registry.tests.factories import make_person

PLACE = "MARKER-PLACE-Тайшет"


def test_it_shows_an_events_place_only_with_address_consent(client, alice, facility):
    karl = make_person("Карл Безадресный", slug="karl", facility=facility)  # name only
    for person in (alice, karl):
        m.Event.objects.create(person=person, type="transfer", facility=facility, place=PLACE,
                               date=PartialDate.parse("2025-02-01"))  # fmt: skip
    assert PLACE not in client.get("/prisoners/karl/").content.decode()
    assert PLACE in client.get("/prisoners/alisa-andreeva/").content.decode()
    events = {e["person"]: e for e in client.get("/api/v1/events").json()["items"]}
    assert (events["karl"]["place"], events["karl"]["facility"]) == (None, None)
    assert events["alisa-andreeva"]["place"] == PLACE
    rows = {r["person"]: r for r in dump.event_rows(private=False)}
    assert (rows["karl"]["place"], rows["karl"]["facility"]) == ("", "")
    assert rows["alisa-andreeva"]["place"] == PLACE
    assert {r["person"]: r for r in dump.event_rows(private=True)}["karl"]["place"] == PLACE
