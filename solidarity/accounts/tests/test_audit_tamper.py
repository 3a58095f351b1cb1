"""The adversary with the database and without the audit key: cutting entries off the end,
moving the head, editing an entry and rewriting the whole chain are each named by
`audit verify`. The key and the checkpoint live outside the database."""

from __future__ import annotations

import hashlib
import hmac
import json
import os

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from solidarity.accounts import audit
from solidarity.accounts.models import AuditEntry, User

pytestmark = pytest.mark.django_db(transaction=True)


def write(n: int) -> list[AuditEntry]:
    entries = []
    for i in range(n):
        with transaction.atomic():
            entries.append(audit.record(None, "test.thing", object_type="t", object_id=str(i)))
    return entries


def raw(sql: str, params: list) -> None:  # type: ignore[type-arg]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def move_head_to(entry: AuditEntry) -> None:
    raw("UPDATE accounts_audithead SET last_id = %s, last_hash = %s", [entry.pk, entry.hash])


def rewrite_chain(digest) -> None:  # type: ignore[no-untyped-def]
    """What the adversary does without the key: recompute every hash its own way."""
    prev, last = audit.GENESIS, None
    for entry in AuditEntry.objects.order_by("id"):
        new = digest(prev, audit.fields_of(entry))
        raw("UPDATE accounts_auditentry SET prev_hash = %s, hash = %s WHERE id = %s",
            [prev, new, entry.pk])  # fmt: skip
        prev, last = new, entry.pk
    raw("UPDATE accounts_audithead SET last_id = %s, last_hash = %s", [last, prev])


def test_it_keeps_a_checkpoint_outside_the_database(settings):
    entries = write(3)
    point = json.loads(open(settings.AUDIT_CHECKPOINT_FILE).read())
    assert (point["last_id"], point["last_hash"]) == (entries[-1].pk, entries[-1].hash)
    assert audit.verify().ok


def test_it_names_entries_cut_from_the_end_with_the_head_moved_along():
    entries = write(5)
    raw("DELETE FROM accounts_auditentry WHERE id > %s", [entries[2].pk])
    move_head_to(entries[2])
    result = audit.verify()
    assert (result.ok, result.kind, result.first_bad_id) == (False, "truncated", entries[4].pk)


def test_it_names_a_head_moved_back():
    entries = write(5)
    move_head_to(entries[1])
    result = audit.verify()
    assert (result.ok, result.kind) == (False, "head moved")


def test_it_names_an_entry_edited_in_the_middle():
    entries = write(5)
    raw("UPDATE accounts_auditentry SET actor_name = 'mallory' WHERE id = %s", [entries[2].pk])
    result = audit.verify()
    assert (result.ok, result.kind, result.first_bad_id) == (False, "edited", entries[2].pk)


@pytest.mark.parametrize(
    "digest",
    [
        audit.legacy_digest,  # the unkeyed hash the code once used
        lambda prev, fields: hmac.new(  # a guessed key
            b"guess", audit._canonical(prev, fields), hashlib.sha256
        ).hexdigest(),
    ],
    ids=["unkeyed", "guessed-key"],
)
def test_it_names_a_chain_rewritten_without_the_key(digest):
    write(4)
    raw("UPDATE accounts_auditentry SET actor_name = 'nobody'", [])
    rewrite_chain(digest)
    result = audit.verify()
    assert (result.ok, result.kind) == (False, "rewritten")


def test_it_names_a_checkpoint_changed_without_the_key(settings):
    entries = write(3)
    raw("DELETE FROM accounts_auditentry WHERE id = %s", [entries[2].pk])
    move_head_to(entries[1])
    forged = {"last_id": entries[1].pk, "last_hash": entries[1].hash, "mac": "0" * 64}
    with open(settings.AUDIT_CHECKPOINT_FILE, "w") as handle:
        json.dump(forged, handle)
    assert audit.verify().kind == "checkpoint altered"


def test_it_names_the_kind_through_the_command(capsys):
    entries = write(3)
    raw("DELETE FROM accounts_auditentry WHERE id = %s", [entries[2].pk])
    move_head_to(entries[1])
    with pytest.raises(SystemExit):
        call_command("audit", "verify")
    assert "truncated" in capsys.readouterr().err


def test_it_checkpoints_from_cron_only_a_chain_that_holds(settings):
    entries = write(2)
    tmp = settings.AUDIT_CHECKPOINT_FILE
    os.remove(tmp)  # lost, or a new machine: cron writes it again
    call_command("audit", "checkpoint")
    assert json.loads(open(tmp).read())["last_id"] == entries[-1].pk
    raw("UPDATE accounts_auditentry SET action = 'x' WHERE id = %s", [entries[0].pk])
    with pytest.raises(SystemExit):
        call_command("audit", "checkpoint")


def test_it_audits_a_password_change_through_the_admin(client, settings):
    from solidarity.conftest import sign_in_with_second_factor

    from .test_keys_view import with_sudo

    cora = User.objects.create_superuser(
        "cora", "c@example.org", "a long passphrase 1", role="coordinator"
    )
    victim = User.objects.create_user("vic", password="another passphrase 2", is_staff=True)
    with_sudo(sign_in_with_second_factor(client, cora))
    r = client.post(
        f"/admin/accounts/user/{victim.pk}/password/",
        {"password1": "a brand new passphrase 3", "password2": "a brand new passphrase 3",
         "usable_password": "true"},
    )  # fmt: skip
    assert r.status_code == 302, r.content.decode()[:2000]
    entry = AuditEntry.objects.get(action="accounts.user.password")
    assert (entry.actor_name, entry.object_id) == ("cora", str(victim.pk))
    assert "passphrase" not in json.dumps(entry.details)
    victim.refresh_from_db()
    victim.set_password("yet another passphrase 4")
    victim.save()
    assert AuditEntry.objects.filter(action="accounts.user.password").count() == 2


def test_it_rekeys_an_unkeyed_chain_on_upgrade():
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("accounts", "0005_sealed_second_factors")])
    try:
        write(3)
        rewrite_chain(audit.legacy_digest)  # as the code before the key wrote them
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    result = audit.verify()
    assert result.ok and result.checked == 3


def test_it_stops_the_upgrade_on_a_chain_tampered_with_before():
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("accounts", "0005_sealed_second_factors")])
    try:
        entries = write(3)
        rewrite_chain(audit.legacy_digest)
        raw("UPDATE accounts_auditentry SET action = 'x' WHERE id = %s", [entries[1].pk])
        with pytest.raises(ValueError, match=f"#{entries[1].pk}"):
            MigrationExecutor(connection).migrate([("accounts", "0006_keyed_audit_chain")])
    finally:
        raw("DELETE FROM accounts_auditentry", [])
        raw("DELETE FROM accounts_audithead", [])
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_it_carries_the_checkpoint_in_every_backup(tmp_path, settings):
    from solidarity.accounts import backup

    write(2)
    backup.create(tmp_path / "b.bin", "a backup passphrase")
    point, _dump = backup.read_parts(tmp_path / "b.bin", "a backup passphrase")
    made = AuditEntry.objects.get(action="backup.create")
    assert (point["last_id"], point["last_hash"]) == (made.pk, made.hash)
    write(3)  # after the backup: the restore goes back before these, on purpose
    backup.restore(tmp_path / "b.bin", "a backup passphrase")
    assert audit.verify().ok
    restored = AuditEntry.objects.get(action="backup.restore")
    assert json.loads(open(settings.AUDIT_CHECKPOINT_FILE).read())["last_id"] == restored.pk
