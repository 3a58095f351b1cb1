"""Translators take a letter, translate it, and never see who wrote it."""

import pytest

from solidarity.accounts.models import AuditEntry, User
from solidarity.conftest import sign_in_with_second_factor
from solidarity.letters.models import Letter, State
from solidarity.letters.services.writing import submit_letter


@pytest.fixture
def letter(alice):
    alice.accepts_letters = True
    alice.save()
    return submit_letter(
        alice, body="Dear Alisa, the sea was calm today.", signature="Mia",
        contact="mia-secret@example.org", submission_key="k1",
    )  # fmt: skip


def staff(client, role, name=None):  # type: ignore[no-untyped-def]
    user = User.objects.create_user(name or role, password="p" * 16, is_staff=True, role=role)
    sign_in_with_second_factor(client, user)
    return user


def test_it_lists_letters_to_translate_without_their_writers(client, letter):
    staff(client, "translator")
    body = client.get("/staff/letters/translate/").content.decode()
    assert f"#{letter.pk}" in body
    assert "mia-secret" not in body and "Mia" not in body


def test_it_lets_a_translator_take_translate_and_pass_a_letter_on(client, letter):
    staff(client, "translator", "tina")
    r = client.post(f"/staff/letters/{letter.pk}/claim/")
    assert r["Location"] == f"/staff/letters/{letter.pk}/translate/"
    page = client.get(r["Location"]).content.decode()
    assert "the sea was calm" in page and "mia-secret" not in page
    client.post(r["Location"], {"translation": "Дорогая Алиса, сегодня море было спокойным."})
    letter.refresh_from_db()
    assert letter.state == State.AWAITING_MODERATION
    assert letter.translator.username == "tina"
    status = client.get(f"/letters/{letter.token}/").content.decode()
    assert "море было спокойным" in status
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions[-2:] == ["letters.letter.claim", "letters.letter.translate"]
    assert "море" not in str(AuditEntry.objects.last().details)


def test_it_keeps_a_taken_letter_for_its_translator(client, letter):
    from django.test import Client

    first = Client()
    staff(first, "translator", "tina")
    first.post(f"/staff/letters/{letter.pk}/claim/")
    staff(client, "translator", "tom")
    r = client.post(f"/staff/letters/{letter.pk}/claim/", follow=True)
    assert "Another translator has taken this letter." in r.content.decode()
    assert client.get(f"/staff/letters/{letter.pk}/translate/").status_code == 404
    assert f"#{letter.pk}" not in client.get("/staff/letters/translate/").content.decode()


def test_it_refuses_an_empty_translation(client, letter):
    staff(client, "translator")
    client.post(f"/staff/letters/{letter.pk}/claim/")
    r = client.post(f"/staff/letters/{letter.pk}/translate/", {"translation": "  "})
    assert "The translation is empty." in r.content.decode()
    assert Letter.objects.get().state == State.NEEDS_TRANSLATION


def test_it_refuses_other_roles(client, letter):
    staff(client, "editor")
    assert client.get("/staff/letters/translate/").status_code == 403
    assert client.post(f"/staff/letters/{letter.pk}/claim/").status_code == 403


def test_it_shows_the_signature_and_keeps_its_russian_form(client, letter):
    staff(client, "translator", "tina")
    client.post(f"/staff/letters/{letter.pk}/claim/")
    page = client.get(f"/staff/letters/{letter.pk}/translate/").content.decode()
    assert "Signed" in page and ">Mia<" in page and 'name="signature_translation"' in page
    client.post(
        f"/staff/letters/{letter.pk}/translate/",
        {"translation": "Дорогая Алиса, море было спокойным.", "signature_translation": " Мия "},
    )
    letter.refresh_from_db()
    assert letter.signature_translation == "Мия" and letter.signature == "Mia"
    assert "Мия" not in str(AuditEntry.objects.last().details)
