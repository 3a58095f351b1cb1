from typing import Any

from django.core.management.base import BaseCommand

from solidarity.accounts.retention import purge


class Command(BaseCommand):
    help = "Delete what is past its retention period (safe to run from cron)."
    # Works on the database and files only: the web stack (URLs, views) is never imported.
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        counts = purge()
        summary = ", ".join(f"{what}: {n}" for what, n in counts.items())
        self.stdout.write(f"Purged: {summary}.")
