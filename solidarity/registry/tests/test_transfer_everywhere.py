"""A transfer ("etap") has the same consequences whichever door it comes through.

The staff desk, `solidarity import`, the API (a changed facility, or a transfer event),
the intake desk and the superuser admin all call registry.actions.transfer_person: one
transfer event on the timeline, one note to the writer of each letter on its way, one
`registry.person.transfer` audit entry, and the letters not yet sent re-addressed.
"""

import pytest

from solidarity.accounts import tokens
from solidarity.accounts.models import AuditEntry
from solidarity.intake.models import Proposal, ProposalKind, ProposalStatus
from solidarity.intake.services.ingest import ingest_text
from solidarity.letters.models import LetterEvent
from solidarity.letters.services.dispatch import envelope_lines
from solidarity.letters.services.workflow import advance
from solidarity.letters.services.writing import submit_letter
from solidarity.letters.transfers import NOTE
from solidarity.registry import models as m
from solidarity.registry.tests.factories import make_facility
from solidarity.registry.tests.test_admin import person_form

ON_THE_WAY = 3


@pytest.fixture
def letters(alice):
    sent = []
    for n in range(ON_THE_WAY):
        letter = submit_letter(alice, body=f"Привет {n}!", submission_key=f"way-{n}")
        advance(None, letter, "approve")
        advance(None, letter, "dispatch")
        sent.append(letter)
    waiting = submit_letter(alice, body="Ещё не отправлено", submission_key="waiting")
    advance(None, waiting, "approve")
    return sent, waiting


@pytest.fixture
def colony(db):
    return make_facility(slug="ik-7-far", name_en="IK-7", kind="ik",
                         postal_address="ул. Дальняя, 7, пос. Далёкий")  # fmt: skip


def by_import(client, alice, colony, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "people.csv"
    path.write_text(f"id,facility\n{alice.slug},{colony.slug}\n", encoding="utf-8")
    call_command("import", str(path), verbosity=0)


def by_api_patch(client, alice, colony, tmp_path):
    _t, secret = tokens.create(_editor(), "script", ["registry:write"])
    auth = {"Authorization": f"Bearer {secret}"}
    r = client.patch(f"/api/v1/people/{alice.slug}", {"facility": colony.slug},
                     content_type="application/json", headers=auth)  # fmt: skip
    assert r.status_code == 200, r.content


def by_api_event(client, alice, colony, tmp_path):
    _t, secret = tokens.create(_editor(), "script", ["registry:write"])
    body = {"person": alice.slug, "type": "transfer", "facility": colony.slug, "date": "2026-11"}
    r = client.post("/api/v1/events", body, content_type="application/json",
                    headers={"Authorization": f"Bearer {secret}"})  # fmt: skip
    assert r.status_code == 201, r.content


def by_intake(client, alice, colony, tmp_path):
    from solidarity.conftest import sign_in_with_second_factor

    reviewer = _editor()
    sign_in_with_second_factor(client, reviewer)
    text = "Alisa Andreeva was moved to a colony in November 2026.\n"
    source = ingest_text(reviewer, text, name="news.txt").source
    Proposal.objects.filter(source=source).delete()
    quote = "Alisa Andreeva was moved to a colony in November 2026."
    common = {"source": source, "subject": "Alisa Andreeva", "quote": quote, "start": 0,
              "end": len(quote)}  # fmt: skip
    Proposal.objects.create(kind=ProposalKind.LINK, person=alice, status=ProposalStatus.ACCEPTED,
                            data={"name": "Alisa Andreeva"}, **common)  # fmt: skip
    event = Proposal.objects.create(kind=ProposalKind.EVENT, data={"type": "transfer"}, **common)
    r = client.post(f"/staff/intake/proposals/{event.pk}/",
                    {"action": "accept", "type": "transfer", "date": "2026-11",
                     "facility": colony.slug})  # fmt: skip
    assert r.status_code == 302
    event.refresh_from_db()
    assert event.status == ProposalStatus.ACCEPTED


def by_admin(client, alice, colony, tmp_path):
    from solidarity.accounts.models import User
    from solidarity.conftest import sign_in_with_second_factor

    root = User.objects.create_superuser("root", "r@example.org", "x" * 20, role="coordinator")
    sign_in_with_second_factor(client, root)
    data = person_form(name=alice.name, slug=alice.slug, name_latin=alice.name_latin,
                       facility=str(colony.pk), consent_publish_address="on",
                       full_name=alice.full_name, region=alice.region)  # fmt: skip
    assert client.post(f"/admin/registry/person/{alice.pk}/change/", data).status_code == 302


def by_desk(client, alice, colony, tmp_path):
    from solidarity.conftest import sign_in_with_second_factor

    sign_in_with_second_factor(client, _editor())
    form = {"transfer-facility": colony.slug, "transfer-date": "2026-11",
            "transfer-version": alice.version}  # fmt: skip
    r = client.post(f"/staff/registry/people/{alice.slug}/transfer/", form)
    assert r.status_code == 302, r.content.decode()[:2000]


def _editor():
    from solidarity.accounts.models import User

    found = User.objects.filter(username="edna").first()
    return found or User.objects.create_user("edna", password="p" * 16, is_staff=True,
                                             role="editor")  # fmt: skip


@pytest.mark.parametrize(
    "door", [by_desk, by_import, by_api_patch, by_api_event, by_intake, by_admin],
    ids=lambda f: f.__name__,
)  # fmt: skip
def test_it_transfers_the_same_way_through_every_door(client, alice, colony, letters, door,
                                                      tmp_path):  # fmt: skip
    sent, waiting = letters
    door(client, alice, colony, tmp_path)
    alice.refresh_from_db()
    assert alice.facility == colony
    transfers = m.Event.objects.filter(person=alice, type=m.EventType.TRANSFER)
    assert [(e.facility, e.person) for e in transfers] == [(colony, alice)]
    audits = [e for e in AuditEntry.objects.all() if e.action == "registry.person.transfer"]
    assert len(audits) == 1 and audits[0].object_id == str(alice.pk)
    assert audits[0].details["to"] == colony.pk
    noted = [e.letter_id for e in LetterEvent.objects.all() if e.note == NOTE]
    assert sorted(noted) == sorted(x.pk for x in sent)
    waiting.refresh_from_db()
    assert envelope_lines(waiting)[1] == "ул. Дальняя, 7, пос. Далёкий"


def test_it_keeps_an_imported_history_of_transfers_as_history(alice, colony, letters, tmp_path):
    """An old transfer in a list's events table is a record, not a move today."""
    from django.core.management import call_command

    path = tmp_path / "events.csv"
    path.write_text(f"person,type,date,facility\n{alice.slug},transfer,2019-02,{colony.slug}\n",
                    encoding="utf-8")  # fmt: skip
    call_command("import", str(path), verbosity=0)
    alice.refresh_from_db()
    assert alice.facility != colony
    assert not [e for e in LetterEvent.objects.all() if e.note == NOTE]
