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
    r = client.post(
        f"/staff/letters/{letter.pk}/moderate/", {"step": step, "confirm_reject": "1"}, follow=True
    )
    assert "Say why" in r.content.decode()
    assert Letter.objects.get().state == State.AWAITING_MODERATION
    client.post(
        f"/staff/letters/{letter.pk}/moderate/",
        {"step": step, "note": "Please leave out names.", "confirm_reject": "1"},
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


def test_it_marks_the_flagged_words_escaped_and_explains_them_in_russian(client, alice):
    alice.accepts_letters = True
    alice.save()
    submit_letter(alice, body="Держись! <b>Война</b> кончится, суд будет.", submission_key="k9")
    staff(client, "moderator")
    client.cookies["django_language"] = "ru"
    body = client.get("/staff/letters/moderate/").content.decode()
    assert "&lt;b&gt;<mark>Война</mark>&lt;/b&gt;" in body and "<b>Война" not in body
    assert "война" in body.lower() and "Пре" not in body.split("<mark>")[0][-5:]
    assert "ЦЕНЗОР" in body.upper() or "цензор" in body  # the advice, in Russian


def test_it_names_the_writers_language_beside_the_note(client, alice):
    alice.accepts_letters = True
    alice.save()
    letter = submit_letter(alice, body="Dear Alisa, hold on!", submission_key="k8")
    Letter.objects.filter(pk=letter.pk).update(
        state=State.AWAITING_MODERATION, translation="Дорогая Алиса, держись!",
        writer_language="de",
    )  # fmt: skip
    staff(client, "moderator")
    body = client.get("/staff/letters/moderate/").content.decode()
    assert "The writer reads German" in body


def test_it_asks_to_confirm_a_rejection_beside_the_letter(client, letter):
    staff(client, "moderator")
    r = client.post(f"/staff/letters/{letter.pk}/moderate/", {"step": "reject", "note": "No."})
    assert r.status_code == 400
    body = r.content.decode()
    card = body.split(f'id="letter-{letter.pk}"')[1]
    assert 'class="field-error"' in card and "Yes, reject this letter" in card
    assert ">No.</textarea>" in card  # the note kept
    assert 'class="danger"' in card
    assert Letter.objects.get().state == State.AWAITING_MODERATION
