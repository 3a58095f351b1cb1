"""POST /staff/registry/people/<slug>/merge/: one action moves every fact, letter, need and
citation to the person kept; the merged-away address redirects; the merge is audited."""

from django.test import Client

from solidarity.accounts.models import AuditEntry
from solidarity.letters.services.writing import submit_letter
from solidarity.registry import models as m
from solidarity.registry.tests.factories import article, make_person
from solidarity.support.models import Need


def test_it_merges_a_duplicate_with_everything_it_had(staff_client, alice, case):
    client = Client()
    twin = make_person("Alisa Andreeva", slug="alisa-andreeva-2", accepts_letters=True)
    m.Charge.objects.create(person=twin, case=case, article=article("282.2"))
    m.CaseDefendant.objects.create(person=twin, case=case)
    m.Event.objects.create(person=twin, type="detention")
    letter = submit_letter(twin, body="Привет!", submission_key="twin")
    need = Need.objects.create(person=twin, kind="parcel", description="Parcel")
    r = staff_client.post(f"/staff/registry/people/{alice.slug}/merge/", {"merge-other": twin.slug})
    assert r.status_code == 302
    assert not m.Person.objects.filter(slug="alisa-andreeva-2").exists()
    assert m.Charge.objects.filter(person=alice, article__number="282.2").exists()
    assert m.Event.objects.filter(person=alice, type="detention").exists()
    letter.refresh_from_db()
    need.refresh_from_db()
    assert letter.person == alice and need.person == alice
    assert list(m.CaseDefendant.objects.filter(case=case, person=alice)) != []
    moved = client.get("/prisoners/alisa-andreeva-2/")
    assert moved.status_code == 301 and moved["Location"] == "/prisoners/alisa-andreeva/"
    assert [e.action for e in AuditEntry.objects.all()].count("registry.person.merge") == 1


def test_it_refuses_merging_a_person_with_themselves(staff_client, alice):
    r = staff_client.post(
        f"/staff/registry/people/{alice.slug}/merge/", {"merge-other": alice.slug}
    )
    assert r.status_code == 400 and "cannot be merged with themselves" in r.content.decode()
