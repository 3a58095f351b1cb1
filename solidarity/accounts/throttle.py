"""Lock a username out after repeated wrong passwords; no addresses are kept."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import LoginThrottle


def locked_until(username: str) -> dt.datetime | None:
    row = LoginThrottle.objects.filter(username=username.lower()).first()
    if row and row.locked_until and row.locked_until > timezone.now():
        return row.locked_until
    return None


@transaction.atomic
def record_failure(username: str) -> None:
    now = timezone.now()
    window = dt.timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
    row, _created = LoginThrottle.objects.select_for_update().get_or_create(
        username=username.lower()[:150]
    )
    if row.first_failure_at is None or now - row.first_failure_at > window:
        row.failures, row.first_failure_at = 0, now
    row.failures += 1
    if row.failures >= settings.LOGIN_MAX_FAILURES:
        row.locked_until = now + window
    row.save()


def clear(username: str) -> None:
    LoginThrottle.objects.filter(username=username.lower()).delete()


def purge_expired() -> int:
    """Rows whose window and lock are both over; safe to run from cron."""
    cutoff = timezone.now() - dt.timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
    stale = LoginThrottle.objects.filter(first_failure_at__lt=cutoff).exclude(
        locked_until__gt=timezone.now()
    )
    return stale.delete()[0]
