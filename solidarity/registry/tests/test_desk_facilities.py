"""/staff/registry/facilities/: the directory, with the people held (hidden too) and the
letters posted there; created and changed through registry.actions, audited."""

from solidarity.accounts.models import AuditEntry
from solidarity.letters.services.workflow import advance
from solidarity.letters.services.writing import submit_letter
from solidarity.registry import actions
from solidarity.registry import models as m
from solidarity.registry.tests.factories import make_facility


def test_it_lists_and_finds_facilities(staff_client, facility):
    make_facility(slug="ik-2-far", name_en="IK-2 Far", name_ru="ИК-2 Дальняя", kind="ik")
    page = staff_client.get("/staff/registry/facilities/", {"q": "Дальняя"}).content.decode()
    assert "IK-2 Far" in page and "SIZO-1 Testgrad" not in page
    assert 'aria-current="page" ' not in page or page.count('aria-current="page"') == 1


def test_it_shows_who_is_held_and_the_letters_posted_there(staff_client, facility, alice, bob):
    letter = submit_letter(alice, body="Привет!", submission_key="f1")
    advance(None, letter, "approve")
    advance(None, letter, "dispatch")
    advance(None, letter, "deliver")
    colony = make_facility(slug="ik-9", name_en="IK-9", kind="ik")
    actions.transfer_person(None, alice, colony)
    page = staff_client.get(f"/staff/registry/facilities/{facility.slug}/").content.decode()
    assert "Борис Хиддинк-Засекреченный" in page  # staff see hidden people
    assert "Letters posted here" in page and "1 of 1 arrived or were answered." in page
    letter.refresh_from_db()
    assert letter.sent_to == facility  # still the facility it was posted to


def test_it_creates_and_changes_a_facility_with_its_history(staff_client, db):
    form = {"kind": "ik", "number": "3", "name_en": "IK-3", "name_ru": "ИК-3",
            "country": "by", "postal_address": "213800, Babrujsk"}  # fmt: skip
    r = staff_client.post("/staff/registry/facilities/new/", form)
    created = m.Facility.objects.get(name_en="IK-3")
    assert r.status_code == 302 and created.country == "BY" and created.slug == "ik-3"
    r = staff_client.post("/staff/registry/facilities/ik-3/edit/", {**form, "region": "Mahilioŭ"})
    assert r.status_code == 302
    entry = [e for e in AuditEntry.objects.all() if e.action == "registry.facility.update"][-1]
    assert entry.details["fields"] == {"region": {"from": "", "to": "Mahilioŭ"}}
    page = staff_client.get("/staff/registry/facilities/ik-3/").content.decode()
    assert "Mahilioŭ" in page


def test_it_names_a_bad_country_beside_its_field(staff_client, db):
    r = staff_client.post("/staff/registry/facilities/new/",
                          {"kind": "ik", "name_en": "X", "country": "Belarus"})  # fmt: skip
    body = r.content.decode()
    assert r.status_code == 200 and 'class="field invalid"' in body and 'value="Belarus"' in body
    assert not m.Facility.objects.filter(name_en="X").exists()
