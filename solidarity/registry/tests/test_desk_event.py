"""POST /staff/registry/people/<slug>/events/: a timeline event with the source it comes
from and the words quoted, shown together on the page."""

from solidarity.registry import models as m


def test_it_adds_an_event_with_its_citation(staff_client, alice):
    form = {
        "event-type": "search",
        "event-date": "2026-10",
        "event-place": "Тверь",
        "event-source_url": "https://news.example.org/a/1",
        "event-source_title": "Обыск в Твери",
        "event-source_publisher": "Example News",
        "event-source_date": "2026-10-05",
        "event-quote": "У активистки прошёл обыск",
    }
    r = staff_client.post(f"/staff/registry/people/{alice.slug}/events/", form)
    assert r.status_code == 302
    event = m.Event.objects.get(person=alice, type="search")
    citation = m.Citation.objects.get(object_id=event.pk)
    assert citation.source.publisher == "Example News" and citation.quote.startswith("У активистки")
    page = staff_client.get(f"/staff/registry/people/{alice.slug}/").content.decode()
    assert "У активистки прошёл обыск" in page and "https://news.example.org/a/1" in page


def test_it_wants_a_quote_with_a_source(staff_client, alice):
    form = {"event-type": "search", "event-source_url": "https://news.example.org/a/1"}
    r = staff_client.post(f"/staff/registry/people/{alice.slug}/events/", form)
    assert r.status_code == 400 and "Quote the words of the source" in r.content.decode()
    assert not m.Event.objects.exists()
