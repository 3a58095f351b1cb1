"""/staff/registry/people/<slug>/edit/: two editors of one person cannot overwrite each
other unseen; the second save is refused, naming what changed in between."""

from solidarity.accounts.models import AuditEntry
from solidarity.registry import actions
from solidarity.registry import models as m


def _form(person, **overrides):
    data = {
        "name": person.name, "name_latin": person.name_latin, "status": person.status_id,
        "country": person.country, "region": person.region, "full_name": person.full_name,
        "version": person.version,
    }  # fmt: skip
    data.update(overrides)
    return data


def test_it_saves_and_logs_the_previous_value(staff_client, alice):
    r = staff_client.post(f"/staff/registry/people/{alice.slug}/edit/", _form(alice, region="Perm"))
    assert r.status_code == 302
    alice.refresh_from_db()
    assert alice.region == "Perm" and alice.version == 2
    entry = AuditEntry.objects.get(action="registry.person.update")
    assert entry.details["fields"] == {"region": {"from": "Moscow", "to": "Perm"}}
    page = staff_client.get(f"/staff/registry/people/{alice.slug}/").content.decode()
    assert "Moscow → Perm" in page


def test_it_refuses_a_save_over_a_newer_one_and_loses_nothing(staff_client, alice, coordinator):
    loaded = _form(alice, region="Perm")
    actions.update_person(coordinator, alice, {"name_latin": "Alisa Andreyeva"})
    r = staff_client.post(f"/staff/registry/people/{alice.slug}/edit/", loaded)
    body = r.content.decode()
    assert r.status_code == 200 and "Someone else saved this person" in body
    assert "name_latin" in body and 'value="Perm"' in body
    alice.refresh_from_db()
    assert alice.region == "Moscow" and alice.name_latin == "Alisa Andreyeva"


def test_it_never_logs_a_hidden_persons_name_or_an_encrypted_value(staff_client, bob):
    form = _form(bob, name="Борис Другой", full_name="Хиддинк Борис Секретович")
    assert staff_client.post(f"/staff/registry/people/{bob.slug}/edit/", form).status_code == 302
    entry = AuditEntry.objects.get(action="registry.person.update")
    assert entry.details["fields"]["name"] is None and entry.details["fields"]["full_name"] is None
    assert "Другой" not in str(entry.details) and "Секретович" not in str(entry.details)
    assert m.Person.objects.get(pk=bob.pk).name == "Борис Другой"


def test_it_names_statuses_and_facilities_in_the_history_and_shows_every_fact(
    staff_client, alice, case, coordinator
):
    from solidarity.registry.tests.factories import article, make_facility

    colony = make_facility(slug="ik-5", name_en="IK-5 Sunny", kind="ik")
    actions.transfer_person(coordinator, alice, colony)
    actions.update_person(coordinator, alice, {"status": m.PersonStatus.objects.get(code="colony")})
    actions.add_charge(coordinator, alice, case, article("213"), part="2")
    page = staff_client.get(f"/staff/registry/people/{alice.slug}/").content.decode()
    assert "SIZO-1 Testgrad → IK-5 Sunny" in page
    assert "in remand prison → in a penal colony" in page and "charge added" in page


def test_it_warns_of_a_duplicate_beside_another_problem(staff_client, alice):
    form = {"name": "Alisa Andreeva", "status": m.PersonStatus.objects.get(code="remand").pk,
            "birth_date": "1990-13-45"}  # fmt: skip
    body = staff_client.post("/staff/registry/people/new/", form).content.decode()
    assert "Is this someone already in the registry?" in body and "1990-13-45" in body
