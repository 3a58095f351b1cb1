"""/staff/: each queue a staff member may work on, with the number of items waiting."""

import re

from solidarity.intake.models import Proposal
from solidarity.letters.services.workflow import advance
from solidarity.letters.services.writing import submit_letter
from solidarity.letters.tests.test_translate import staff


def _count(body: str, key: str) -> str:
    found = re.search(rf'id="count-{key}">(\d+)<', body)
    return found.group(1) if found else "-"


def test_it_counts_what_waits_in_each_queue(client, alice):
    alice.accepts_letters = True
    alice.save()
    for n in range(3):
        submit_letter(alice, body=f"Дорогая Алиса, держись! {n}", submission_key=f"k{n}")
    advance(None, submit_letter(alice, body="Привет!", submission_key="k9"), "approve")
    staff(client, "moderator")
    body = client.get("/staff/").content.decode()
    assert _count(body, "moderate") == "3" and _count(body, "print") == "1"
    assert _count(body, "eletters") == "0"
    # A moderator neither translates nor reviews proposals: no counts for those.
    assert _count(body, "translate") == "-" and _count(body, "proposals") == "-"


def test_it_counts_proposals_to_review_for_an_editor(client, db):
    staff(client, "editor")
    body = client.get("/staff/").content.decode()
    assert _count(body, "proposals") == str(Proposal.objects.filter(status="pending").count())
    assert "proposals to review" in body
