"""/prisoners/<slug>/report/: a reader reports an inaccuracy without an account; the words
are kept encrypted, the time to the hour, no address; a per-sender limit holds."""

import pytest
from django.db import connection

from solidarity.registry import models as m


def test_it_takes_a_report_and_keeps_no_address(client, alice):
    assert "Report an inaccuracy" in client.get(f"/prisoners/{alice.slug}/").content.decode()
    r = client.post(f"/prisoners/{alice.slug}/report/",
                    {"text": "She was moved to IK-2 in May (her lawyer said so).",
                     "contact": "reader@example.org"}, REMOTE_ADDR="203.0.113.9")  # fmt: skip
    assert r.status_code == 200 and "Thank you" in r.content.decode()
    report = m.InaccuracyReport.objects.get()
    assert report.text.startswith("She was moved") and report.status == "open"
    assert report.received_at.minute == report.received_at.second == 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM registry_inaccuracyreport")
        stored = repr(cursor.fetchall())
    assert "IK-2" not in stored and "reader@example.org" not in stored
    assert "203.0.113.9" not in stored


def test_it_refuses_an_empty_report_and_a_hidden_person(client, alice, bob):
    r = client.post(f"/prisoners/{alice.slug}/report/", {"text": "  "})
    assert r.status_code == 400 and "Say what is wrong." in r.content.decode()
    assert client.get(f"/prisoners/{bob.slug}/report/").status_code == 404
    assert not m.InaccuracyReport.objects.exists()


def test_it_limits_reports_per_sender(client, alice, settings):
    settings.REPORTS_PER_SENDER_PER_HOUR = 2
    for n in range(2):
        assert client.post(f"/prisoners/{alice.slug}/report/", {"text": f"wrong {n}"},
                           REMOTE_ADDR="198.51.100.7").status_code == 200  # fmt: skip
    third = client.post(f"/prisoners/{alice.slug}/report/", {"text": "wrong 3"},
                        REMOTE_ADDR="198.51.100.7")  # fmt: skip
    assert third.status_code == 400 and "many reports this hour" in third.content.decode()
    other = client.post(f"/prisoners/{alice.slug}/report/", {"text": "wrong 4"},
                        REMOTE_ADDR="198.51.100.8")  # fmt: skip
    assert other.status_code == 200 and m.InaccuracyReport.objects.count() == 3


@pytest.mark.parametrize(("status", "note"), [("accepted", ""), ("dismissed", "No source.")])
def test_it_settles_a_report_on_the_desk(staff_client, alice, status, note):
    from solidarity.registry import actions

    report = actions.report_inaccuracy(alice, "Wrong region.")
    page = staff_client.get("/staff/registry/reports/").content.decode()
    assert "Wrong region." in page
    r = staff_client.post(f"/staff/registry/reports/{report.pk}/", {"status": status,
                                                                  "note": note})  # fmt: skip
    assert r.status_code == 302
    report.refresh_from_db()
    assert report.status == status and report.handled_by.username == "cora"
    assert "Wrong region." not in staff_client.get("/staff/registry/reports/").content.decode()


def test_it_wants_a_reason_to_dismiss(staff_client, alice):
    from solidarity.registry import actions

    report = actions.report_inaccuracy(alice, "Wrong region.")
    staff_client.post(f"/staff/registry/reports/{report.pk}/", {"status": "dismissed"})
    report.refresh_from_db()
    assert report.status == "open"
