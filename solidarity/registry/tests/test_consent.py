"""A person without consent must leak nowhere: pages, search, filters, counts."""

from solidarity.registry import models as m
from solidarity.registry.tests.factories import article

PUBLIC_PAGES = [
    "/", "/prisoners/", "/cases/", "/cases/test-case/", "/facilities/",
    "/facilities/sizo-1-test/", "/prisoners/alisa-andreeva/",
    "/prisoners/?q=борис", "/prisoners/?q=Khiddink", "/prisoners/?region=Secretland",
    "/prisoners/?tag=anti-war", "/prisoners/?article=282.2", "/prisoners/?case=test-case",
]  # fmt: skip


def test_it_leaks_a_hidden_person_nowhere(client, case, bob):
    m.Charge.objects.create(person=bob, case=case, article=article("282.2"))
    m.Event.objects.create(person=bob, type="detention", text_en="Hiddink secret event")
    m.PersonAlias.objects.create(person=bob, name="Zasekrechenny")
    for url in PUBLIC_PAGES:
        for lang in ("en", "ru"):
            r = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
            body = r.content.decode()
            assert r.status_code == 200, url
            for marker in (
                "Борис",
                "Boris",
                "Hiddink",
                "Хиддинк",
                "Secretland",
                "boris-hidden",
                "Zasekrechenny",
            ):
                if marker in url:  # the page may echo the visitor's own query
                    continue
                assert marker not in body, (url, marker)


def test_it_counts_only_consenting_people(client, alice, bob):
    assert client.get("/").context["behind_bars"] == 1
    listing = client.get("/prisoners/").context
    assert listing["page"].paginator.count == 1
    assert client.get("/prisoners/?q=Хиддинк").context["page"].paginator.count == 0
    # Filter choices come only from public people: bob's region and tag are not offered.
    choices = listing["choices"]
    assert "Secretland" not in choices["regions"]
    assert [t.slug for t in choices["tags"]] == ["anarchist"]


def test_it_publishes_a_person_once_consent_is_given(client, bob):
    bob.consent_publish_name = True
    bob.save()
    assert client.get("/prisoners/boris-hidden/").status_code == 200
    assert client.get("/prisoners/?q=Hiddink").context["page"].paginator.count == 1
