"""/staff/accounts/: a coordinator adds staff, changes roles, deactivates and resets a lost
sign-in without Django's admin; each change audited, a passphrase shown once."""

import re

import pytest
from django.test import Client

from solidarity.accounts.models import AuditEntry, Authenticator, User
from solidarity.accounts.tests.test_keys_view import with_sudo
from solidarity.conftest import sign_in_with_second_factor
from solidarity.letters.tests.test_translate import staff


def _post(client, **data):
    with_sudo(client)
    return client.post("/staff/accounts/", data)


def test_it_asks_for_the_passphrase_again_first(staff_client, coordinator):
    response = staff_client.get("/staff/accounts/")
    assert response.status_code == 302 and response["Location"].startswith("/staff/sudo/")


def test_it_adds_an_account_and_shows_its_passphrase_once(staff_client, coordinator):
    response = _post(staff_client, do="add", username="nina", role="editor")
    body = response.content.decode()
    passphrase = re.search(r"<code>([a-z0-9-]{29})</code>", body)[1]
    nina = User.objects.get(username="nina")
    assert nina.role == "editor" and nina.is_staff and nina.check_password(passphrase)
    assert AuditEntry.objects.filter(action="accounts.user.create").count() == 1
    assert passphrase not in with_sudo(staff_client).get("/staff/accounts/").content.decode()
    assert passphrase not in str(list(AuditEntry.objects.values_list("details", flat=True)))
    # The new person signs in and is asked to set up an authenticator app.
    newcomer = Client()
    signed = newcomer.post("/staff/login/", {"username": "nina", "password": passphrase})
    assert signed.status_code == 302 and "/staff/enrol/" in signed["Location"]


def test_it_refuses_a_taken_user_name(staff_client, coordinator):
    response = _post(staff_client, do="add", username="cora", role="viewer")
    assert response.status_code == 400 and "is taken" in response.content.decode()


def test_it_changes_a_role_and_deactivates(staff_client, coordinator):
    nina = User.objects.create_user("nina", password="p" * 16, is_staff=True, role="viewer")
    _post(staff_client, do="role", user=nina.pk, role="moderator")
    nina.refresh_from_db()
    assert nina.role == "moderator"
    other = Client()
    sign_in_with_second_factor(other, nina)
    assert other.get("/staff/").status_code == 200
    _post(staff_client, do="deactivate", user=nina.pk)
    nina.refresh_from_db()
    assert not nina.is_active
    assert other.get("/staff/").status_code == 302  # signed out at the next request
    entries = AuditEntry.objects.filter(action="accounts.user.update")
    assert [e.details["fields"] for e in entries] == [
        {"role": {"from": "viewer", "to": "moderator"}},
        {"is_active": {"from": True, "to": False}},
    ]


def test_it_keeps_the_last_coordinator(staff_client, coordinator):
    response = _post(staff_client, do="role", user=coordinator.pk, role="viewer")
    assert response.status_code == 400 and "last active coordinator" in response.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.role == "coordinator"


def test_it_resets_a_lost_sign_in(staff_client, coordinator):
    nina = User.objects.create_user("nina", password="p" * 16, is_staff=True, role="editor")
    other = Client()
    sign_in_with_second_factor(other, nina)
    body = _post(staff_client, do="reset", user=nina.pk).content.decode()
    passphrase = re.search(r"<code>([a-z0-9-]{29})</code>", body)[1]
    nina.refresh_from_db()
    assert nina.check_password(passphrase) and not nina.check_password("p" * 16)
    assert not Authenticator.objects.filter(user=nina).exists()
    assert other.get("/staff/").status_code == 302
    entry = AuditEntry.objects.get(action="accounts.user.reset_sign_in")
    assert entry.details["sessions_ended"] == 1 and entry.details["factors_removed"] >= 1


@pytest.mark.parametrize("role", ["viewer", "translator", "moderator", "editor"])
def test_it_is_for_coordinators(client, db, role):
    staff(client, role)
    assert client.get("/staff/accounts/").status_code == 403
