"""POST /staff/registry/people/<slug>/consent/: consent as a record with its history;
given, the person appears publicly; withdrawn, they are gone from every public page,
file and feed on the next request."""

from django.test import Client

from solidarity.registry import models as m

PUBLIC = ["/prisoners/", "/api/v1/people", "/data/prisoners.csv", "/data/prisoners.json",
          "/feeds/updates.atom"]  # fmt: skip


def _body(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def _consent(client, person, granted):
    form = {
        "consent-scope": "name",
        "consent-granted": "yes" if granted else "no",
        "consent-method": "lawyer",
        "consent-given_on": "2026-11-20",
    }
    return client.post(f"/staff/registry/people/{person.slug}/consent/", form)


def test_it_publishes_on_consent_and_hides_at_once_on_withdrawal(staff_client, bob):
    client = Client()
    m.Event.objects.create(person=bob, type="detention", text_en="detained")
    for path in PUBLIC:
        assert "boris-hidden" not in _body(client.get(path)), path
    assert _consent(staff_client, bob, True).status_code == 302
    assert client.get(f"/prisoners/{bob.slug}/").status_code == 200
    for path in PUBLIC:
        assert "boris-hidden" in _body(client.get(path)), path
    assert _consent(staff_client, bob, False).status_code == 302
    assert client.get(f"/prisoners/{bob.slug}/").status_code == 404
    for path in PUBLIC:
        assert "boris-hidden" not in _body(client.get(path)), path
    records = list(bob.consent_records.order_by("id").values_list("granted", "method"))
    assert records == [(True, "lawyer"), (False, "lawyer")]
    page = staff_client.get(f"/staff/registry/people/{bob.slug}/").content.decode()
    assert page.count("· through their lawyer") == 2  # the history; the form offers it once


def test_it_names_a_missing_choice(staff_client, bob):
    r = staff_client.post(f"/staff/registry/people/{bob.slug}/consent/", {"consent-scope": "name"})
    assert r.status_code == 400 and 'class="field invalid"' in r.content.decode()
    assert not bob.consent_records.exists()
