"""The writer's status page, played by someone holding a copy of the database."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from solidarity.letters.models import Letter
from solidarity.letters.services.replies import attach_reply
from solidarity.letters.services.workflow import advance
from solidarity.letters.tests.test_write_letter import form, key

RUSSIAN = "Дорогая Алиса, держись! Мы помним о тебе."


@pytest.fixture
def writable(alice):
    alice.accepts_letters = True
    alice.save()
    return alice


def every_value_in_the_letters_table() -> list[str]:
    """Every text cell of letters_letter, read as a dump would hold it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM letters_letter")
        return [str(v) for row in cursor.fetchall() for v in row if isinstance(v, str) and v]


def test_it_opens_no_status_page_with_anything_read_from_the_database(client, writable):
    link = client.post("/prisoners/alisa-andreeva/write/", form(body=RUSSIAN))["Location"]
    token = link.split("/")[2]
    assert client.get(link).status_code == 200  # the writer's own link works
    values = every_value_in_the_letters_table()
    assert token not in " ".join(values)
    for value in values:
        if "/" not in value and len(value) <= 200:
            assert client.get(f"/letters/{value}/").status_code == 404, value


def test_it_shows_the_scan_link_with_the_writers_token(client, writable):
    link = client.post("/prisoners/alisa-andreeva/write/", form(body=RUSSIAN))["Location"]
    letter = Letter.objects.get()
    advance(None, letter, "approve")
    advance(None, letter, "dispatch")
    reply = attach_reply(None, letter, transcription="Спасибо!", scan=b"\x89PNG\r\n\x1a\n")
    page = client.get(link).content.decode()
    assert f"{link}replies/{reply.pk}/scan/" in page
    assert client.get(f"{link}replies/{reply.pk}/scan/").status_code == 200
    for value in every_value_in_the_letters_table():
        if "/" not in value and len(value) <= 200:
            assert client.get(f"/letters/{value}/replies/{reply.pk}/scan/").status_code == 404


def test_it_leaves_no_working_link_after_purge(client, writable):
    link = client.post(
        "/prisoners/alisa-andreeva/write/", form(body=RUSSIAN, submission_key=key("purged"))
    )["Location"]
    letter = Letter.objects.get()
    advance(None, letter, "approve")
    advance(None, letter, "dispatch")
    attach_reply(None, letter, transcription="ответ")
    Letter.objects.update(updated_at=timezone.now() - dt.timedelta(days=400))
    call_command("purge", verbosity=0)
    assert client.get(link).status_code == 404
    assert Letter.objects.get().token == ""
    for value in every_value_in_the_letters_table():
        if "/" not in value and len(value) <= 200:
            assert client.get(f"/letters/{value}/").status_code == 404


def test_it_keeps_links_made_before_tokens_were_hashed(client, writable):
    """A letter from before migration 0007: its old link works, nothing gives it out again."""
    from django.core import mail

    from solidarity.letters.models import link_digest
    from solidarity.letters.notify import tell_writer

    data = form(body=RUSSIAN, submission_key=key("legacy"), contact="old@example.org")
    client.post("/prisoners/alisa-andreeva/write/", data, headers={"accept-language": "ru"})
    old_token = "an-old-random-token-from-before-0007-abcdefgh"
    Letter.objects.update(token_digest=link_digest(old_token))  # what 0007 stores
    assert client.get(f"/letters/{old_token}/").status_code == 200
    again = client.post("/prisoners/alisa-andreeva/write/", data)
    assert again.status_code == 200 and "link you were given then" in again.content.decode()
    assert tell_writer(Letter.objects.get().pk, "reply")
    assert old_token not in mail.outbox[0].body
    assert "ссылка, которую вы получили" in mail.outbox[0].body  # written on the Russian site


@pytest.mark.django_db(transaction=True)
def test_it_hashes_the_tokens_stored_before_and_keeps_their_links(client, alice):
    """Migration letters/0007 on a database holding a clear token: the link still opens
    the letter, and the token is nowhere in the table any more."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("letters", "0006_post_batch")])
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO letters_letter (token, submission_key, person_id, body, signature,"
                " contact, translation, language, needs_translation, channel, state, flags,"
                " created_at, updated_at, receipt_number) VALUES (%s, 'old-key', %s, '', '',"
                " '', '', 'ru', %s, 'post', 'approved', '[]', %s, %s, '')",
                ["an-old-clear-token-0123456789abcdef", alice.pk, False, timezone.now(),
                 timezone.now()],
            )  # fmt: skip
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert client.get("/letters/an-old-clear-token-0123456789abcdef/").status_code == 200
    assert "an-old-clear-token" not in " ".join(every_value_in_the_letters_table())


def test_it_heads_each_text_and_offers_to_write_again(client, writable, settings):
    settings.SITE_URL = "http://letters.example.org:8123"
    link = client.post(
        "/prisoners/alisa-andreeva/write/",
        form(body="Dear Alisa, the lake froze early this year.", signature="Mia",
             submission_key=key("headings")),
    )["Location"]  # fmt: skip
    letter = Letter.objects.get()
    Letter.objects.filter(pk=letter.pk).update(state="awaiting_moderation")
    letter.refresh_from_db()
    letter.translation, letter.signature_translation = "Дорогая Алиса, озеро замёрзло.", "Мия"
    letter.save()
    advance(None, letter, "approve")
    advance(None, letter, "dispatch")
    attach_reply(None, letter, transcription="Спасибо, Мия!", translation="Thank you, Mia!")
    page = client.get(link).content.decode()
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", page)
    assert headings[:4] == [
        "Your letter", "Its translation into Russian", "The reply", "The reply's translation"
    ]  # fmt: skip
    assert "Signed: Mia" in page and "Signed: Мия" in page
    # The link to keep, as text, made from SITE_URL: the one base of absolute addresses.
    assert f'value="http://letters.example.org:8123{link}"' in page
    assert 'href="/prisoners/alisa-andreeva/write/"' in page and "again" in page
    assert f'href="{link}erase/"' in page
