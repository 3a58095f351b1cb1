"""POST /staff/registry/people/<slug>/sentences/: a sentence with its remand period; the
desk then shows the release date with the art. 72 arithmetic."""

from solidarity.accounts.models import AuditEntry
from solidarity.registry import models as m


def test_it_shows_the_release_date_with_its_arithmetic(staff_client, alice, case):
    form = {
        "sentence-case": case.slug,
        "sentence-kind": "imprisonment",
        "sentence-years": "2",
        "sentence-months": "0",
        "sentence-days": "0",
        "sentence-regime": "general",
        "sentence-pronounced_on": "2025-03-10",
        "sentence-in_force_on": "2025-06-01",
        "sentence-remand_from": "2024-03-10",
    }
    r = staff_client.post(f"/staff/registry/people/{alice.slug}/sentences/", form)
    assert r.status_code == 302
    sentence = m.Sentence.objects.get(person=alice)
    period = sentence.custody_periods.get()
    assert (period.kind, str(period.start), period.end) == ("remand", "2024-03-10", None)
    page = staff_client.get(f"/staff/registry/people/{alice.slug}/").content.decode()
    assert "Release expected" in page and "How this date was computed" in page
    # 2 years from 2025-06-01, less 448 days in SIZO each counted 1.5 in a general regime.
    assert "<strong>2025-07-28</strong>" in page and "448 days × 1.5" in page
    assert [e.action for e in AuditEntry.objects.all()].count("registry.sentence.create") == 1


def test_it_refuses_a_term_of_imprisonment_without_a_term(staff_client, alice, case):
    form = {
        "sentence-case": case.slug,
        "sentence-kind": "imprisonment",
        "sentence-years": "0",
        "sentence-months": "0",
        "sentence-days": "0",
    }
    r = staff_client.post(f"/staff/registry/people/{alice.slug}/sentences/", form)
    assert r.status_code == 400 and "A sentence of this kind needs a term." in r.content.decode()
    assert not m.Sentence.objects.exists()
