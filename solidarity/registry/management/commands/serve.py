import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Solidarity with gunicorn on 127.0.0.1 (PORT overrides 8000)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", "2")))
        parser.add_argument(
            "--no-task-worker", action="store_true",
            help="do not start `solidarity db_worker` beside the server (run it yourself)",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        address = f"{options['host']}:{options['port']}"
        self.stdout.write(f"Serving on http://{address}/ (Ctrl-C stops)")
        if (
            not options["no_task_worker"]
            and "DatabaseBackend" in settings.TASKS["default"]["BACKEND"]
        ):
            # Background work (reading uploaded documents) queues in the database; one worker
            # in the same process group stops with the server on Ctrl-C.
            subprocess.Popen(
                [sys.executable, "-m", "solidarity.cli", "db_worker", "--interval", "2"],
                stdout=subprocess.DEVNULL,
            )
            self.stdout.write("Background tasks: one `solidarity db_worker` started.")
        self.stdout.flush()
        argv = [
            sys.executable, "-m", "gunicorn", "solidarity.wsgi:application",
            "--bind", address, "--workers", str(options["workers"]),
            "--access-logfile", "-" if os.environ.get("ACCESS_LOG") else "/dev/null",
        ]  # fmt: skip
        os.execv(sys.executable, argv)  # noqa: S606 - replaces this process with gunicorn
