"""Paper post: a PDF per facility with the Russian text and the envelope address."""

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from solidarity.accounts.models import AuditEntry
from solidarity.letters.models import Letter, State
from solidarity.letters.services.dispatch import envelope_lines, post_batch
from solidarity.letters.services.workflow import advance
from solidarity.letters.services.writing import submit_letter
from solidarity.registry.partial_date import PartialDate
from solidarity.registry.tests.factories import make_person


def approved(person, body, key, translation=""):  # type: ignore[no-untyped-def]
    letter = submit_letter(person, body=body, signature="Мия", submission_key=key)
    if letter.state == State.NEEDS_TRANSLATION:
        letter.translator = None
        Letter.objects.filter(pk=letter.pk).update(state=State.AWAITING_MODERATION)
        letter.refresh_from_db()
        letter.translation = translation
        letter.save()
    return advance(None, letter, "approve")


@pytest.fixture
def letters(alice, facility):
    alice.birth_date = PartialDate.parse("1990-05")
    alice.save()
    first = approved(alice, "Дорогая Алиса, держись! Мы рядом.", "k1")
    second = approved(
        alice, "Dear Alisa, spring is near.", "k2", translation="Дорогая Алиса, скоро весна."
    )
    homeless = make_person("Без Адреса", slug="no-address")
    third = approved(homeless, "Привет!", "k3")
    return first, second, third


def test_it_addresses_envelopes_in_russian_postal_order(letters):
    assert envelope_lines(letters[0]) == [
        "Андреева Алиса Петровна, 1990 г. р.",
        "ул. Тестовая, д. 1, г. Тестград, 000001",
    ]


def test_it_renders_one_pdf_per_facility_and_marks_letters_dispatched(letters, tmp_path):
    report = post_batch(None, tmp_path)
    assert len(report.files) == 1 and report.dispatched == 2
    assert report.unaddressed == [letters[2].pk]
    text = "\n".join(page.extract_text() for page in PdfReader(report.files[0]).pages)
    assert "Дорогая Алиса, держись!" in text
    assert "Дорогая Алиса, скоро весна." in text  # the translation, not the original
    assert "spring is near" not in text
    assert "Андреева Алиса Петровна, 1990 г. р." in text
    assert "ул. Тестовая, д. 1, г. Тестград, 000001" in text
    states = dict(Letter.objects.values_list("pk", "state"))
    assert states[letters[0].pk] == states[letters[1].pk] == State.DISPATCHED
    assert states[letters[2].pk] == State.APPROVED
    assert AuditEntry.objects.filter(action="letters.letter.dispatch").count() == 2
    assert not list(tmp_path.glob("*.partial"))


def test_it_sends_nothing_twice(letters, tmp_path):
    post_batch(None, tmp_path / "a")
    again = post_batch(None, tmp_path / "b")
    assert again.dispatched == 0 and again.files == []


def test_it_works_from_the_command_line(letters, tmp_path, capsys):
    call_command("letters", "dispatch", "--channel", "post", "--out", str(tmp_path))
    out = capsys.readouterr().out
    assert "2 letters dispatched in 1 batch(es)." in out
    assert f"#{letters[2].pk}" in out
    assert len(list(tmp_path.glob("*.pdf"))) == 1


def test_it_gives_staff_a_zip_of_the_batch(client, letters):
    import io
    import zipfile

    from solidarity.letters.tests.test_translate import staff

    staff(client, "moderator")
    assert "SIZO-1 Testgrad" in client.get("/staff/letters/dispatch/").content.decode()
    r = client.post("/staff/letters/dispatch/")
    assert r["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
    assert len(names) == 1 and names[0].endswith("sizo-1-test.pdf")
    assert Letter.objects.filter(state=State.DISPATCHED).count() == 2
    again = client.post("/staff/letters/dispatch/", follow=True)
    assert "No approved paper letter can be addressed." in again.content.decode()
