from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from solidarity.accounts import audit

# How RQ records a job whose worker died, as opposed to one whose code raised: only these
# are run again (a task that raises would raise again).
DIED = ("AbandonedJobError", "Work-horse terminated unexpectedly")


class Command(BaseCommand):
    help = (
        "Put background tasks whose worker died back in the queue. Safe for ours: each can "
        "run twice and change nothing twice (an ingest of the same text, a batch already "
        "built). Database backend: tasks still 'running' after --older-than seconds. Redis "
        "backend: jobs whose worker stopped sending heartbeats (RQ's own test, ~90 s)."
    )
    # Works on the database and files only: the web stack (URLs, views) is never imported.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than", type=int, default=900, metavar="SECONDS")

    def handle(self, *args: Any, **options: Any) -> None:
        # The audit row is written in the transaction that puts database tasks back.
        with transaction.atomic():
            if "django_tasks_rq" in settings.TASKS["default"]["BACKEND"]:
                ids = self._recover_rq()
            else:
                ids = self._recover_db(options["older_than"])
            if ids:
                audit.record(None, "tasks.recover", details={"tasks": ids})
        self.stdout.write(f"{len(ids)} task(s) put back in the queue.")

    def _recover_db(self, older_than: int) -> list[str]:
        cutoff = timezone.now() - timedelta(seconds=older_than)
        stale = DBTaskResult.objects.select_for_update().filter(
            status=TaskResultStatus.RUNNING, started_at__lte=cutoff
        )
        ids = [str(pk) for pk in stale.values_list("pk", flat=True)]
        stale.update(status=TaskResultStatus.READY, started_at=None)
        return ids

    def _recover_rq(self) -> list[str]:
        import django_rq
        from django_tasks_rq.backend import Job
        from rq.registry import FailedJobRegistry, StartedJobRegistry

        ids = []
        for name in settings.RQ_QUEUES:
            queue = django_rq.get_queue(name, job_class=Job)
            # Jobs whose heartbeat lapsed move to the failed registry, marked abandoned.
            StartedJobRegistry(queue=queue).cleanup()
            failed = FailedJobRegistry(queue=queue)
            for job_id in failed.get_job_ids():
                job = queue.fetch_job(job_id)
                result = job.latest_result() if job is not None else None
                reason = (result.exc_string or "") if result is not None else ""
                if any(mark in reason for mark in DIED):
                    failed.requeue(job_id)
                    ids.append(job_id)
        return ids
