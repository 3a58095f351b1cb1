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
