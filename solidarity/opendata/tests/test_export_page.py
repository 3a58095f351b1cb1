"""/staff/data/export/: the private export, for coordinators after re-authentication."""

import io
import json
import shutil
import subprocess
import zipfile

import pytest

from solidarity.accounts.models import AuditEntry, Authenticator
from solidarity.accounts.tests.helpers import current_code
from solidarity.letters.tests.test_translate import staff
from solidarity.opendata import sealing

PASS = "correct horse battery staple"


def test_it_asks_for_the_password_again_first(staff_client, world):
    response = staff_client.get("/staff/data/export/")
    assert response.status_code == 302 and response["Location"].startswith("/staff/sudo/")


def test_it_gives_everything_to_a_coordinator_after_sudo(staff_client, world):
    device = Authenticator.objects.get(user__username="cora")
    staff_client.post("/staff/sudo/", {"password": "a long test passphrase",
                                       "code": current_code(device)})  # fmt: skip
    response = staff_client.post("/staff/data/export/", {"format": "json", "passphrase": PASS})
    archive = zipfile.ZipFile(io.BytesIO(sealing.unseal(response.content, PASS)))
    data = json.loads(archive.read("solidarity-export.json"))
    assert "boris-hidden" in [p["id"] for p in data["people"]]
    assert "DATA-DICTIONARY.md" in archive.namelist()
    assert AuditEntry.objects.filter(action="opendata.export.private").count() == 1


def test_it_encrypts_the_file_so_that_a_seized_laptop_gives_nothing(staff_client, world, tmp_path):
    device = Authenticator.objects.get(user__username="cora")
    staff_client.post("/staff/sudo/", {"password": "a long test passphrase",
                                       "code": current_code(device)})  # fmt: skip
    refused = staff_client.post("/staff/data/export/", {"format": "json", "passphrase": "short"})
    assert refused.status_code == 400 and "at least 12 characters" in refused.content.decode()
    response = staff_client.post("/staff/data/export/", {"format": "csv", "passphrase": PASS})
    blob = response.content
    assert response["Content-Disposition"].endswith('.zip.enc"')
    assert not blob.startswith(b"PK") and b"boris-hidden" not in blob
    assert "Хиддинк".encode() not in blob
    # What the coordinator does on the laptop: the stock openssl opens it.
    (tmp_path / "export.enc").write_bytes(blob)
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    subprocess.run(  # noqa: S603
        [openssl, "enc", "-d", "-aes-256-cbc", "-pbkdf2", "-iter", str(sealing.ITERATIONS),
         "-md", "sha256", "-in", str(tmp_path / "export.enc"), "-out", str(tmp_path / "e.zip"),
         "-pass", f"pass:{PASS}"], check=True, capture_output=True,
    )  # fmt: skip
    names = zipfile.ZipFile(tmp_path / "e.zip").namelist()
    assert "people.csv" in names
    assert b"boris-hidden" in zipfile.ZipFile(tmp_path / "e.zip").read("people.csv")


def test_it_is_not_for_editors(client, world):
    staff(client, "editor")
    assert client.get("/staff/data/export/").status_code in (302, 403)
    assert client.post("/staff/data/export/", {"format": "json"}).status_code in (302, 403)
