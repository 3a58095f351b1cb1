from django.contrib.auth.hashers import make_password

from solidarity.accounts.models import AuditEntry, RecoveryCode, RecoveryCodeDevice
from solidarity.accounts.tests.helpers import confirmed_totp, current_code


def half_signed_in(client, user):  # type: ignore[no-untyped-def]
    device = confirmed_totp(user)
    client.post("/staff/login/", {"username": "cora", "password": "a long test passphrase"})
    return device


def test_it_signs_in_with_an_authenticator_code(client, coordinator):
    device = half_signed_in(client, coordinator)
    r = client.post("/staff/verify/", {"code": current_code(device), "next": "/admin/"})
    assert r["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert AuditEntry.objects.filter(action="accounts.login", actor_name="cora").exists()


def test_it_accepts_a_recovery_code_once(client, coordinator):
    half_signed_in(client, coordinator)
    static = RecoveryCodeDevice.objects.create(user=coordinator, name="recovery", confirmed=True)
    RecoveryCode.objects.create(device=static, digest=make_password("abcd1234"))
    r = client.post("/staff/verify/", {"code": "abcd 1234"})
    assert r.status_code == 302
    client.post("/staff/logout/")
    client.post("/staff/login/", {"username": "cora", "password": "a long test passphrase"})
    r = client.post("/staff/verify/", {"code": "abcd1234"})
    assert r.status_code == 200 and "not accepted" in r.content.decode()


def test_it_refuses_a_wrong_code(client, coordinator):
    half_signed_in(client, coordinator)
    r = client.post("/staff/verify/", {"code": "123456"})
    assert "not accepted" in r.content.decode()
    assert client.get("/admin/").status_code == 302


def test_it_sends_strangers_to_sign_in(client, db):
    r = client.get("/staff/verify/")
    assert r["Location"].startswith("/staff/login/")
