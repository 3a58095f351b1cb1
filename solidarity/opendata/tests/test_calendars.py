"""/calendar/birthdays.ics and /calendar/releases.ics: consented people behind bars."""

from icalendar import Calendar


def _events(client, url):
    response = client.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    return [c for c in Calendar.from_ical(response.content).walk("VEVENT")]


def test_it_lists_birthdays_of_consented_prisoners(client, world):
    events = _events(client, "/calendar/birthdays.ics")
    assert [str(e["summary"]) for e in events] == ["Birthday: Karl Kuznetsov"]
    start = events[0].decoded("dtstart")
    assert (start.month, start.day) == (4, 12)
    assert events[0]["rrule"]["FREQ"] == ["YEARLY"]


def test_it_lists_expected_releases_of_consented_prisoners(client, world):
    events = _events(client, "/calendar/releases.ics")
    assert [str(e["summary"]) for e in events] == ["Expected release: Karl Kuznetsov"]
    assert events[0].decoded("dtstart").year == 2029


def test_it_stays_valid_whatever_control_characters_are_stored(client, world):
    from solidarity.registry import models as m

    m.Person.objects.filter(pk=world["carl"].pk).update(name_latin="Karl\x01 Kuz\x1fnetsov")
    for url in ("/calendar/birthdays.ics", "/calendar/releases.ics"):
        for event in _events(client, url):
            assert not any(ord(c) < 32 for c in str(event["summary"]))


def _occurrences(event, years):  # type: ignore[no-untyped-def]
    """The dates a yearly event falls on in `years`, read from its RRULE by dateutil."""
    import datetime as dt

    from dateutil.rrule import rrulestr

    start = event.decoded("dtstart")
    rule = rrulestr(
        event["rrule"].to_ical().decode(), dtstart=dt.datetime.combine(start, dt.time())
    )
    return [
        d.date()
        for d in rule.between(dt.datetime(years[0], 1, 1), dt.datetime(years[-1], 12, 31, 23))
    ]


def test_it_shows_a_29_february_birthday_every_year_on_28_february_otherwise(client, world):
    from solidarity.registry import models as m
    from solidarity.registry.partial_date import PartialDate

    m.Person.objects.filter(pk=world["carl"].pk).update(birth_date=PartialDate.parse("1996-02-29"))
    [event] = _events(client, "/calendar/birthdays.ics")
    days = _occurrences(event, range(2027, 2033))
    assert [(d.year, d.month, d.day) for d in days] == [
        (2027, 2, 28), (2028, 2, 29), (2029, 2, 28), (2030, 2, 28), (2031, 2, 28), (2032, 2, 29),
    ]  # fmt: skip
    assert "28 February in other years" in str(event["summary"])
    assert "shown on 28 February" in str(event["description"])


def test_it_shows_a_release_known_to_the_month_as_that_month(client, world):
    from solidarity.registry import models as m
    from solidarity.registry.partial_date import PartialDate

    # Two years from a sentence known only to the month: the release is "March 2026".
    m.Sentence.objects.filter(person=world["carl"]).update(
        years=2,
        pronounced_on=PartialDate.parse("2024-03"),
        in_force_on=PartialDate.parse("2024-03"),
    )
    [event] = _events(client, "/calendar/releases.ics")
    first, end = event.decoded("dtstart"), event.decoded("dtend")
    assert not hasattr(first, "hour")  # all-day, no invented time either
    assert first.year == 2026 and first.month in (2, 3)
    assert (end - first).days >= 28  # the whole month, not one day
    assert "day of release is not known" in str(event["description"])
    # Named as the month it is, with the honest span of days beside it.
    assert str(event["summary"]).startswith(
        "Expected release (March 2026 (from 28 February to 30 March 2026))"
    )
    ru = client.get("/calendar/releases.ics", headers={"accept-language": "ru"})
    unfolded = ru.content.decode().replace("\r\n ", "")
    assert "Ожидаемое освобождение (март 2026 (с 28 февраля по 30 марта 2026" in unfolded


def test_it_names_spans_of_release_days():
    import datetime as dt

    from django.utils import translation

    from solidarity.opendata.views import release_span

    day = dt.date
    with translation.override("en"):
        assert release_span(day(2026, 3, 1), day(2026, 3, 31)) == "March 2026"
        assert release_span(day(2026, 2, 28), day(2026, 3, 30)) == (
            "March 2026 (from 28 February to 30 March 2026)"
        )
        assert release_span(day(2025, 12, 31), day(2026, 1, 30)) == (
            "January 2026 (from 31 December 2025 to 30 January 2026)"
        )
        assert release_span(day(2026, 3, 1), day(2026, 4, 15)) == ("from 1 March to 15 April 2026")


def test_it_links_each_event_to_the_person_on_site_url(client, world, settings):
    settings.SITE_URL = "https://solidarity.example.org"
    for url in ("/calendar/birthdays.ics", "/calendar/releases.ics"):
        [event] = _events(client, url)
        assert str(event["url"]).startswith("https://solidarity.example.org/prisoners/")


def test_it_names_people_in_the_readers_script(client, world):
    client.cookies["django_language"] = "ru"
    [event] = _events(client, "/calendar/birthdays.ics")
    assert world["carl"].name in str(event["summary"])
    assert "Karl Kuznetsov" not in str(event["summary"])
