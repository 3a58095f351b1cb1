"""The public letter form under load: submissions per second through a real server.

    .venv/bin/python bench/letters_form.py [--letters 1000] [--clients 8] [--workers 2]

Own SQLite database under var/bench/ (or --database-url). One person accepts letters; each
client fetches the form once (for its CSRF cookie), then posts letters as fast as the server
answers, each with a fresh signed form key. The server runs with the minimum form age at 0
(a benchmark is a script) and the site-wide ceiling lifted; everything else is as served.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _common import bench_database, free_port, start_empty  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=bench_database("form.sqlite3"))
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    start_empty(args.database_url)
    env = dict(
        os.environ,
        DATABASE_URL=args.database_url,
        DJANGO_SETTINGS_MODULE="solidarity.settings",
        LETTERS_FORM_MIN_SECONDS="0",
        LETTERS_MAX_PER_MINUTE="1000000",
    )
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    from solidarity.letters.models import Letter
    from solidarity.letters.services.writing import new_submission_key
    from solidarity.registry.models import Person, PersonStatus

    call_command("migrate", verbosity=0)
    Person.objects.create(
        slug="bench", name="Тест Тестов", status=PersonStatus.objects.get(code="colony"),
        accepts_letters=True, consent_publish_name=True,
    )  # fmt: skip
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "solidarity.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", str(args.workers), "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    keys = [new_submission_key() for _ in range(args.letters)]
    lock = threading.Lock()
    statuses: list[int] = []

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/prisoners/bench/write/", headers={"Host": f"127.0.0.1:{port}"})
        response = conn.getresponse()
        page = response.read().decode()
        cookie = response.getheader("Set-Cookie", "")
        csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie).group(1)  # type: ignore[union-attr]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        while True:
            with lock:
                if not keys:
                    break
                key = keys.pop()
            body = urllib.parse.urlencode({
                "csrfmiddlewaretoken": token, "body": "Дорогой друг, держись! Мы помним о тебе.",
                "signature": "Б.", "contact": "", "channel": "post", "rules": "on",
                "submission_key": key, "send": "1",
            })  # fmt: skip
            conn.request("POST", "/prisoners/bench/write/", body=body, headers={
                "Content-Type": "application/x-www-form-urlencoded", "Host": f"127.0.0.1:{port}",
                "Cookie": f"csrftoken={csrf_cookie}", "Origin": f"http://127.0.0.1:{port}",
            })  # fmt: skip
            reply = conn.getresponse()
            reply.read()
            with lock:
                statuses.append(reply.status)

    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    server.terminate()
    server.wait(timeout=10)
    ok = sum(1 for s in statuses if s == 302)
    print("statuses:", {s: statuses.count(s) for s in set(statuses)})
    stored = Letter.objects.count()
    print(
        f"{len(statuses)} submissions, {ok} accepted (302), {len(statuses) - ok} errors, "
        f"{stored} letters stored, in {elapsed:.1f} s: {len(statuses) / elapsed:.0f} per second "
        f"({args.clients} clients, {args.workers} workers)"
    )


if __name__ == "__main__":
    main()
