"""Encrypted backup and restore: identical data back, wrong keys and damage refused."""

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command

from solidarity import crypto
from solidarity.accounts import audit, backup
from solidarity.accounts.models import AuditEntry
from solidarity.registry import models as m
from solidarity.registry.demo import load_demo
from solidarity.registry.tests.factories import make_person

PASSPHRASE = "correct horse battery staple"


def registry_dump() -> str:
    """The registry as JSON. Django's JSON keeps milliseconds, and writes a time whose
    milliseconds are 000 without them once restored: read both spellings as one."""
    out = io.StringIO()
    call_command("dumpdata", "registry", natural_foreign=True, stdout=out)
    # Private fields are serialised as fresh ciphertext each time: compare what they hold.
    text = re.sub(
        r'"(fernet:[^"]+)"',
        lambda match: json.dumps(crypto.decrypt(match.group(1))),
        out.getvalue(),
    )
    return re.sub(r"(T\d\d:\d\d:\d\d)\.000Z", r"\1Z", text)


@pytest.fixture
def data(db, alice):
    load_demo()
    make_person("Анна Зайцева", slug="anna", private_notes="SECRET-NOTE-42")
    return registry_dump()


def test_it_restores_identical_data(data, tmp_path):
    path = tmp_path / "b.sol"
    backup.create(path, PASSPHRASE)
    entries = AuditEntry.objects.count()
    m.Person.objects.filter(slug="anna").delete()
    make_person("Someone New", slug="new")
    rows = backup.restore(path, PASSPHRASE)
    assert rows > 100
    assert registry_dump() == data
    assert m.Person.objects.get(slug="anna").private_notes == "SECRET-NOTE-42"
    # The backup holds its own "backup.create" entry; the restore appends one more.
    assert AuditEntry.objects.count() == entries + 1
    assert list(AuditEntry.objects.values_list("action", flat=True))[-2:] == [
        "backup.create",
        "backup.restore",
    ]
    assert audit.verify().ok
    # New rows get fresh ids after the restore (sequences were reset).
    assert (
        make_person("After", slug="after").pk
        > m.Person.objects.exclude(slug="after").latest("pk").pk
    )


def test_it_keeps_private_words_out_of_the_file(data, tmp_path):
    path = tmp_path / "b.sol"
    backup.create(path, PASSPHRASE)
    raw = path.read_bytes()
    assert raw.startswith(backup.HEADER)
    assert b"SECRET-NOTE-42" not in raw and "Скорякин".encode() not in raw


def test_it_refuses_a_wrong_passphrase_and_changes_nothing(data, tmp_path):
    path = tmp_path / "b.sol"
    backup.create(path, PASSPHRASE)
    m.Person.objects.filter(slug="anna").delete()
    changed = registry_dump()
    with pytest.raises(backup.BackupError, match="wrong passphrase, or the file is damaged"):
        backup.restore(path, "not the passphrase")
    assert registry_dump() == changed


def test_it_refuses_a_damaged_file(data, tmp_path):
    path = tmp_path / "b.sol"
    backup.create(path, PASSPHRASE)
    blob = bytearray(path.read_bytes())
    blob[len(blob) // 2] ^= 0x01
    path.write_bytes(bytes(blob))
    with pytest.raises(backup.BackupError, match="damaged"):
        backup.restore(path, PASSPHRASE)
    assert registry_dump() == data


def test_it_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(backup.BackupError, match="not a Solidarity backup"):
        backup.restore(path, PASSPHRASE)


def test_it_keeps_the_previous_backup_when_writing_fails(data, tmp_path):
    path = tmp_path / "b.sol"
    backup.create(path, PASSPHRASE)
    before = path.read_bytes()
    (tmp_path / "b.sol.partial").mkdir()  # the temporary file cannot be created
    with pytest.raises(backup.BackupError, match="could not write"):
        backup.create(path, PASSPHRASE)
    assert path.read_bytes() == before


def test_it_works_from_the_command_line(data, tmp_path, capsys):
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE + "\n")
    path = tmp_path / "cli.sol"
    call_command("backup", "--out", str(path), "--passphrase-file", str(secret))
    assert "Encrypted backup written" in capsys.readouterr().out
    wrong = tmp_path / "wrong"
    wrong.write_text("nope")
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("restore", str(path), "--passphrase-file", str(wrong))
    call_command("restore", str(path), "--passphrase-file", str(secret))
    assert "Restored" in capsys.readouterr().out
    assert registry_dump() == data


def test_it_keeps_field_ciphertext_so_restoring_needs_the_keys_too(data, tmp_path, settings):
    """The adversary with a backup and its passphrase, but not the field keys: the private
    fields inside are still ciphertext."""
    import json

    from cryptography.fernet import Fernet

    from solidarity import crypto
    from solidarity.registry import models as m

    out = tmp_path / "b.bin"
    backup.create(out, PASSPHRASE)
    _point, dump = backup.read_parts(out, PASSPHRASE)
    rows = [r for r in json.loads(dump) if r["model"] == "registry.person"]
    values = [r["fields"]["private_notes"] for r in rows if r["fields"]["private_notes"]]
    assert values and all(v.startswith("fernet:") for v in values)
    notes = {p.slug: p.private_notes for p in m.Person.objects.all()}
    assert not any(n and n in dump.decode() for n in notes.values())
    # Restoring with other keys fails (nothing changes); with the right keys, all is back.
    right = settings.FIELD_ENCRYPTION_KEYS
    settings.FIELD_ENCRYPTION_KEYS = Fernet.generate_key().decode()
    crypto.reset()
    with pytest.raises(backup.BackupError, match="field keys"):
        backup.restore(out, PASSPHRASE)
    settings.FIELD_ENCRYPTION_KEYS = right
    crypto.reset()
    backup.restore(out, PASSPHRASE)
    assert {p.slug: p.private_notes for p in m.Person.objects.all()} == notes
