"""/staff/support/needs/…: recording and changing a person's needs."""

from solidarity.accounts.models import AuditEntry
from solidarity.letters.tests.test_translate import staff
from solidarity.support.models import Need


def test_it_records_a_need(client, alice):
    staff(client, "editor")
    response = client.post("/staff/support/needs/new/", {
        "person": "alisa-andreeva", "kind": "parcel", "urgency": "3", "status": "open",
        "parcel_allowance_kg": "20", "parcel_period_days": "90", "last_parcel_on": "2026-09-01",
        "parcel_rules": "No glass",
    })  # fmt: skip
    need = Need.objects.get()
    assert response["Location"] == f"/staff/support/needs/{need.pk}/"
    assert need.next_parcel_on().isoformat() == "2026-11-30"
    assert AuditEntry.objects.filter(action="support.need.create").exists()
    body = client.get(f"/staff/support/needs/{need.pk}/").content.decode()
    assert "next parcel allowed from 2026-11-30" in body
    assert "Record money received" not in body  # editors do not handle money


def test_it_names_what_is_wrong(client, alice):
    staff(client, "editor")
    body = client.post("/staff/support/needs/new/", {
        "person": "alisa-andreeva", "kind": "lawyer", "amount": "-1", "currency": "EUR",
        "last_parcel_on": "soon",
    }).content.decode()  # fmt: skip
    # Each problem beside its field, and everything typed kept.
    assert '<span class="field-error" id="amount-error">The amount must be more than zero.' in body
    assert '<span class="field-error" id="last_parcel_on-error">A date as YYYY-MM-DD.' in body
    assert 'value="-1"' in body and 'value="soon"' in body
    assert 'value="alisa-andreeva" checked' in body
    body = client.post(
        "/staff/support/needs/new/", {"person": "nobody", "kind": "lawyer", "description": "Kept"}
    ).content.decode()
    assert 'id="person-error">Choose the person' in body and ">Kept</textarea>" in body
    assert not Need.objects.exists()


def test_it_finds_the_person_by_name_then_saves_for_the_one_chosen(client, alice, bob):
    staff(client, "editor")
    form = {"kind": "lawyer", "amount": "300", "currency": "EUR", "description": "Appeal"}
    body = client.post("/staff/support/needs/new/", form | {"q": "Andreeva", "find": "1"})
    body = body.content.decode()
    assert 'value="alisa-andreeva" checked' in body and "boris-hidden" not in body
    assert 'value="300"' in body and ">Appeal</textarea>" in body  # nothing typed is lost
    assert not Need.objects.exists()  # finding saves nothing
    # Another script finds her too; an unpublished person can be found on the desk.
    assert "alisa-andreeva" in client.get("/staff/support/needs/new/?q=Алиса").content.decode()
    assert "boris-hidden" in client.get("/staff/support/needs/new/?q=Борис").content.decode()
    assert "No one found" in client.get("/staff/support/needs/new/?q=Zzyzx").content.decode()
    response = client.post("/staff/support/needs/new/", form | {"person": "alisa-andreeva"})
    assert Need.objects.get().person == alice
    assert response.status_code == 302


def test_it_shows_no_raw_markup_in_labels(client, db):
    staff(client, "editor")
    body = client.get("/staff/support/needs/new/").content.decode()
    assert "/prisoners/<id>/" not in body and "<id>" not in body
    assert '<label for="person-q">' in body


def test_it_changes_and_closes_a_need(staff_client, lawyer_need):
    staff_client.post(f"/staff/support/needs/{lawyer_need.pk}/", {
        "kind": "lawyer", "urgency": "4", "status": "closed", "amount": "60000", "currency": "RUB",
    })  # fmt: skip
    lawyer_need.refresh_from_db()
    assert (lawyer_need.status, lawyer_need.urgency, str(lawyer_need.amount)) == (
        "closed", 4, "60000.00",
    )  # fmt: skip


def test_it_shows_open_needs_on_the_person_page_only_with_consent(client, lawyer_need, bob_need):
    body = client.get("/prisoners/alisa-andreeva/").content.decode()
    assert "What is needed now" in body and "Appeal lawyer" in body
    assert client.get("/prisoners/boris-hidden/").status_code == 404
