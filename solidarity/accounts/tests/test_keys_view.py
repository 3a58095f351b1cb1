import time

from solidarity.accounts import sudo
from solidarity.accounts.models import AuditEntry
from solidarity.conftest import sign_in_with_second_factor


def with_sudo(client):  # type: ignore[no-untyped-def]
    session = client.session
    session[sudo.SESSION_KEY] = time.time() + 60
    session.save()
    return client


def test_it_rotates_keys_for_a_coordinator_after_sudo(client, coordinator, settings, tmp_path):
    settings.FIELD_ENCRYPTION_KEYS = ""
    settings.VAR_DIR = tmp_path
    with_sudo(sign_in_with_second_factor(client, coordinator))
    assert client.get("/staff/keys/").status_code == 200
    r = client.post("/staff/keys/", {"step": "rotate"})
    assert r.status_code == 302
    assert AuditEntry.objects.filter(action="keys.rotate", actor_name="cora").exists()
    assert len((tmp_path / "field_keys").read_text().split()) == 2
    assert "retire" in client.get("/staff/keys/").content.decode()
    assert client.post("/staff/keys/", {"step": "retire"}).status_code == 302
    assert AuditEntry.objects.filter(action="keys.retire", actor_name="cora").exists()
    assert len((tmp_path / "field_keys").read_text().split()) == 1


def test_it_refuses_an_editor(client, db):
    from solidarity.accounts.models import User

    editor = User.objects.create_user("ed", password="x" * 16, is_staff=True, role="editor")
    with_sudo(sign_in_with_second_factor(client, editor))
    assert client.post("/staff/keys/").status_code == 403
