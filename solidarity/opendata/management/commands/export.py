import getpass
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from solidarity.opendata import dump


class Command(BaseCommand):
    help = "Write the whole registry as JSON or CSV files with a data dictionary."
    # Works on the database and files only: the web stack (URLs, views) is never imported.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument(
            "--private", metavar="COORDINATOR",
            help="include unpublished people and private fields; needs a coordinator's "
            "password and a current code from their authenticator",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        private = bool(options["private"])
        actor = _coordinator(options["private"]) if private else None

        def progress(table: str, rows: int) -> None:
            sys.stderr.write(f"\r{table}: {rows:,} rows")
            sys.stderr.flush()

        files = dump.export(actor, options["out"], options["format"], private, progress)
        sys.stderr.write("\r" + " " * 40 + "\r")
        for path in files:
            self.stdout.write(str(path))


def _coordinator(username: str) -> Any:
    """Re-authentication on the command line: the password and a current second factor."""
    from django.contrib.auth import authenticate
    from django_otp import devices_for_user

    from solidarity.accounts.permissions import Perm, allowed

    password = getpass.getpass(f"Password for {username}: ")
    user = authenticate(username=username, password=password)
    if user is None or not allowed(user, Perm.PRIVATE_EXPORT):
        raise CommandError("the private export needs a coordinator's username and password")
    code = input("Code from the authenticator (or a recovery code): ").strip()
    if not any(device.verify_token(code) for device in devices_for_user(user)):
        raise CommandError("that code is not valid now")
    return user
