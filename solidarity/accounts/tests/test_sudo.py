"""Dangerous actions need the password and a code again, recently."""

import time

from solidarity.accounts import sudo
from solidarity.accounts.models import AuditEntry
from solidarity.accounts.tests.helpers import confirmed_totp, current_code
from solidarity.conftest import sign_in_with_second_factor


def test_it_asks_again_before_user_management(client, coordinator):
    sign_in_with_second_factor(client, coordinator)
    r = client.get("/admin/accounts/user/")
    assert r["Location"] == "/staff/sudo/?next=%2Fadmin%2Faccounts%2Fuser%2F"


def test_it_lets_the_action_through_after_reauthentication(client, coordinator):
    device = confirmed_totp(coordinator)
    sign_in_with_second_factor(client, coordinator)
    r = client.post(
        "/staff/sudo/",
        {"password": "a long test passphrase", "code": current_code(device),
         "next": "/admin/accounts/user/"},
    )  # fmt: skip
    assert r["Location"] == "/admin/accounts/user/"
    assert client.get("/admin/accounts/user/").status_code == 200
    assert AuditEntry.objects.filter(action="accounts.sudo").exists()


def test_it_refuses_a_wrong_password(client, coordinator):
    device = confirmed_totp(coordinator)
    sign_in_with_second_factor(client, coordinator)
    r = client.post("/staff/sudo/", {"password": "wrong", "code": current_code(device)})
    assert "not accepted" in r.content.decode()
    assert client.get("/admin/accounts/user/").status_code == 302


def test_it_expires(client, coordinator, settings):
    sign_in_with_second_factor(client, coordinator)
    session = client.session
    session[sudo.SESSION_KEY] = time.time() - 1
    session.save()
    assert client.get("/staff/keys/")["Location"].startswith("/staff/sudo/")
