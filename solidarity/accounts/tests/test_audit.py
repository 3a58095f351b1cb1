"""The audit log: one entry per change, append-only, and a chain that exposes tampering."""

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from solidarity.accounts import audit
from solidarity.accounts.models import AppendOnlyError, AuditEntry


def write(n: int, actor=None) -> list[AuditEntry]:
    entries = []
    for i in range(n):
        with transaction.atomic():
            entries.append(
                audit.record(
                    actor,
                    "test.thing",
                    object_type="t",
                    object_id=str(i),
                    details={"fields": ["a", "b"], "n": i},
                )
            )
    return entries


def raw(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_it_chains_entries_and_verifies_them(db):
    entries = write(5)
    assert entries[0].prev_hash == audit.GENESIS
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
    result = audit.verify()
    assert result.ok and result.checked == 5


def test_it_names_the_first_row_changed_in_the_database(db):
    entries = write(5)
    raw("UPDATE accounts_auditentry SET actor_name = %s WHERE id = %s", ["mallory", entries[2].pk])
    result = audit.verify()
    assert not result.ok
    assert result.first_bad_id == entries[2].pk
    assert result.checked == 2


def test_it_notices_a_row_removed_from_the_middle(db):
    entries = write(5)
    raw("DELETE FROM accounts_auditentry WHERE id = %s", [entries[1].pk])
    result = audit.verify()
    assert (result.ok, result.first_bad_id) == (False, entries[2].pk)


def test_it_notices_rows_cut_from_the_end(db):
    entries = write(3)
    raw("DELETE FROM accounts_auditentry WHERE id = %s", [entries[2].pk])
    result = audit.verify()
    assert not result.ok
    assert "end" in result.problem


def test_it_reports_through_the_command(db, capsys):
    entries = write(3)
    call_command("audit", "verify")
    assert "3 entries verified" in capsys.readouterr().out
    raw("UPDATE accounts_auditentry SET details = %s WHERE id = %s", ['{"n": 99}', entries[1].pk])
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify")
    assert exit_info.value.code == 1
    assert f"#{entries[1].pk}" in capsys.readouterr().err


def test_it_refuses_changes_through_the_application(db):
    entry = write(1)[0]
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(action="x")


def test_it_must_share_the_change_transaction(db):
    # pytest-django wraps tests in a transaction; leave it to see the guard.
    with pytest.raises(RuntimeError):
        transaction.get_connection().in_atomic_block = False
        try:
            audit.record(None, "test.outside")
        finally:
            transaction.get_connection().in_atomic_block = True


def test_it_rolls_back_with_the_change(db, alice):
    before = AuditEntry.objects.count()
    with pytest.raises(ValueError), transaction.atomic():
        audit.record(None, "test.doomed", obj=alice)
        raise ValueError("the change failed")
    assert AuditEntry.objects.count() == before
    assert audit.verify().ok
