"""/staff/registry/people/new/: a person is created through registry.actions, with
likely duplicates shown first and bad input named beside its field."""

from solidarity.accounts.models import AuditEntry
from solidarity.registry import models as m


def _form(**overrides):
    data = {
        "name": "Вера Тестова", "name_latin": "", "country": "RU", "birth_date": "1990",
        "status": m.PersonStatus.objects.get(code="remand").pk,
    }  # fmt: skip
    data.update(overrides)
    return data


def test_it_creates_a_hidden_person_with_an_audit_entry(staff_client, db):
    r = staff_client.post("/staff/registry/people/new/", _form())
    person = m.Person.objects.get()
    # A hidden person's slug does not spell the name (slugs are not encrypted).
    assert r.status_code == 302 and r["Location"] == f"/staff/registry/people/{person.slug}/"
    assert person.slug.startswith("p-") and "vera" not in person.slug
    assert person.name_latin == "Vera Testova" and not person.consent_publish_name
    assert AuditEntry.objects.filter(action="registry.person.create").count() == 1
    assert person.search_terms.exists()


def test_it_shows_a_likely_duplicate_in_another_script_before_creating(staff_client, alice):
    r = staff_client.post("/staff/registry/people/new/", _form(name="Alisa Andreeva"))
    body = r.content.decode()
    assert r.status_code == 200 and "Is this someone already in the registry?" in body
    assert "/staff/registry/people/alisa-andreeva/" in body
    assert m.Person.objects.count() == 1
    r = staff_client.post("/staff/registry/people/new/",
                          _form(name="Alisa Andreeva", not_a_duplicate="on"))  # fmt: skip
    assert r.status_code == 302 and m.Person.objects.count() == 2


def test_it_names_the_bad_field_and_keeps_what_was_typed(staff_client, db):
    r = staff_client.post("/staff/registry/people/new/",
                          _form(birth_date="31.02.1990", region="Пермский край"))  # fmt: skip
    body = r.content.decode()
    assert r.status_code == 200 and 'class="field invalid"' in body
    assert "Пермский край" in body and "31.02.1990" in body
    assert not m.Person.objects.exists()
