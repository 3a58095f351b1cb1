"""/staff/intake/: upload a document, read it in the background, list what was read."""

from django.core.files.uploadedfile import SimpleUploadedFile

from solidarity.intake.models import Proposal
from solidarity.letters.tests.test_translate import staff
from solidarity.registry.models import Source

from .conftest import REPORT


def test_it_reads_an_upload_in_the_background(staff_client, run_tasks):
    upload = SimpleUploadedFile("report.txt", REPORT.encode())
    body = staff_client.post("/staff/intake/", {"document": upload}, follow=True).content.decode()
    assert "being read in the background" in body
    assert not Source.objects.exists()
    run_tasks()
    source = Source.objects.get()
    assert Proposal.objects.filter(source=source).count() > 3
    body = staff_client.get("/staff/intake/").content.decode()
    assert f"/staff/intake/sources/{source.pk}/" in body


def test_it_says_at_once_what_it_cannot_read(staff_client, settings):
    upload = SimpleUploadedFile("blob.pdf", b"not a pdf")
    body = staff_client.post("/staff/intake/", {"document": upload}, follow=True).content.decode()
    assert "blob.pdf: not a PDF file" in body
    settings.INTAKE_MAX_BYTES = 10
    upload = SimpleUploadedFile("big.txt", REPORT.encode())
    body = staff_client.post("/staff/intake/", {"document": upload}, follow=True).content.decode()
    assert "big.txt is larger than 10 bytes" in body
    assert not Source.objects.exists()


def test_it_says_what_it_cannot_read_in_the_reviewers_language(staff_client):
    ru = {"HTTP_ACCEPT_LANGUAGE": "ru"}

    def refusal(**data: object) -> str:
        return staff_client.post("/staff/intake/", data, follow=True, **ru).content.decode()

    assert "пустой.txt: файл пуст" in refusal(document=SimpleUploadedFile("пустой.txt", b" "))
    assert "письмо.docx: такой тип файла не читается" in refusal(
        document=SimpleUploadedFile("письмо.docx", b"PK\x03\x04 word")
    )
    german = "Das Gericht in Moskau hat heute den Aktivisten zu fünf Jahren Haft verurteilt."
    assert "текст на языке «de»" in refusal(text=german)
    assert not Source.objects.exists()


def test_it_is_not_for_translators(client, db):
    staff(client, "translator")
    assert client.get("/staff/intake/").status_code == 403


def test_it_is_for_editors(client, db):
    staff(client, "editor")
    assert client.get("/staff/intake/").status_code == 200


def _russian_pdf() -> bytes:
    from fpdf import FPDF

    from solidarity.letters.services.dispatch import FONTS

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.set_font("DejaVu", size=11)
    pdf.multi_cell(0, 6, "3 мая 2023 года в Москве задержали анархиста Льва Скорякина.")
    return bytes(pdf.output())


def _busy_pdf() -> bytes:
    """4 KB that keep pypdf busy for seconds: one content stream of millions of operators."""
    import io as _io
    import zlib

    stream = zlib.compress(b"BT /F1 1 Tf " + b"(a) Tj " * 3_000_000 + b"ET", 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = _io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))  # fmt: skip
    return out.getvalue()


def test_it_never_parses_a_pdf_in_the_request_and_limits_the_worker(
    staff_client, run_tasks, settings
):
    import time

    from django_tasks_db.models import DBTaskResult

    from solidarity.registry.models import Source

    settings.INTAKE_READ_SECONDS = 1
    busy = SimpleUploadedFile("busy.pdf", _busy_pdf())
    started = time.monotonic()
    response = staff_client.post("/staff/intake/", {"document": busy})
    assert response.status_code == 302
    assert time.monotonic() - started < 1.0  # pypdf alone takes seconds on it
    started = time.monotonic()
    run_tasks()
    assert time.monotonic() - started < 10
    row = DBTaskResult.objects.get(task_path__endswith="read_and_ingest")
    # refused as a value (told to the reviewer), not as a crash with a traceback
    assert row.status == "SUCCESSFUL" and "longer than 1 seconds" in row.return_value["error"]
    body = staff_client.get("/staff/intake/").content.decode()
    assert "not read" in body and "longer than 1 seconds" in body
    assert not Source.objects.exists()
    # A good PDF goes the same way and is read.
    settings.INTAKE_READ_SECONDS = 20
    good = SimpleUploadedFile("good.pdf", _russian_pdf())
    staff_client.post("/staff/intake/", {"document": good})
    run_tasks()
    assert any("Скорякина" in s.text for s in Source.objects.all())


def test_it_reads_pasted_text_with_its_source_and_publication_date(staff_client, run_tasks):
    text = "Олега Баранова задержали 2 мая. Ему вменяют ч. 2 ст. 280 УК РФ."
    response = staff_client.post(
        "/staff/intake/",
        {"text": text, "title": "Задержан Олег Баранов", "publisher": "Example News",
         "url": "https://news.example/a/1", "published": "2024-05-10"},
    )  # fmt: skip
    assert response.status_code == 302
    body = staff_client.get("/staff/intake/").content.decode()
    assert "Being read" in body and "Reload to see whether it is done" in body
    run_tasks()
    source = Source.objects.get()
    assert (source.title, source.publisher, source.url) == (
        "Задержан Олег Баранов", "Example News", "https://news.example/a/1",
    )  # fmt: skip
    assert str(source.published_on) == "2024-05-10"
    event = Proposal.objects.get(source=source, kind="event")
    assert (event.data["date"], event.data["inferred"]) == ("2024-05-02", True)
    body = staff_client.get("/staff/intake/").content.decode()
    assert "Being read" not in body
    assert f'href="/staff/intake/sources/{source.pk}/"' in body


def test_it_fetches_an_address_in_the_background(staff_client, run_tasks, settings):
    import threading
    from http.server import ThreadingHTTPServer

    from .test_fetching import Handler  # the same local server

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        # a plainly local address is refused at once, beside its field
        settings.INTAKE_FETCH_ALLOW = []
        refused = staff_client.post("/staff/intake/", {"url": base + "/article"})
        assert refused.status_code == 400
        assert 'id="id_url-error"' in refused.content.decode()
        assert "private or local address" in refused.content.decode()
        ftp = staff_client.post("/staff/intake/", {"url": "ftp://example.org/a"})
        assert ftp.status_code == 400
        # one the worker finds private (a redirect to the metadata address) is told, kept
        # until dismissed, and leaves nothing behind
        settings.INTAKE_FETCH_ALLOW = ["127.0.0.1/32"]
        staff_client.post("/staff/intake/", {"url": base + "/to/http:__169.254.169.254_x"})
        run_tasks()
        for _ in range(2):
            body = staff_client.get("/staff/intake/").content.decode()
            assert "not read" in body and "169.254.169.254" in body
        assert not Source.objects.exists()
        # and in the reviewer's language
        staff_client.cookies["django_language"] = "ru"
        russian = staff_client.get("/staff/intake/").content.decode()
        assert "находится по частному или локальному адресу (169.254.169.254)" in russian
        staff_client.cookies["django_language"] = "en"
        dismiss = body.split('name="dismiss" value="')[1].split('"')[0]
        staff_client.post("/staff/intake/", {"dismiss": dismiss})
        assert "not read" not in staff_client.get("/staff/intake/").content.decode()
        staff_client.post("/staff/intake/", {"url": base + "/article"})
        run_tasks()
    finally:
        httpd.shutdown()
    source = Source.objects.get()
    assert (source.title, source.url, str(source.published_on)) == (
        "Detained", base + "/article", "2024-05-03",
    )  # fmt: skip
    assert Proposal.objects.filter(source=source, subject="Oleg Baranov").exists()


def test_it_keeps_what_was_typed_and_names_the_field(staff_client):
    response = staff_client.post(
        "/staff/intake/", {"text": "  ", "title": "Мой заголовок", "published": "10 May"}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_published-error"' in body
    assert 'value="Мой заголовок"' in body
    assert "Give a file, paste the text, or give its address." in body
    both = staff_client.post(
        "/staff/intake/",
        {"text": "Олег Баранов задержан.", "document": SimpleUploadedFile("a.txt", b"Oleg")},
    )
    assert "not both" in both.content.decode()
    assert not Source.objects.exists()
