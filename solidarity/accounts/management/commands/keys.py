from typing import Any

from cryptography.fernet import Fernet
from django.core.management.base import BaseCommand, CommandParser

from solidarity import crypto
from solidarity.accounts.keys import rotate


class Command(BaseCommand):
    help = (
        "Field encryption keys: `keys rotate` re-encrypts everything; `keys generate` prints a key."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["rotate", "generate"])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["what"] == "generate":
            self.stdout.write(Fernet.generate_key().decode())
            return
        rotate(None, progress=self.stdout.write)
        if crypto.keys_from_environment():
            self.stdout.write(
                "Re-encrypted under the first key of FIELD_ENCRYPTION_KEYS; "
                "the other keys can now be removed."
            )
        else:
            self.stdout.write("New key in var/field_keys; old keys removed.")
