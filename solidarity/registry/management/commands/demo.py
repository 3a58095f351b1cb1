import os
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Create the database, load the demo registry and serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Load only; do not serve.")

    def handle(self, *args: Any, **options: Any) -> None:
        from .serve import served_site_url

        port = int(os.environ.get("PORT", "8000"))
        site_url = served_site_url(os.environ.get("HOST", "127.0.0.1"), port)
        call_command("migrate", verbosity=0, interactive=False)
        self.stdout.write("Database ready.")
        call_command("load_demo")
        self._demo_staff()
        self.stdout.write(f"Links in e-mails to writers point to {site_url} (SITE_URL).")
        if not options["no_serve"]:
            call_command("serve")

    def _demo_staff(self) -> None:
        """A coordinator for trying the staff pages; the password is kept under var/ only."""
        from solidarity.accounts.actions import create_staff_user
        from solidarity.accounts.models import User

        path = Path(settings.VAR_DIR) / "demo_staff_password"
        if not User.objects.filter(username="demo").exists():
            password = secrets.token_urlsafe(12)
            create_staff_user(None, "demo", "coordinator", password)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(password + "\n")
        password = path.read_text().strip() if path.exists() else "(set before; see var/)"
        self.stdout.write(
            f"Staff sign-in: {settings.SITE_URL}/staff/login/  user: demo  "
            f"password: {password}\n"
            "  At the first sign-in you enrol a second factor: scan the QR code with an "
            "authenticator app (Aegis, FreeOTP, Google Authenticator) or type its key, "
            "then keep the recovery codes it shows. Passkeys can be added on /staff/."
        )
