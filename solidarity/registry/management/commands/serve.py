import os
import signal
import subprocess
import sys
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


def served_site_url(host: str, port: int) -> str:
    """SITE_URL for this server and its children: the environment's when it is set (a
    site behind a proxy names its public address), else the address served here, so that
    links in e-mails open wherever the demo runs (PORT=8080 make demo)."""
    if not os.environ.get("SITE_URL") and not os.environ.get("SITE_URL_FILE"):
        shown = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host  # noqa: S104
        if ":" in shown:
            shown = f"[{shown}]"
        os.environ["SITE_URL"] = f"http://{shown}:{port}"
        settings.SITE_URL = os.environ["SITE_URL"]
    return str(settings.SITE_URL)


class Command(BaseCommand):
    help = "Serve Solidarity with gunicorn on 127.0.0.1 (PORT overrides 8000), with a task worker."

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
        served_site_url(options["host"], options["port"])
        self.stdout.write(f"Serving on http://{address}/ (Ctrl-C stops)")
        self.stdout.flush()
        children = []
        if not options["no_task_worker"] and "Database" in settings.TASKS["default"]["BACKEND"]:
            # Background work (reading uploaded documents) queues in the database.
            self.stdout.write("Background tasks: one `solidarity db_worker` beside the server.")
            self.stdout.flush()
            children.append(subprocess.Popen(
                [sys.executable, "-m", "solidarity.cli", "db_worker", "--interval", "2"]
            ))  # fmt: skip
        server = subprocess.Popen(  # noqa: S603 - our own server
            [sys.executable, "-m", "gunicorn", "solidarity.wsgi:application",
             "--bind", address, "--workers", str(options["workers"]),
             "--access-logfile", "-" if os.environ.get("ACCESS_LOG") else "/dev/null"]
        )  # fmt: skip
        children.append(server)

        def stop(signum: int = signal.SIGTERM, frame: FrameType | None = None) -> None:
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)

        # The server and the worker stop together, whichever way this process is stopped.
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        code = server.wait()
        stop()
        for child in children:
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
        sys.exit(code)
