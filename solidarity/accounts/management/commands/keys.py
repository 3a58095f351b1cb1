from typing import Any

from cryptography.fernet import Fernet
from django.core.management.base import BaseCommand, CommandError, CommandParser

from solidarity import crypto
from solidarity.accounts.keys import KeysInEnvironment, fingerprint, retire, rotate


class Command(BaseCommand):
    help = (
        "Field encryption keys: `keys rotate` adds a new key (old values stay readable); "
        "`keys retire`, later, re-encrypts everything under it and removes the old keys; "
        "`keys status` lists the keys' fingerprints; `keys generate` prints a new key."
    )
    # Works on the database and files only: the web stack (URLs, views) is never imported.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["rotate", "retire", "status", "generate"])

    def handle(self, *args: Any, **options: Any) -> None:
        what = options["what"]
        if what == "generate":
            self.stdout.write(Fernet.generate_key().decode())
        elif what == "status":
            for i, key in enumerate(crypto.configured_keys()):
                self.stdout.write(f"{fingerprint(key)} {'newest' if i == 0 else 'old'}")
        elif what == "rotate":
            try:
                new = rotate(None)
            except KeysInEnvironment as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                f"New key {new} in {crypto.key_file()}; running processes encrypt with it "
                "from now on. Run `solidarity keys retire` later to re-encrypt and drop "
                "the old keys."
            )
        else:
            retire(None, progress=self.stdout.write)
            if crypto.keys_from_environment():
                self.stdout.write(
                    "Re-encrypted under the first key of FIELD_ENCRYPTION_KEYS; "
                    "remove the other keys from the environment now."
                )
            else:
                self.stdout.write(f"Old keys removed from {crypto.key_file()}.")
