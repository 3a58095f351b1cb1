import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Solidarity with gunicorn on 127.0.0.1 (PORT overrides 8000)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", "2")))

    def handle(self, *args: Any, **options: Any) -> None:
        address = f"{options['host']}:{options['port']}"
        self.stdout.write(f"Serving on http://{address}/ (Ctrl-C stops)")
        self.stdout.flush()
        argv = [
            sys.executable, "-m", "gunicorn", "solidarity.wsgi:application",
            "--bind", address, "--workers", str(options["workers"]),
            "--access-logfile", "-" if os.environ.get("ACCESS_LOG") else "/dev/null",
        ]  # fmt: skip
        os.execv(sys.executable, argv)  # noqa: S606 - replaces this process with gunicorn
