import datetime as dt

from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.utils import timezone

from solidarity.accounts import throttle
from solidarity.accounts.models import AuditEntry, Authenticator, LoginThrottle


def test_it_deletes_what_is_past_retention_and_keeps_the_rest(coordinator, settings, capsys):
    old = SessionStore()
    old.set_expiry(-10)
    old.create()
    live = SessionStore()
    live.create()
    abandoned = Authenticator.objects.create(user=coordinator, confirmed=False)
    Authenticator.objects.filter(pk=abandoned.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=25)
    )
    fresh = Authenticator.objects.create(user=coordinator, confirmed=False, name="fresh")
    kept = Authenticator.objects.create(user=coordinator, confirmed=True, name="phone")
    throttle.record_failure("someone")
    LoginThrottle.objects.update(first_failure_at=timezone.now() - dt.timedelta(days=1))

    call_command("purge")
    out = capsys.readouterr().out
    assert "expired_sessions: 1" in out
    assert "abandoned_enrolments: 1" in out
    assert "failed_logins: 1" in out
    assert not SessionStore().exists(old.session_key)
    assert SessionStore().exists(live.session_key)
    assert set(Authenticator.objects.values_list("pk", flat=True)) == {fresh.pk, kept.pk}
    assert AuditEntry.objects.filter(action="retention.purge").count() == 1

    call_command("purge")  # again: nothing left to delete, nothing to record
    assert "expired_sessions: 0" in capsys.readouterr().out
    assert AuditEntry.objects.filter(action="retention.purge").count() == 1


def test_it_purges_finished_task_rows_and_the_admin_log(coordinator, capsys):
    """Task arguments and the admin's log of deleted rows name people in clear: a dump a
    year on must not hold them."""
    from django.contrib.admin.models import DELETION, LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django_tasks_db.models import DBTaskResult

    long_ago = timezone.now() - dt.timedelta(days=60)
    names = {"args": ["MARKER-Скрытый"], "kwargs": {}}
    old = DBTaskResult.objects.create(status="SUCCESSFUL", task_path="x.y", args_kwargs=names,
                                      finished_at=long_ago, backend_name="default",
                                      queue_name="default")  # fmt: skip
    waiting = DBTaskResult.objects.create(status="READY", task_path="x.y", args_kwargs=names,
                                          backend_name="default", queue_name="default")  # fmt: skip
    kind = ContentType.objects.get_for_model(AuditEntry)
    entry = LogEntry.objects.create(user=coordinator, content_type=kind, object_id="1",
                                    object_repr="MARKER-Скрытый", action_flag=DELETION)  # fmt: skip
    LogEntry.objects.filter(pk=entry.pk).update(action_time=long_ago)
    call_command("purge")
    out = capsys.readouterr().out
    assert "finished_tasks: 1" in out and "admin_log: 1" in out
    assert not DBTaskResult.objects.filter(pk=old.pk).exists()
    assert DBTaskResult.objects.filter(pk=waiting.pk).exists()  # not run yet: kept
    assert not LogEntry.objects.exists()
