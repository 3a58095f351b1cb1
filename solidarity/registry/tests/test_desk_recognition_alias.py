"""POST /staff/registry/people/<slug>/recognition/ and /aliases/: recognition as a
political prisoner (by whom, when, the statement), other names the search finds."""

from django.test import Client

from solidarity.registry import models as m


def test_it_records_a_recognition_once_per_organisation(staff_client, alice):
    form = {"recognition-by": "Memorial", "recognition-on": "2024-05",
            "recognition-url": "https://memopzk.example.org/alisa"}  # fmt: skip
    assert (
        staff_client.post(f"/staff/registry/people/{alice.slug}/recognition/", form).status_code
        == 302
    )
    recognition = alice.recognitions.get()
    assert (recognition.by, str(recognition.on)) == ("Memorial", "2024-05")
    again = staff_client.post(f"/staff/registry/people/{alice.slug}/recognition/", form)
    assert again.status_code == 400 and "recognition is recorded" in again.content.decode()
    page = staff_client.get(f"/staff/registry/people/{alice.slug}/").content.decode()
    assert 'href="https://memopzk.example.org/alisa"' in page


def test_it_adds_and_removes_another_name_and_search_follows(staff_client, alice):
    r = staff_client.post(
        f"/staff/registry/people/{alice.slug}/aliases/", {"alias-name": "Alisa Andreyeva-Frost"}
    )
    assert r.status_code == 302
    public = Client()
    found = public.get("/api/v1/people", {"q": "Frost"}).json()["items"]
    assert [p["id"] for p in found] == [alice.slug]
    alias = alice.aliases.get()
    staff_client.post(f"/staff/registry/people/{alice.slug}/aliases/", {"remove": alias.pk})
    assert not m.PersonAlias.objects.exists()
    assert public.get("/api/v1/people", {"q": "Frost"}).json()["items"] == []


def test_it_keeps_judges_and_counsel_of_a_sentence(staff_client, alice, case):
    form = {"sentence-case": case.slug, "sentence-kind": "imprisonment", "sentence-years": "3",
            "sentence-months": "0", "sentence-days": "0", "sentence-regime": "general",
            "sentence-judge": "Ivan Sudya", "sentence-counsel": "Olga Advokat"}  # fmt: skip
    assert (
        staff_client.post(f"/staff/registry/people/{alice.slug}/sentences/", form).status_code
        == 302
    )
    sentence = alice.sentences.get()
    assert (sentence.judge, sentence.counsel) == ("Ivan Sudya", "Olga Advokat")
