"""E-letters: text and PDF ready to paste into the service; sent once a receipt is recorded."""

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from solidarity.letters.models import Letter, State
from solidarity.letters.services.workflow import advance
from solidarity.letters.services.writing import submit_letter
from solidarity.letters.tests.test_translate import staff


@pytest.fixture
def eletter(alice):
    letter = submit_letter(
        alice, body="Дорогая Алиса, обнимаем!", signature="Мия", channel="eletter",
        submission_key="e1",
    )  # fmt: skip
    return advance(None, letter, "approve")


def test_it_offers_the_text_and_pdf_and_records_the_receipt(client, eletter):
    staff(client, "moderator")
    page = client.get("/staff/letters/eletters/").content.decode()
    assert "Дорогая Алиса, обнимаем!\n\nМия" in page
    pdf = client.get(f"/staff/letters/{eletter.pk}/eletter.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    r = client.post(f"/staff/letters/{eletter.pk}/eletter-sent/", {"receipt": " "}, follow=True)
    assert "Enter the receipt number" in r.content.decode()
    assert Letter.objects.get().state == State.APPROVED
    client.post(f"/staff/letters/{eletter.pk}/eletter-sent/", {"receipt": "FP-2026-0042"})
    letter = Letter.objects.get()
    assert (letter.state, letter.receipt_number) == (State.DISPATCHED, "FP-2026-0042")
    assert "FP-2026-0042" in client.get(f"/letters/{letter.token}/").content.decode()


def test_it_writes_files_from_the_command_line_without_marking_them_sent(eletter, tmp_path, capsys):
    call_command("letters", "dispatch", "--channel", "eletter", "--out", str(tmp_path))
    assert "1 e-letters ready" in capsys.readouterr().out
    assert (
        tmp_path / f"eletter-{eletter.pk}.txt"
    ).read_text() == "Дорогая Алиса, обнимаем!\n\nМия\n"
    reader = PdfReader(tmp_path / f"eletter-{eletter.pk}.pdf")
    assert "Дорогая Алиса, обнимаем!" in reader.pages[0].extract_text()
    assert Letter.objects.get().state == State.APPROVED


def test_it_keeps_paper_letters_out_of_the_eletter_pages(client, alice):
    letter = submit_letter(alice, body="Привет!", submission_key="p1")
    advance(None, letter, "approve")
    staff(client, "moderator")
    assert f"#{letter.pk}" not in client.get("/staff/letters/eletters/").content.decode()
    assert client.get(f"/staff/letters/{letter.pk}/eletter.pdf").status_code == 404
