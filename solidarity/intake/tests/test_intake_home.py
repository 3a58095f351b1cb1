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


def test_it_is_not_for_translators(client, db):
    staff(client, "translator")
    assert client.get("/staff/intake/").status_code == 403


def test_it_is_for_editors(client, db):
    staff(client, "editor")
    assert client.get("/staff/intake/").status_code == 200
