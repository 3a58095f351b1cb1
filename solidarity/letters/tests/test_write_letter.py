"""Writing a letter: pre-check, one letter per submit, encrypted, with a private status link."""

import re

import pytest
from django.db import connection

from solidarity.accounts.models import AuditEntry
from solidarity.letters.models import Letter, State
from solidarity.letters.services.writing import new_submission_key


@pytest.fixture
def writable(alice):
    alice.accepts_letters = True
    alice.save()
    return alice


KEYS: dict[str, str] = {}


def key(name: str) -> str:
    """One genuine form key per name, as a rendered form would carry it."""
    return KEYS.setdefault(name, new_submission_key())


def form(**overrides):  # type: ignore[no-untyped-def]
    data = {
        "body": "Dear Alisa, I hope you are well. The autumn here is beautiful.",
        "signature": "Mia",
        "contact": "mia@example.org",
        "channel": "post",
        "rules": "on",
        "submission_key": key("key-1"),
        "send": "1",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_it_offers_the_form_only_for_people_who_accept_letters(client, alice, bob):
    assert client.get("/prisoners/alisa-andreeva/write/").status_code == 404
    alice.accepts_letters = True
    alice.save()
    r = client.get("/prisoners/alisa-andreeva/write/")
    assert r.status_code == 200
    assert 'name="submission_key"' in r.content.decode()
    assert (
        "/prisoners/alisa-andreeva/write/"
        in client.get("/prisoners/alisa-andreeva/").content.decode()
    )
    bob.accepts_letters = True
    bob.save()
    assert client.get("/prisoners/boris-hidden/write/").status_code == 404


def test_it_checks_before_sending_in_the_writers_language(client, writable):
    r = client.post(
        "/prisoners/alisa-andreeva/write/",
        form(body="I hope the war ends and your lawyer wins.", send=None, check="1"),
    )
    body = r.content.decode()
    assert r.status_code == 200
    assert "not in Russian" in body
    assert "war" in body and "lawyer" in body
    assert "censor" in body
    assert not Letter.objects.exists()


def test_it_sends_once_and_links_to_a_private_status_page(client, writable):
    r = client.post("/prisoners/alisa-andreeva/write/", form())
    assert r.status_code == 302
    again = client.post("/prisoners/alisa-andreeva/write/", form())
    assert again["Location"] == r["Location"]
    letter = Letter.objects.get()
    assert r["Location"] == f"/letters/{letter.token}/"
    assert len(letter.token) >= 40
    assert letter.state == State.NEEDS_TRANSLATION
    assert [e.state for e in letter.events.all()] == ["submitted", "needs_translation"]
    status = client.get(r["Location"]).content.decode()
    assert "needs translation" in status
    assert "The autumn here is beautiful." in status
    assert "mia@example.org" not in status
    entry = AuditEntry.objects.get(action="letters.letter.submit")
    assert "autumn" not in str(entry.details) and "mia@" not in str(entry.details)


def test_it_sends_a_russian_letter_straight_to_moderation(client, writable):
    client.post("/prisoners/alisa-andreeva/write/", form(body="Дорогая Алиса, держись!"))
    assert Letter.objects.get().state == State.AWAITING_MODERATION


def test_it_stores_text_and_contact_encrypted(client, writable):
    client.post(
        "/prisoners/alisa-andreeva/write/",
        form(body="MARKER-LETTER-BODY hello", contact="MARKER-CONTACT@example.org"),
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT body, contact, signature FROM letters_letter")
        row = cursor.fetchone()
    assert all(value.startswith("fernet:") for value in row)
    assert "MARKER" not in repr(row)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"body": "   "}, "This field is required."),
        ({"body": "x" * 20_001}, "at most 20000 characters"),
        ({"rules": ""}, "This field is required."),
        ({"channel": "pigeon"}, "Select a valid choice"),
    ],
)
def test_it_refuses_bad_input_with_a_message(client, writable, overrides, message):
    r = client.post("/prisoners/alisa-andreeva/write/", form(**overrides))
    assert r.status_code == 200
    assert message in r.content.decode()
    assert not Letter.objects.exists()


def test_it_names_the_field_with_a_nul_character(client, writable):
    # Refused before any view (PostgreSQL cannot hold NUL); the page names the field.
    r = client.post("/prisoners/alisa-andreeva/write/", form(body="hello\x00"))
    assert r.status_code == 400
    assert "The field <strong>body</strong> contains a NUL character" in r.content.decode()
    assert not Letter.objects.exists()


def test_it_answers_404_for_unknown_or_overlong_tokens(client, db):
    assert client.get("/letters/nope/").status_code == 404
    assert client.get("/letters/" + "a" * 100 + "/").status_code == 404


def test_it_keeps_writers_apart(client, writable):
    client.post("/prisoners/alisa-andreeva/write/", form(body="first secret letter"))
    client.post(
        "/prisoners/alisa-andreeva/write/", form(body="second letter", submission_key=key("key-2"))
    )
    first, second = Letter.objects.order_by("id")
    assert first.token != second.token
    page = client.get(f"/letters/{second.token}/").content.decode()
    assert "first secret letter" not in page


def test_it_refuses_forged_too_fast_and_stale_forms(client, writable, settings):
    r = client.post("/prisoners/alisa-andreeva/write/", form(submission_key="forged"))
    assert "not valid any more" in r.content.decode()
    settings.LETTERS_FORM_MIN_SECONDS = 60
    r = client.post("/prisoners/alisa-andreeva/write/", form(submission_key=new_submission_key()))
    assert "very fast" in r.content.decode()
    assert "The autumn here is beautiful." in r.content.decode()  # nothing the writer typed is lost
    settings.LETTERS_FORM_MIN_SECONDS = 0
    settings.LETTERS_FORM_MAX_SECONDS = -1
    r = client.post("/prisoners/alisa-andreeva/write/", form(submission_key=new_submission_key()))
    assert "too old" in r.content.decode()
    assert not Letter.objects.exists()


def test_it_caps_letters_per_minute_for_the_whole_site(client, writable, settings):
    from django.core.cache import cache

    cache.clear()
    settings.LETTERS_MAX_PER_MINUTE = 2
    for i in range(3):
        r = client.post(
            "/prisoners/alisa-andreeva/write/",
            form(submission_key=new_submission_key(), body=f"письмо {i}"),
        )
    assert "Too many letters arrive right now" in r.content.decode()
    assert Letter.objects.count() == 2


def test_it_keeps_a_writers_times_to_the_hour_only(client, writable, settings):
    from solidarity.letters.models import LetterEvent

    client.post("/prisoners/alisa-andreeva/write/", form(submission_key=key("coarse")))
    letter = Letter.objects.get()
    entry = AuditEntry.objects.get(action="letters.letter.submit")
    times = [letter.created_at, letter.updated_at, entry.created_at]
    times += [e.at for e in LetterEvent.objects.filter(letter=letter)]
    assert all((t.minute, t.second, t.microsecond) == (0, 0, 0) for t in times), times
    with connection.cursor() as cursor:  # what a dump shows
        cursor.execute("SELECT created_at, updated_at FROM letters_letter")
        assert all(":00:00" in str(v) for v in cursor.fetchone())


def test_it_checks_a_letter_before_the_rules_box_is_ticked(client, writable):
    r = client.post(
        "/prisoners/alisa-andreeva/write/",
        form(body="Дорогая Алиса, война скоро кончится.", rules=None, send=None, check="1"),
    )
    body = r.content.decode()
    assert "Before you send" in body and "война" in body
    assert "This field is required." not in body  # the rules box waits for sending
    assert not Letter.objects.exists()


def test_it_asks_before_sending_a_flagged_letter_then_sends_it_anyway(client, writable):
    data = form(body="Дорогая Алиса, держись! Война кончится, а суд был позорный.")
    r = client.post("/prisoners/alisa-andreeva/write/", data)
    page = r.content.decode()
    assert r.status_code == 200 and not Letter.objects.exists()
    assert "Your letter is not sent yet" in page and "Война" in page
    assert "Send anyway" in page and "check again" in page
    [anyway] = re.findall(r'name="send" value="([0-9a-f]{16})"', page)
    # An edited letter is checked again, not sent on the old confirmation.
    edited = form(body="Дорогая Алиса, держись! Война, суд и СК.", send=anyway)
    assert client.post("/prisoners/alisa-andreeva/write/", edited).status_code == 200
    assert not Letter.objects.exists()
    sent = client.post("/prisoners/alisa-andreeva/write/", {**data, "send": anyway})
    assert sent.status_code == 302
    assert "war" in Letter.objects.get().flags


def test_it_flags_characters_the_printer_cannot_print(client, writable):
    r = client.post(
        "/prisoners/alisa-andreeva/write/",
        form(body="Привет, Алиса! Весна 🌷 пришла.", signature="Мэй 李梅 ნინო", send=None,
             check="1"),
    )  # fmt: skip
    page = r.content.decode()
    # Georgian is in the font; emoji and Chinese are not, and are named before sending.
    assert "<strong>🌷, 李, 梅</strong>" in page and "cannot be printed" in page


def test_it_shows_the_latin_name_interests_and_an_example(client, writable):
    writable.name_latin = "Alisa Andreeva"
    writable.interests = "Reads poetry, grows tomatoes on the windowsill."
    writable.save()
    page = client.get("/prisoners/alisa-andreeva/write/").content.decode()
    assert "Alisa Andreeva" in page and "grows tomatoes" in page
    assert "An example of a good letter" in page and "bakery" in page
    ru = client.get("/prisoners/alisa-andreeva/write/", headers={"accept-language": "ru"})
    text = ru.content.decode()
    assert "(Alisa Andreeva)" not in text  # Russian readers read the name as it is
    assert "Пример хорошего письма" in text and "пекарне" in text


def test_it_says_received_not_sent_in_russian(client, writable):
    r = client.post("/prisoners/alisa-andreeva/write/", form(body="Дорогая Алиса, держись!"),
                    headers={"accept-language": "ru"})  # fmt: skip
    page = client.get(r["Location"], headers={"accept-language": "ru"}).content.decode()
    assert "принято" in page and "отправлено" not in page
