"""Moderators approve, ask for changes or reject; the writer reads the reason."""

import pytest

from solidarity.letters.models import Letter, State
from solidarity.letters.services.writing import submit_letter
from solidarity.letters.tests.test_translate import staff


@pytest.fixture
def letter(alice):
    alice.accepts_letters = True
    alice.save()
    return submit_letter(alice, body="Дорогая Алиса, держись!", submission_key="k1")


def test_it_shows_letters_awaiting_moderation(client, letter):
    staff(client, "moderator")
    body = client.get("/staff/letters/moderate/").content.decode()
    assert "держись" in body


def test_it_approves(client, letter):
    staff(client, "moderator")
    client.post(f"/staff/letters/{letter.pk}/moderate/", {"step": "approve"})
    assert Letter.objects.get().state == State.APPROVED
    assert "approved" in client.get(f"/letters/{letter.token}/").content.decode()


@pytest.mark.parametrize(
    ("step", "state"), [("request_changes", State.CHANGES_REQUESTED), ("reject", State.REJECTED)]
)
def test_it_needs_a_reason_the_writer_can_read(client, letter, step, state):
    staff(client, "moderator")
    r = client.post(f"/staff/letters/{letter.pk}/moderate/", {"step": step}, follow=True)
    assert "Say why" in r.content.decode()
    assert Letter.objects.get().state == State.AWAITING_MODERATION
    client.post(
        f"/staff/letters/{letter.pk}/moderate/", {"step": step, "note": "Please leave out names."}
    )
    assert Letter.objects.get().state == state
    assert "Please leave out names." in client.get(f"/letters/{letter.token}/").content.decode()


def test_it_refuses_a_step_from_the_wrong_state(client, letter):
    staff(client, "moderator")
    client.post(f"/staff/letters/{letter.pk}/moderate/", {"step": "approve"})
    r = client.post(f"/staff/letters/{letter.pk}/moderate/", {"step": "approve"}, follow=True)
    assert "that step is not possible now" in r.content.decode()


def test_it_refuses_translators_and_unknown_steps(client, letter):
    staff(client, "translator")
    assert client.get("/staff/letters/moderate/").status_code == 403
    assert (
        client.post(f"/staff/letters/{letter.pk}/moderate/", {"step": "approve"}).status_code == 403
    )
    client.logout()
    staff(client, "moderator")
    r = client.post(f"/staff/letters/{letter.pk}/moderate/", {"step": "delete"}, follow=True)
    assert "Unknown step." in r.content.decode()
    assert Letter.objects.get().state == State.AWAITING_MODERATION


def test_it_lets_the_writer_send_a_new_version_after_a_request(client, letter):
    staff(client, "moderator")
    client.post(
        f"/staff/letters/{letter.pk}/moderate/",
        {"step": "request_changes", "note": "Please leave out the lawyer."},
    )
    client.logout()
    page = client.get(f"/letters/{letter.token}/").content.decode()
    assert "Change your letter as the moderator asked" in page
    client.post(f"/letters/{letter.token}/", {"body": "Дорогая Алиса, обнимаем и ждём!"})
    letter.refresh_from_db()
    assert letter.state == State.AWAITING_MODERATION
    assert letter.body == "Дорогая Алиса, обнимаем и ждём!"
    # Only once: the form is gone until a moderator asks again.
    r = client.post(f"/letters/{letter.token}/", {"body": "ещё раз"})
    assert Letter.objects.get().body == "Дорогая Алиса, обнимаем и ждём!"
    assert "Change your letter" not in r.content.decode()


def test_it_refuses_an_empty_revision(client, letter):
    staff(client, "moderator")
    client.post(f"/staff/letters/{letter.pk}/moderate/", {"step": "request_changes", "note": "x"})
    r = client.post(f"/letters/{letter.token}/", {"body": "  "})
    assert "This field is required." in r.content.decode()
    assert Letter.objects.get().state == State.CHANGES_REQUESTED
