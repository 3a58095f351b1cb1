"""/feeds/updates.atom: new people and events of consented people."""

from xml.etree import ElementTree

ATOM = "{http://www.w3.org/2005/Atom}"


def test_it_is_atom_with_consented_people_only(client, world):
    response = client.get("/feeds/updates.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert any("Karl Kuznetsov" in t for t in titles)
    assert any("detention" in t and "2023-05-03" in t for t in titles)
    assert "Засекреченный" not in response.content.decode()
    assert "boris" not in response.content.decode()


def test_it_stays_valid_xml_whatever_control_characters_are_stored(client, world):
    """A story and an event text stored with characters XML forbids (as an import or an
    older version could store them) once took the feed down with a 500."""
    from solidarity.registry import models as m

    carl = world["carl"]
    m.Person.objects.filter(pk=carl.pk).update(story_en="Bad\x01story\x0bhere\x1f")
    m.Event.objects.filter(person=carl).update(text_en="Event\x02text\x0c")
    m.Person.objects.filter(pk=carl.pk).update(name_latin="Karl\x03 Kuznetsov")
    response = client.get("/feeds/updates.atom")
    assert response.status_code == 200
    feed = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    assert any("Badstoryhere" in (e.findtext(f"{ATOM}summary") or "") for e in
               feed.iter(f"{ATOM}entry"))  # fmt: skip
