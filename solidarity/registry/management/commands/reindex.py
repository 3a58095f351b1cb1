"""`solidarity reindex`: make every person's search keys again (after SECRET_KEY changed)."""

from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make every person's search keys again from their names: plain for published "
        "people, blind for hidden ones (registry/hiding.py). Run it after changing "
        "SECRET_KEY, which the blind keys depend on. Audited; safe to run again."
    )
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        from solidarity.registry import actions

        def progress(done: int, total: int) -> None:
            self.stderr.write(f"\r{done:,} of {total:,} people", ending="")

        count = actions.reindex_people(None, progress=progress)
        self.stderr.write("")
        self.stdout.write(f"search keys made again for {count:,} people")
