from typing import Any

from django.core.management.base import BaseCommand

from solidarity.registry.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo registry built from the interview in the corpus (idempotent)."
    # Works on the database and files only: the web stack (URLs, views) is never imported.
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        counts = load_demo()
        summary = ", ".join(f"{n} {what}" for what, n in counts.items())
        self.stdout.write(f"Demo data loaded: {summary}.")
