"""After dispatch: delivered, returned, withheld, or lost after a quiet period."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from solidarity.letters.models import Letter, State
from solidarity.letters.services.workflow import advance
from solidarity.letters.services.writing import submit_letter
from solidarity.letters.tests.test_translate import staff


@pytest.fixture
def dispatched(alice):
    letter = submit_letter(alice, body="Дорогая Алиса!", submission_key="k1")
    advance(None, letter, "approve")
    return advance(None, letter, "dispatch")


def test_it_records_delivery_and_the_writer_sees_it(client, dispatched):
    staff(client, "moderator")
    assert f"#{dispatched.pk}" in client.get("/staff/letters/tracking/").content.decode()
    client.post(f"/staff/letters/{dispatched.pk}/track/", {"step": "deliver"})
    assert Letter.objects.get().state == State.DELIVERED
    assert "delivered" in client.get(f"/letters/{dispatched.token}/").content.decode()


def test_it_records_a_withheld_letter_as_evidence(client, dispatched):
    staff(client, "moderator")
    client.post(
        f"/staff/letters/{dispatched.pk}/track/",
        {"step": "withhold", "note": "The censor said: foreign words."},
    )
    letter = Letter.objects.get()
    assert letter.state == State.WITHHELD
    page = client.get(f"/letters/{letter.token}/").content.decode()
    assert "withheld by the censor" in page and "foreign words" in page


def test_it_needs_a_reason_for_a_returned_letter(client, dispatched):
    staff(client, "moderator")
    client.post(f"/staff/letters/{dispatched.pk}/track/", {"step": "return"})
    assert Letter.objects.get().state == State.DISPATCHED
    client.post(f"/staff/letters/{dispatched.pk}/track/", {"step": "return", "note": "Moved."})
    assert Letter.objects.get().state == State.RETURNED


def test_it_refuses_moderation_steps_here(client, dispatched):
    staff(client, "moderator")
    client.post(f"/staff/letters/{dispatched.pk}/track/", {"step": "approve"})
    assert Letter.objects.get().state == State.DISPATCHED


def test_it_marks_silent_letters_lost(dispatched, capsys):
    call_command("letters", "mark-lost", "--days", "30")
    assert Letter.objects.get().state == State.DISPATCHED
    Letter.objects.update(updated_at=timezone.now() - dt.timedelta(days=31))
    call_command("letters", "mark-lost", "--days", "30")
    assert "1 letters marked lost" in capsys.readouterr().out
    assert Letter.objects.get().state == State.LOST
