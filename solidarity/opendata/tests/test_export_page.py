"""/staff/data/export/: the private export, for coordinators after re-authentication."""

import io
import json
import zipfile

from solidarity.accounts.models import AuditEntry, Authenticator
from solidarity.accounts.tests.helpers import current_code
from solidarity.letters.tests.test_translate import staff


def test_it_asks_for_the_password_again_first(staff_client, world):
    response = staff_client.get("/staff/data/export/")
    assert response.status_code == 302 and response["Location"].startswith("/staff/sudo/")


def test_it_gives_everything_to_a_coordinator_after_sudo(staff_client, world):
    device = Authenticator.objects.get(user__username="cora")
    staff_client.post("/staff/sudo/", {"password": "a long test passphrase",
                                       "code": current_code(device)})  # fmt: skip
    response = staff_client.post("/staff/data/export/", {"format": "json"})
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("solidarity-export.json"))
    assert "boris-hidden" in [p["id"] for p in data["people"]]
    assert "DATA-DICTIONARY.md" in archive.namelist()
    assert AuditEntry.objects.filter(action="opendata.export.private").count() == 1


def test_it_is_not_for_editors(client, world):
    staff(client, "editor")
    assert client.get("/staff/data/export/").status_code in (302, 403)
    assert client.post("/staff/data/export/", {"format": "json"}).status_code in (302, 403)
