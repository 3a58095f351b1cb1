"""Sign-in secrets, played by someone who holds a copy of the database.

Every session key, authenticator seed and recovery code the copy holds is tried against the
live site: none opens a staff page or passes the second factor."""

import importlib
import re

from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice as PlainTOTPDevice

from solidarity.accounts.models import Authenticator, RecoveryCodeDevice
from solidarity.accounts.tests.helpers import current_code

PASSWORD = "a long test passphrase"


def cells(*tables: str) -> list[str]:
    """Every non-empty text cell of the tables, as a dump holds them."""
    found = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (our own table names)
            found += [v for row in cursor.fetchall() for v in row if isinstance(v, str) and v]
    return found


def enrolled(client: Client) -> list[str]:
    """Password, authenticator enrolment and recovery codes, through the pages."""
    client.post("/staff/login/", {"username": "cora", "password": PASSWORD})
    client.get("/staff/enrol/")
    device = Authenticator.objects.get()
    codes = client.post("/staff/enrol/", {"code": current_code(device)}).context["codes"]
    assert client.get("/staff/").status_code == 200
    return list(codes)


def half_signed_in() -> Client:
    client = Client()
    client.post("/staff/login/", {"username": "cora", "password": PASSWORD})
    return client


def test_it_opens_no_staff_page_with_a_session_key_from_the_database(client, coordinator):
    enrolled(client)
    cookie = client.cookies["sessionid"].value
    keys = cells("django_session")
    assert keys and cookie not in keys
    for key in Session.objects.values_list("session_key", flat=True):
        thief = Client()
        thief.cookies["sessionid"] = key
        r = thief.get("/staff/")
        assert r.status_code == 302 and r["Location"].startswith("/staff/login/"), key
    assert client.get("/staff/").status_code == 200  # the real cookie still works


def test_it_changes_the_session_key_when_the_second_factor_passes(client, coordinator):
    client.post("/staff/login/", {"username": "cora", "password": PASSWORD})
    client.get("/staff/enrol/")
    after_password = client.cookies["sessionid"].value
    client.post("/staff/enrol/", {"code": current_code(Authenticator.objects.get())})
    assert client.cookies["sessionid"].value != after_password
    stale = Client()
    stale.cookies["sessionid"] = after_password
    assert stale.get("/staff/")["Location"].startswith("/staff/login/")


def test_it_passes_no_second_factor_with_a_seed_from_the_database(client, coordinator):
    enrolled(client)
    seed = Authenticator.objects.get().key
    values = cells("accounts_authenticator", "otp_totp_totpdevice")
    assert not any(seed in v for v in values)
    for value in values:
        for candidate in re.findall(r"[0-9a-f]{32,80}", value):
            code = f"{totp(bytes.fromhex(candidate)):06d}"
            r = half_signed_in().post("/staff/verify/", {"code": code})
            assert r.status_code == 200 and "not accepted" in r.content.decode()


def test_it_passes_no_second_factor_with_a_recovery_code_from_the_database(client, coordinator):
    codes = enrolled(client)
    values = cells("accounts_recoverycode", "otp_static_statictoken")
    assert values and not any(code in v for code in codes for v in values)
    for value in values[:3]:  # each is an Argon2 hash; trying all is slow and proves no more
        r = half_signed_in().post("/staff/verify/", {"code": value})
        assert r.status_code == 200 and "not accepted" in r.content.decode()
    assert half_signed_in().post("/staff/verify/", {"code": codes[0]}).status_code == 302


def test_it_seals_the_second_factors_stored_before(coordinator):
    """The data migration: clear seeds and codes move to encrypted and hashed rows."""
    old = PlainTOTPDevice.objects.create(user=coordinator, name="phone", confirmed=True)
    static = StaticDevice.objects.create(user=coordinator, name="codes", confirmed=True)
    StaticToken.objects.create(device=static, token="abcd2345")
    migration = importlib.import_module("solidarity.accounts.migrations.0005_sealed_second_factors")
    migration.seal(apps, None)
    assert not PlainTOTPDevice.objects.exists() and not StaticToken.objects.exists()
    assert old.key not in " ".join(cells("accounts_authenticator"))
    client = half_signed_in()
    assert client.post("/staff/verify/", {"code": current_code(old)}).status_code == 302
    assert half_signed_in().post("/staff/verify/", {"code": "abcd2345"}).status_code == 302
    assert RecoveryCodeDevice.objects.get().codes.count() == 0
