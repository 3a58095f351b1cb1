from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from solidarity.accounts import backup


class Command(BaseCommand):
    help = "Replace the whole database with an encrypted backup (all or nothing)."
    # Works on the database and files only: the web stack (URLs, views) is never imported.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--passphrase-file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        passphrase = backup.passphrase(options["passphrase_file"])
        try:
            rows = backup.restore(options["file"], passphrase)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored {rows} rows from {options['file']}.")
