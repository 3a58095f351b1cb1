"""A birthday has a consent of its own (none / the year / the date), changed through
registry.actions.record_consent, and every public output honours it: the person page, the
API, the CSV and JSON files (the public export uses the same columns) and the calendar."""

from solidarity.registry import actions
from solidarity.registry import models as m
from solidarity.registry.partial_date import PartialDate
from solidarity.registry.tests.factories import make_person


def outputs(client, slug: str) -> str:  # type: ignore[no-untyped-def]
    texts = [
        client.get(f"/api/v1/people/{slug}").content.decode(),
        client.get("/api/v1/people").content.decode(),
        b"".join(client.get("/data/prisoners.csv").streaming_content).decode(),
        b"".join(client.get("/data/prisoners.json").streaming_content).decode(),
        client.get("/calendar/birthdays.ics").content.decode(),
        client.get(f"/prisoners/{slug}/").content.decode(),
    ]
    return "\n".join(texts)


def test_it_publishes_a_birthday_only_as_far_as_consented(client, coordinator, db):
    lena = make_person("Лена Именинница", slug="lena", status="colony",
                       birth_date=PartialDate.parse("1993-06-17"))  # fmt: skip
    assert lena.consent_publish_birthday == "none"
    seen = outputs(client, "lena")
    assert "1993" not in seen and "06-17" not in seen and "0617" not in seen

    actions.record_consent(coordinator, lena, "birthday_year", True, method="letter")
    seen = outputs(client, "lena")
    assert "1993" in seen and "1993-06" not in seen and "0617" not in seen

    actions.record_consent(coordinator, lena, "birthday_day", True, method="letter")
    seen = outputs(client, "lena")
    assert "1993-06-17" in seen and "0617" in seen  # the calendar: DTSTART 20000617

    actions.record_consent(coordinator, lena, "birthday_day", False, method="letter")
    lena.refresh_from_db()
    assert lena.consent_publish_birthday == "none"
    assert "1993" not in outputs(client, "lena")
    records = m.ConsentRecord.objects.filter(person=lena).order_by("id")
    scopes = list(records.values_list("scope", "granted"))
    assert scopes == [("birthday_year", True), ("birthday_day", True), ("birthday_day", False)]
