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
    assert "amount: The amount must be more than zero." in body
    assert "last_parcel_on: A date as YYYY-MM-DD." in body
    body = client.post(
        "/staff/support/needs/new/", {"person": "nobody", "kind": "lawyer"}
    ).content.decode()
    assert "no person with this id" in body
    assert not Need.objects.exists()


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
