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
