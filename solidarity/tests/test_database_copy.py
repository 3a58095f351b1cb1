"""The raw database files, copied as a seized disk or a dump gives them.

A writer sends a letter and a coordinator signs in with an authenticator app through the
pages; then the SQLite files (database, WAL) are read byte by byte. Neither the writer's
status-link token, nor the staff session cookie, the authenticator seed (hex or base32)
or any recovery code is in them."""

import sqlite3
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from solidarity.accounts.models import Authenticator, User
from solidarity.accounts.tests.helpers import current_code
from solidarity.letters.tests.test_write_letter import form

PASSWORD = "a long test passphrase"


def raw_database() -> bytes:
    """Every byte of the SQLite database files, after SQLite has written everything out."""
    connection.close()
    name = Path(connection.settings_dict["NAME"])
    sqlite3.connect(name).execute("PRAGMA wal_checkpoint(FULL)").close()
    return b"".join(p.read_bytes() for p in name.parent.glob(name.name + "*"))


def test_it_leaves_no_working_secret_in_the_database_files(transactional_db, alice):
    if connection.vendor != "sqlite":
        pytest.skip("reads SQLite's files; the table-level tests cover PostgreSQL")
    alice.accepts_letters = True
    alice.save()
    writer = Client()
    link = writer.post("/prisoners/alisa-andreeva/write/", form(body="Держись, Алиса!"))
    token = link["Location"].split("/")[2]

    User.objects.create_user("cora", password=PASSWORD, is_staff=True, role="coordinator")
    staff = Client()
    staff.post("/staff/login/", {"username": "cora", "password": PASSWORD})
    seed_base32 = staff.get("/staff/enrol/").context["secret"]
    seed_hex = Authenticator.objects.get().key
    codes = staff.post(
        "/staff/enrol/", {"code": current_code(Authenticator.objects.get())}
    ).context["codes"]
    cookie = staff.cookies["sessionid"].value
    assert staff.get("/staff/").status_code == 200

    raw = raw_database()
    for secret in [token, cookie, seed_hex, seed_base32, *codes]:
        assert secret.encode() not in raw, secret
        assert secret.lower().encode() not in raw.lower(), secret
    assert writer.get(link["Location"]).status_code == 200  # and the real ones still work
    assert staff.get("/staff/").status_code == 200
