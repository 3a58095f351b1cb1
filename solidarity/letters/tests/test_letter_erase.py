"""/letters/<token>/erase/: the writer erases the letter's words and their contact."""

from pathlib import Path

import pytest
from django.db import connection

from solidarity.accounts.models import AuditEntry
from solidarity.letters.models import Letter, LetterEvent, Reply, State
from solidarity.letters.services.replies import attach_reply
from solidarity.letters.services.workflow import advance
from solidarity.letters.tests.test_write_letter import form, key

BODY = "Дорогая Алиса, держись! Слово-маркер-8841 в письме."
CONTACT = "erase.me@example.org"


@pytest.fixture
def writable(alice):
    alice.accepts_letters = True
    alice.save()
    return alice


def ciphertexts() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT body, signature, contact FROM letters_letter")
        return [value for row in cursor.fetchall() for value in row if value]


def database_files() -> bytes:
    """The bytes of the SQLite database and its WAL, as a seized disk would hold them."""
    name = Path(connection.settings_dict["NAME"])
    return b"".join(p.read_bytes() for p in (name, Path(f"{name}-wal")) if p.exists())


def test_it_asks_first_then_erases_and_cuts_the_link(client, writable):
    link = client.post(
        "/prisoners/alisa-andreeva/write/", form(body=BODY, contact=CONTACT, signature="Мия")
    )["Location"]
    page = client.get(f"{link}erase/").content.decode()
    assert "for good" in page and "Yes, erase it" in page and "not be sent" in page
    assert Letter.objects.get().body == BODY  # asking erased nothing
    client.post(f"{link}erase/", {})  # no confirmation: nothing happens
    assert Letter.objects.get().body == BODY
    r = client.post(f"{link}erase/", {"confirm": "erase"})
    assert r.status_code == 302 and r["Location"] == "/letters/erased/"
    assert "was erased" in client.get(r["Location"]).content.decode()
    letter = Letter.objects.get()
    assert (letter.body, letter.signature, letter.contact) == ("", "", "")
    assert letter.state == State.WITHDRAWN and letter.erased_by_writer
    assert client.get(link).status_code == 404
    [entry] = AuditEntry.objects.filter(action="letters.letter.erase")
    assert entry.details == {"from": "awaiting_moderation", "withdrawn": True}
    assert "8841" not in str(entry.details) and CONTACT not in str(entry.details)


def test_it_erases_a_posted_letter_and_its_reply_but_keeps_its_state(client, writable):
    link = client.post(
        "/prisoners/alisa-andreeva/write/",
        form(body=BODY, contact=CONTACT, submission_key=key("erase-posted")),
    )["Location"]
    letter = Letter.objects.get()
    advance(None, letter, "approve")
    advance(None, letter, "dispatch")
    attach_reply(None, letter, transcription="Спасибо!", scan=b"\x89PNG\r\n\x1a\n")
    assert "paper copy is on its way" not in client.get(f"{link}erase/").content.decode()
    client.post(f"{link}erase/", {"confirm": "erase"})
    letter.refresh_from_db()
    assert letter.state == State.ANSWERED  # counts of delivery and replies stay true
    [reply] = Reply.objects.filter(letter=letter)
    assert (reply.transcription, reply.scan) == ("", "")
    assert all(event.note == "" for event in LetterEvent.objects.filter(letter=letter))


@pytest.mark.django_db(transaction=True)
def test_it_leaves_no_ciphertext_in_the_database_files(client, writable):
    if connection.vendor != "sqlite":
        pytest.skip("the files checked are SQLite's; PostgreSQL's VACUUM is in docs/letters.md")
    link = client.post(
        "/prisoners/alisa-andreeva/write/",
        form(body=BODY, contact=CONTACT, submission_key=key("erase-files")),
    )["Location"]
    stored = ciphertexts()
    assert len(stored) == 3 and all(value.startswith("fernet:") for value in stored)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = database_files()
    assert all(value.encode() in before for value in stored)  # the test sees them first
    client.post(f"{link}erase/", {"confirm": "erase"})
    after = database_files()
    assert not [value for value in stored if value.encode() in after]
