from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from solidarity.accounts import audit


class Command(BaseCommand):
    help = (
        "Put background tasks whose worker died (still 'running' after --older-than seconds) "
        "back in the queue. Safe for ours: an ingest of the same text changes nothing twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than", type=int, default=900, metavar="SECONDS")

    def handle(self, *args: Any, **options: Any) -> None:
        cutoff = timezone.now() - timedelta(seconds=options["older_than"])
        with transaction.atomic():
            stale = DBTaskResult.objects.select_for_update().filter(
                status=TaskResultStatus.RUNNING, started_at__lte=cutoff
            )
            ids = [str(pk) for pk in stale.values_list("pk", flat=True)]
            stale.update(status=TaskResultStatus.READY, started_at=None)
            if ids:
                audit.record(None, "tasks.recover", details={"tasks": ids})
        self.stdout.write(f"{len(ids)} task(s) put back in the queue.")
