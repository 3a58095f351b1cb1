"""Deleting what is no longer needed. `solidarity purge` runs every purger in settings.

Each purger deletes what is past its retention period and returns how many rows went;
running them twice in a row deletes nothing the second time, so cron may run it often.
"""

import datetime as dt

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from . import audit, throttle
from .models import Authenticator


def expired_sessions() -> int:
    return Session.objects.filter(expire_date__lt=timezone.now()).delete()[0]


def failed_logins() -> int:
    return throttle.purge_expired()


def finished_tasks() -> int:
    """Task rows that ran (their arguments name people and documents), after
    RETENTION_TASK_DAYS; a failed task is kept as long, for a look at its traceback."""
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - dt.timedelta(days=settings.RETENTION_TASK_DAYS)
    done = DBTaskResult.objects.filter(status__in=["SUCCESSFUL", "FAILED"])
    return done.filter(finished_at__lt=cutoff).delete()[0]


def admin_log() -> int:
    """The admin's own log repeats the names of deleted rows in clear (the audit log keeps
    what happened, without the values); kept RETENTION_ADMIN_LOG_DAYS."""
    from django.contrib.admin.models import LogEntry

    cutoff = timezone.now() - dt.timedelta(days=settings.RETENTION_ADMIN_LOG_DAYS)
    return LogEntry.objects.filter(action_time__lt=cutoff).delete()[0]


def abandoned_enrolments() -> int:
    """Authenticator secrets shown at enrolment but never confirmed."""
    cutoff = timezone.now() - dt.timedelta(hours=settings.RETENTION_ENROLMENT_HOURS)
    return Authenticator.objects.filter(confirmed=False, created_at__lt=cutoff).delete()[0]


def purge(actor: object = None) -> dict[str, int]:
    counts: dict[str, int] = {}
    with transaction.atomic():
        for path in settings.RETENTION_PURGERS:
            counts[path.rsplit(".", 1)[-1]] = import_string(path)()
        if any(counts.values()):
            audit.record(actor, "retention.purge", details=counts)
    return counts
