import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from solidarity.accounts.audit import checkpoint_now, checkpoint_path, verify


class Command(BaseCommand):
    help = (
        "Audit log tools: `audit verify` checks the keyed hash chain, the head and the "
        "checkpoint kept outside the database, and names what was done (edited, rewritten, "
        "truncated, head moved); `audit checkpoint` (cron) verifies, then records the head."
    )
    # Works on the database and files only: the web stack (URLs, views) is never imported.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["verify", "checkpoint"])

    def handle(self, *args: Any, **options: Any) -> None:
        result = checkpoint_now() if options["what"] == "checkpoint" else verify()
        if result.ok:
            self.stdout.write(f"Audit log intact: {result.checked} entries verified.")
            if options["what"] == "checkpoint":
                self.stdout.write(f"Checkpoint written to {checkpoint_path()}.")
            return
        self.stderr.write(
            f"Audit log BROKEN ({result.kind}) at entry #{result.first_bad_id}: it "
            f"{result.problem}. {result.checked} entries before it verified."
        )
        sys.exit(1)
