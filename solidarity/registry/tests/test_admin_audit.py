"""Edits through the stop-gap admin write audit entries with field names, never values."""

from solidarity.accounts import audit
from solidarity.accounts.models import AuditEntry
from solidarity.registry.tests.test_admin import person_form


def test_it_audits_a_create_with_inline_rows(staff_client):
    client = staff_client
    data = person_form(
        story_en="A secret story that must not reach the audit log",
        **{"events-TOTAL_FORMS": "1", "events-0-type": "search", "events-0-order": "0"},
    )
    assert client.post("/admin/registry/person/add/", data).status_code == 302
    entries = list(AuditEntry.objects.filter(action__startswith="registry."))
    actions = [e.action for e in entries if e.action.startswith("registry.")]
    assert actions == ["registry.person.create", "registry.person.consent", "registry.event.create"]
    assert entries[0].actor_name == "cora"
    assert "story_en" in entries[0].details["fields"]
    assert all("secret story" not in str(e.details) for e in entries)
    assert audit.verify().ok


def test_it_audits_consent_changes_and_deletes(staff_client, alice):
    client = staff_client
    data = person_form(name=alice.name, slug=alice.slug, name_latin=alice.name_latin)
    data.pop("consent_publish_name")
    client.post(f"/admin/registry/person/{alice.pk}/change/", data)
    consents = [e for e in AuditEntry.objects.all() if e.action == "registry.person.consent"]
    assert {(e.details["scope"], e.details["granted"]) for e in consents} >= {("name", False)}
    record = alice.consent_records.get(scope="name")
    assert (record.scope, record.granted, record.recorded_by.username) == ("name", False, "cora")
    client.post(f"/admin/registry/person/{alice.pk}/delete/", {"post": "yes"})
    deleted = AuditEntry.objects.get(action="registry.person.delete")
    assert deleted.object_id == str(alice.pk)
    assert audit.verify().ok
