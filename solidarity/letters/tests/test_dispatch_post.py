"""Paper post: a PDF per facility with the Russian text and the envelope address."""

import base64
import datetime as dt
import io
import zipfile

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from pypdf import PdfReader

from solidarity.accounts.models import AuditEntry
from solidarity.letters.models import BatchState, Letter, PostBatch, State
from solidarity.letters.retention import old_batches
from solidarity.letters.services.dispatch import (
    build_post_batch,
    envelope_lines,
    post_batch,
    request_post_batch,
)
from solidarity.letters.services.workflow import advance
from solidarity.letters.services.writing import submit_letter
from solidarity.letters.tests.test_translate import staff
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


def test_it_has_a_worker_prepare_the_batch_staff_download(client, letters, run_tasks):
    staff(client, "moderator")
    assert "SIZO-1 Testgrad" in client.get("/staff/letters/dispatch/").content.decode()
    page = client.post("/staff/letters/dispatch/", follow=True).content.decode()
    assert "The batch is being prepared" in page
    assert '<meta http-equiv="refresh"' in page  # reloads itself until the batch is ready
    client.post("/staff/letters/dispatch/")  # a second press while it is prepared
    assert PostBatch.objects.count() == 1
    assert Letter.objects.filter(state=State.DISPATCHED).count() == 0

    run_tasks()
    batch = PostBatch.objects.get()
    assert batch.state == BatchState.READY and batch.unaddressed == [letters[2].pk]
    assert sorted(batch.letters) == sorted([letters[0].pk, letters[1].pk])
    # Printed is not posted: the letters wait, in no other batch, until it is marked posted.
    assert Letter.objects.filter(state=State.DISPATCHED).count() == 0
    assert "Mark as posted" in client.get("/staff/letters/dispatch/").content.decode()
    page = client.get("/staff/letters/dispatch/").content.decode()
    assert "Download the zip" in page and f"#{letters[2].pk}" in page
    assert '<meta http-equiv="refresh"' not in page
    r = client.get(f"/staff/letters/dispatch/{batch.pk}.zip")
    assert r["Content-Type"] == "application/zip" and r["Cache-Control"] == "private, no-store"
    archive = zipfile.ZipFile(io.BytesIO(r.content))
    assert len(archive.namelist()) == 1 and archive.namelist()[0].endswith("sizo-1-test.pdf")
    pdf = PdfReader(io.BytesIO(archive.read(archive.namelist()[0])))
    assert "Дорогая Алиса, держись!" in "\n".join(p.extract_text() for p in pdf.pages)
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions.count("letters.batch.request") == 1
    assert actions.count("letters.batch.download") == 1
    assert actions.count("letters.letter.dispatch") == 0
    batch.refresh_from_db()
    assert batch.downloaded_at is not None


def test_it_says_when_there_is_nothing_to_print(client, letters, run_tasks):
    staff(client, "moderator")
    client.post("/staff/letters/dispatch/")
    client.post("/staff/letters/dispatch/")
    assert PostBatch.objects.count() == 1
    run_tasks()
    client.post("/staff/letters/dispatch/")  # the first is done: this is a new batch
    run_tasks()
    empty = PostBatch.objects.first()
    assert PostBatch.objects.count() == 2 and empty.state == BatchState.EMPTY
    assert "nothing to print" in client.get("/staff/letters/dispatch/").content.decode()
    page = client.get(f"/staff/letters/dispatch/{empty.pk}.zip", follow=True).content.decode()
    assert "This batch has no file to download." in page


def test_it_builds_a_batch_once_however_often_its_task_runs(letters):
    batch = request_post_batch(None)
    first = build_post_batch(batch.pk)
    again = build_post_batch(batch.pk)
    assert again.archive == first.archive and len(again.letters) == 2
    assert AuditEntry.objects.filter(action="letters.letter.dispatch").count() == 0
    # A second batch leaves out the letters printed in the first, not posted yet.
    second = build_post_batch(request_post_batch(None).pk)
    assert second.state == BatchState.EMPTY


def test_it_keeps_the_batch_encrypted_and_empties_it_after_its_time(letters, settings):
    batch = build_post_batch(request_post_batch(None).pk)
    with connection.cursor() as cursor:
        cursor.execute("SELECT archive FROM letters_postbatch")
        (stored,) = cursor.fetchone()
    assert stored.startswith("fernet:") and base64.b64decode(batch.archive)[:2] == b"PK"
    assert old_batches() == 0
    PostBatch.objects.update(created_at=timezone.now() - dt.timedelta(days=8))
    assert old_batches() == 1
    batch.refresh_from_db()
    assert batch.archive == "" and batch.purged_at is not None


SEVEN_LINES = (
    "ФКУ ИК-99 УФСИН России по Тестовской области\n"
    "ул. Длинная промышленная зона Южного лесного участка, строение 123, корпус 45\n"
    "посёлок городского типа Нижнее Тестовое-Приозёрное\n"
    "Тестово-Приозёрский муниципальный район\n"
    "Тестовская область\n"
    "Российская Федерация\n"
    "999999"
)


def text_positions(page):  # type: ignore[no-untyped-def]
    """(text, x, y) of every piece of text on a PDF page, in points from the bottom left."""
    found = []

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), x, y))

    page.extract_text(visitor_text=visit)
    return found


def test_it_prints_a_letter_that_can_be_answered(alice, facility, tmp_path, settings):
    settings.LETTERS_RETURN_ADDRESS = "Группа «Тест» | а/я 7, г. Тестград, 000007"
    letter = submit_letter(alice, body="Дорогая Алиса, весна 🌷 пришла!", signature="Mei 李梅 ნინო",
                           submission_key="printed")  # fmt: skip
    assert "print" in letter.flags  # the moderator is told before it is printed
    advance(None, letter, "approve")
    report = post_batch(None, tmp_path)
    text = "\n".join(page.extract_text() for page in PdfReader(report.files[0]).pages)
    today = timezone.localdate()
    assert f"№ {letter.pk}" in text and str(today.year) in text
    assert "От кого: Группа «Тест», а/я 7, г. Тестград, 000007" in text
    assert f"укажите в ответе номер письма: № {letter.pk}" in text
    # Emoji and Chinese: no font has them; their code points stand where they were.
    assert "весна [U+1F337] пришла!" in text
    assert "Mei [U+674E][U+6885] ნინო" in text  # Georgian is in the font


def test_it_prints_the_signature_the_translator_wrote(alice, facility, tmp_path):
    letter = approved(alice, "Dear Alisa, hello!", "signed", translation="Дорогая Алиса, привет!")
    Letter.objects.filter(pk=letter.pk).update(signature_translation="Мия из Тестбурга")
    post_batch(None, tmp_path)
    text = "\n".join(page.extract_text() for page in PdfReader(next(tmp_path.glob("*.pdf"))).pages)
    assert "Мия из Тестбурга" in text


def test_it_refuses_to_print_without_a_return_address(letters, tmp_path, settings):
    from solidarity.letters.services.workflow import WorkflowError

    settings.LETTERS_RETURN_ADDRESS = ""
    with pytest.raises(WorkflowError, match="LETTERS_RETURN_ADDRESS"):
        post_batch(None, tmp_path)
    assert Letter.objects.filter(state=State.DISPATCHED).count() == 0


def test_it_keeps_long_addresses_inside_14_labels_on_one_sheet(alice, facility, tmp_path):
    from solidarity.letters.services import dispatch

    facility.postal_address = SEVEN_LINES
    facility.save()
    for n in range(14):
        approved(alice, f"Дорогая Алиса, письмо {n}. Держись!", f"label-{n}")
    [path] = post_batch(None, tmp_path).files
    pages = PdfReader(path).pages
    assert len(pages) == 15  # 14 letters, one sheet of labels, no page more
    mm = 72 / 25.4
    height = float(pages[-1].mediabox.height)
    boxes = []
    for slot in range(14):
        left = (dispatch.LABEL_LEFT + (slot % 2) * dispatch.LABEL_WIDTH) * mm
        top = height - (dispatch.LABEL_TOP + (slot // 2) * dispatch.LABEL_HEIGHT) * mm
        boxes.append((left, top, left + (dispatch.LABEL_WIDTH - dispatch.LABEL_GAP) * mm,
                      top - (dispatch.LABEL_HEIGHT - dispatch.LABEL_GAP) * mm))  # fmt: skip
    pieces = text_positions(pages[-1])
    inside = {slot: [] for slot in range(14)}
    for text, x, y in pieces:
        slots = [i for i, (x0, y0, x1, y1) in enumerate(boxes) if x0 < x < x1 and y1 < y < y0]
        assert slots, (text, x, y)  # no line outside every label
        inside[slots[0]].append(text)
    for slot, texts in inside.items():
        joined = " ".join(texts)
        assert "999999" in joined and "Андреева Алиса Петровна" in joined, slot
