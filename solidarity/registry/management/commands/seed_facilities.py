"""`solidarity seed_facilities FILE [--dry-run]`: start the facility directory from a list."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = (
        "Add the penal facilities of a JSON list (name in English, latitude, longitude; "
        "e.g. ../shared/data/fsin-facilities.json) to the directory: kind, number and "
        "region read from each name, the official name kept as another name. Facilities "
        "the directory has are skipped; one unreadable item and nothing is written."
    )
    # Works on the database and files only: the web stack (URLs, views) is never imported.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="report, write nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        from django.db import transaction

        from solidarity.registry import actions, directory

        path: Path = options["file"]
        try:
            planned, known = directory.plan(directory.load(path))
        except directory.DirectoryError as error:
            lines = [f"{path} item {n}: {message}" if n else message
                     for n, message in error.problems]  # fmt: skip
            raise CommandError("\n".join(lines)) from error
        kinds: dict[str, int] = {}
        for facility in planned:
            kinds[facility.values["kind"]] = kinds.get(facility.values["kind"], 0) + 1
        summary = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
        verb = "would be added" if options["dry_run"] else "added"
        if not options["dry_run"]:
            with transaction.atomic():
                directory.seed(actions.System(f"seed_facilities {path.name}"), planned)
        without_region = sum(1 for f in planned if not f.values["region"])
        self.stdout.write(
            f"{len(planned)} facilities {verb} ({summary or 'none'}); {known} already in the "
            f"directory or twice in the list; {without_region} without a region the "
            "directory knows (named as the list names them)."
        )
