import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from solidarity.accounts.audit import verify


class Command(BaseCommand):
    help = "Audit log tools: `audit verify` checks the hash chain and names the first bad row."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify()
        if result.ok:
            self.stdout.write(f"Audit log intact: {result.checked} entries verified.")
            return
        self.stderr.write(
            f"Audit log BROKEN at entry #{result.first_bad_id}: it {result.problem}. "
            f"{result.checked} entries before it verified."
        )
        sys.exit(1)
