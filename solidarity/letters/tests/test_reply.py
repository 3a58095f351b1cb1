"""Replies: a scan and/or transcription; the writer reads it and is told by email."""

import pytest
from django.core import mail
from django.db import connection

from solidarity.letters.models import Letter, Reply, State
from solidarity.letters.services.workflow import advance
from solidarity.letters.services.writing import submit_letter
from solidarity.letters.tests.test_translate import staff

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n% a reply\n"


@pytest.fixture
def dispatched(alice):
    letter = submit_letter(
        alice, body="Дорогая Алиса!", contact="mia@example.org", submission_key="k1"
    )
    advance(None, letter, "approve")
    return advance(None, letter, "dispatch")


def attach(client, letter, **data):  # type: ignore[no-untyped-def]
    return client.post(f"/staff/letters/{letter.pk}/reply/", data)


def test_it_attaches_a_scan_and_transcription_and_tells_the_writer(
    client, dispatched, tmp_path, run_tasks
):
    staff(client, "moderator")
    scan = tmp_path / "reply.png"
    scan.write_bytes(PNG)
    with scan.open("rb") as handle:
        r = attach(client, dispatched, scan=handle, transcription="Спасибо за письмо!",
                   translation="Thank you for the letter!")  # fmt: skip
    assert r.status_code == 302
    letter = Letter.objects.get()
    assert letter.state == State.ANSWERED
    page = client.get(f"/letters/{letter.token}/").content.decode()
    assert "Thank you for the letter!" in page and "Спасибо за письмо!" in page
    reply = Reply.objects.get()
    image = client.get(f"/letters/{letter.token}/replies/{reply.pk}/scan/")
    assert image["Content-Type"] == "image/png" and image.content == PNG
    assert mail.outbox == []  # a task worker sends it, not the moderator's request
    run_tasks()
    # The confirmation when it was written, then the news of the reply.
    assert len(mail.outbox) == 2
    news = mail.outbox[-1]
    assert news.to == ["mia@example.org"]
    assert f"/letters/{letter.token}/" in news.body
    # In the language the letter was written in, not the moderator's.
    assert news.subject == "Ответ на ваше письмо"


def test_it_keeps_the_reply_encrypted(client, dispatched):
    staff(client, "moderator")
    attach(client, dispatched, transcription="MARKER-REPLY-TEXT")
    with connection.cursor() as cursor:
        cursor.execute("SELECT transcription, scan FROM letters_reply")
        row = cursor.fetchone()
    assert "MARKER" not in repr(row) and row[0].startswith("fernet:")


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"GIF89a not allowed", "must be a PDF, JPEG or PNG"), (None, "Attach a scan or type")],
)
def test_it_refuses_bad_scans(client, dispatched, tmp_path, content, message):
    staff(client, "moderator")
    data = {}
    if content is not None:
        path = tmp_path / "x.gif"
        path.write_bytes(content)
        data["scan"] = path.open("rb")
    r = attach(client, dispatched, **data)
    assert message in r.content.decode()
    assert Letter.objects.get().state == State.DISPATCHED
    assert not Reply.objects.exists()


def test_it_refuses_an_oversized_scan(client, dispatched, tmp_path, settings):
    settings.REPLY_SCAN_MAX_BYTES = 1024
    staff(client, "moderator")
    path = tmp_path / "big.pdf"
    path.write_bytes(PDF + b"x" * 2048)
    r = attach(client, dispatched, scan=path.open("rb"))
    assert "larger than" in r.content.decode()


def test_it_hides_scans_behind_the_writers_token(client, dispatched, tmp_path):
    staff(client, "moderator")
    path = tmp_path / "r.pdf"
    path.write_bytes(PDF)
    attach(client, dispatched, scan=path.open("rb"))
    reply = Reply.objects.get()
    assert client.get(f"/letters/wrong-token/replies/{reply.pk}/scan/").status_code == 404


def test_it_does_not_email_a_postal_contact(client, alice, run_tasks):
    letter = submit_letter(alice, body="Привет", contact="ул. Ленина, 1", submission_key="k9")
    advance(None, letter, "approve")
    advance(None, letter, "dispatch")
    staff(client, "moderator")
    attach(client, letter, transcription="Ответ")
    run_tasks()
    assert mail.outbox == []
