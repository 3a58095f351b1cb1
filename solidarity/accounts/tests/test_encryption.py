"""Private fields are encrypted at rest: the words never reach the database in clear."""

import sqlite3
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.db import connection

from solidarity import crypto
from solidarity.accounts.keys import KeysInEnvironment, retire, rotate, stale_values
from solidarity.accounts.models import AuditEntry
from solidarity.registry import models as m
from solidarity.registry.tests.factories import make_person

MARKERS = {
    "full_name": "MARKER-FULLNAME-Зайцева Анна Игоревна",
    "letter_address": "MARKER-ADDRESS-ул. Домашняя, 7",
    "private_notes": "MARKER-NOTES-lawyer phone +7 900",
}


def table_dump() -> str:
    """Every row of every table as text, as a dump would show it."""
    out = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            out.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(out)


@pytest.fixture
def secret_person(transactional_db):
    return make_person("Анна Зайцева", slug="anna", **MARKERS)


def test_it_reads_back_what_it_wrote(secret_person):
    person = m.Person.objects.get(slug="anna")
    for field, marker in MARKERS.items():
        assert getattr(person, field) == marker


def test_it_never_stores_the_words_in_clear(secret_person):
    dump = table_dump()
    for marker in MARKERS.values():
        assert marker not in dump
        assert marker.split("-", 2)[2] not in dump
    assert "fernet:" in dump
    if connection.vendor == "sqlite":
        connection.close()  # let SQLite write everything out
        name = Path(connection.settings_dict["NAME"])
        sqlite3.connect(name).execute("PRAGMA wal_checkpoint(FULL)").close()
        raw = b"".join(p.read_bytes() for p in name.parent.glob(name.name + "*"))
        for marker in MARKERS.values():
            assert marker.encode() not in raw


def test_it_refuses_a_value_altered_in_the_database(secret_person):
    with connection.cursor() as cursor:
        cursor.execute("SELECT private_notes FROM registry_person WHERE slug = 'anna'")
        token = cursor.fetchone()[0]
        tampered = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
        cursor.execute(
            "UPDATE registry_person SET private_notes = %s WHERE slug = 'anna'", [tampered]
        )
    with pytest.raises(crypto.DecryptionError):
        m.Person.objects.get(slug="anna")


def test_it_refuses_queries_on_encrypted_fields(secret_person):
    with pytest.raises(Exception, match=r"Unsupported lookup .contains. for EncryptedTextField"):
        list(m.Person.objects.filter(private_notes__contains="lawyer"))


def test_it_rotates_keys_in_var_in_two_steps(secret_person, settings, tmp_path):
    settings.FIELD_ENCRYPTION_KEYS = ""
    settings.VAR_DIR = tmp_path
    crypto.reset()
    # Move the data under a key kept in var/ first, as an embedded install has it.
    crypto.write_key_file([Fernet.generate_key().decode(), *_env_keys()])
    retire(None)
    first_key = (tmp_path / "field_keys").read_text().split()
    rotate(None)
    both = (tmp_path / "field_keys").read_text().split()
    assert len(first_key) == 1 and both[1:] == first_key
    # Rotation alone keeps the old key: old values still open, new ones use the new key.
    assert m.Person.objects.get(slug="anna").private_notes == MARKERS["private_notes"]
    assert stale_values() > 0
    counts = retire(None)
    assert (tmp_path / "field_keys").read_text().split() == both[:1]
    assert counts["registry.person"] == len(MARKERS)  # values re-encrypted
    assert stale_values() == 0
    # The data opens with the new key alone.
    assert m.Person.objects.get(slug="anna").private_notes == MARKERS["private_notes"]
    for action in ("keys.rotate", "keys.retire"):
        entry = AuditEntry.objects.filter(action=action).last()
        assert entry is not None and "MARKER" not in str(entry.details)
        assert both[0] not in str(entry.details) and first_key[0] not in str(entry.details)
    assert (tmp_path / "field_keys").stat().st_mode & 0o077 == 0


def test_it_picks_up_a_key_file_changed_by_another_process(secret_person, settings, tmp_path):
    settings.FIELD_ENCRYPTION_KEYS = ""
    settings.FIELD_ENCRYPTION_KEYS_FILE = str(tmp_path / "keys")
    (tmp_path / "keys").write_text(_env_keys()[0] + "\n")
    crypto.reset()
    assert m.Person.objects.get(slug="anna").private_notes == MARKERS["private_notes"]
    new_key = Fernet.generate_key().decode()
    # Another process rotates: this one has the old keys loaded, and must not keep them.
    (tmp_path / "keys.new").write_text(f"{new_key}\n{_env_keys()[0]}\n")
    (tmp_path / "keys.new").replace(tmp_path / "keys")
    assert crypto.under_newest_key(crypto.encrypt("written after the rotation"))
    assert m.Person.objects.get(slug="anna").private_notes == MARKERS["private_notes"]


def test_it_rotates_to_the_first_key_from_the_environment(secret_person, settings):
    with pytest.raises(KeysInEnvironment):
        rotate(None)
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = f"{new_key},{settings.FIELD_ENCRYPTION_KEYS}"
    crypto.reset()
    retire(None)
    settings.FIELD_ENCRYPTION_KEYS = new_key
    crypto.reset()
    assert m.Person.objects.get(slug="anna").letter_address == MARKERS["letter_address"]


def _env_keys() -> list[str]:
    from solidarity.conftest import TEST_FIELD_KEY

    return [TEST_FIELD_KEY]
