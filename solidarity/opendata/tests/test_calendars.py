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
