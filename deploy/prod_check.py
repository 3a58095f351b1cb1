"""`make prod-check`: the production stack on loopback, and a smoke test through it.

PostgreSQL (PROD_DATABASE_URL, a database of its own, made if missing), Redis (REDIS_URL),
gunicorn with deploy/gunicorn.conf.py, an RQ task worker, and nginx with the production
proxy settings when nginx is installed. Then: the public pages, search across scripts, the
API, the open data files, the security headers, and a document read in by the Redis worker.
Everything it started is stopped at the end, whatever happened.
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from solidarity.letters.tests.smtp_server import SmtpServer

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def step(text: str) -> None:
    print(f"prod-check: {text}", flush=True)


# The check's visitor comes from an address of its own (all of 127/8 is this machine), so
# that any log line holding it can be found.
CLIENT = "127.0.0.77"


def get(port: int, path: str) -> tuple[int, dict[str, str], str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(CLIENT, 0))
    conn.request("GET", path, headers={"Host": "127.0.0.1"})
    response = conn.getresponse()
    body = response.read().decode("utf-8", errors="replace")
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def _postgres_log() -> Path | None:
    """The local PostgreSQL cluster's log (Debian's place), if this process may read it."""
    found = sorted(Path("/var/log/postgresql").glob("postgresql-*-main.log"))
    return found[-1] if found and os.access(found[-1], os.R_OK) else None


def wait_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing listens on port {port}")


def fresh_database(url: str) -> None:
    """The check's own database, made anew: its keys are new each run, so old rows could
    not be read anyway."""
    import psycopg

    parsed = urllib.parse.urlparse(url)
    name = parsed.path.lstrip("/")
    if not name.endswith("prodcheck"):
        raise SystemExit(f"PROD_DATABASE_URL must name a database ending in 'prodcheck' (it is "
                         f"dropped and made anew), not {name!r}")  # fmt: skip
    admin = (
        f"host={parsed.hostname} port={parsed.port or 5432} user={parsed.username} dbname=postgres"
    )
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def until(condition: Callable[[], bool], timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def main() -> None:
    database = os.environ.get(
        "PROD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/solidarity_prodcheck"
    )
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    fresh_database(database)
    import redis

    connection = redis.Redis.from_url(redis_url)
    connection.ping()
    connection.flushdb()  # the check's own Redis database: no jobs left from an earlier run
    var = Path(tempfile.mkdtemp(prefix="solidarity-prod-"))
    smtp = SmtpServer().__enter__()
    app_port, proxy_port = free_port(), free_port()
    env = {
        **os.environ, "DATABASE_URL": database, "REDIS_URL": redis_url,
        "TASKS_BACKEND": "django_tasks_rq.RQBackend", "SOLIDARITY_VAR_DIR": str(var),
        "ALLOWED_HOSTS": "127.0.0.1,localhost", "DEBUG": "", "WORKERS": "3",
        "BIND": f"127.0.0.1:{app_port}", "PYTHONWARNINGS": "ignore",
        # E-mail goes out through a real SMTP server on loopback, as EMAIL_URL says.
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
        "LETTERS_RETURN_ADDRESS": "Prod check | P.O. Box 1 | 000000",
    }  # fmt: skip

    def solidarity(*args: str) -> str:
        done = subprocess.run([str(VENV / "solidarity"), *args], env=env,  # noqa: S603
                              capture_output=True, text=True, cwd=ROOT)  # fmt: skip
        if done.returncode:
            raise SystemExit(f"solidarity {' '.join(args[:2])} failed:\n{done.stderr}")
        return done.stdout

    def shell(code: str) -> str:
        output = solidarity("shell", "--no-imports", "-c", code).strip().splitlines()
        return output[-1] if output else ""

    step(f"PostgreSQL {database}, Redis {redis_url}")
    solidarity("migrate", "--noinput", "-v0")
    solidarity("collectstatic", "--noinput", "-v0")
    solidarity("load_demo")
    started: list[subprocess.Popen[bytes]] = []
    logs = {name: open(var / f"{name}.log", "wb") for name in ("gunicorn", "worker")}
    postgres_log = _postgres_log()
    postgres_from = postgres_log.stat().st_size if postgres_log else 0
    try:
        started.append(subprocess.Popen(  # noqa: S603
            [str(VENV / "gunicorn"), "-c", "deploy/gunicorn.conf.py",
             "solidarity.wsgi:application"],
            env=env, cwd=ROOT, stdout=logs["gunicorn"], stderr=subprocess.STDOUT,
        ))  # fmt: skip
        started.append(subprocess.Popen(  # noqa: S603
            [str(VENV / "solidarity"), "rqworker", "--job-class", "django_tasks_rq.Job", "default"],
            env=env, cwd=ROOT, stdout=logs["worker"], stderr=subprocess.STDOUT,
        ))  # fmt: skip
        wait_port(app_port)
        port = app_port
        nginx = shutil.which("nginx")
        if nginx:
            conf = var / "nginx.conf"
            conf.write_text(
                f"daemon off; pid {var}/nginx.pid; error_log {var}/nginx-error.log;\n"
                "events {}\nhttp {\n access_log off;\n"
                f" client_body_temp_path {var}; proxy_temp_path {var};\n"
                f" fastcgi_temp_path {var}; uwsgi_temp_path {var}; scgi_temp_path {var};\n"
                f" upstream solidarity {{ server 127.0.0.1:{app_port}; keepalive 8; }}\n"
                f" server {{ listen 127.0.0.1:{proxy_port};\n"
                f"  location /static/ {{ alias {var}/static/; }}\n"
                f"  location / {{ include {ROOT}/deploy/nginx/solidarity-proxy.conf; }} }}\n}}\n"
            )  # fmt: skip
            started.append(subprocess.Popen([nginx, "-c", str(conf)], cwd=ROOT))  # noqa: S603
            wait_port(proxy_port)
            port = proxy_port
            step(f"nginx on 127.0.0.1:{proxy_port} → gunicorn on 127.0.0.1:{app_port}")
        else:
            step("NOTICE: nginx is not installed here; testing gunicorn directly "
                 "(apt-get install nginx to include the proxy)")  # fmt: skip
        failures = []

        def expect(path: str, status: int, *texts: str) -> dict[str, str]:
            got, headers, body = get(port, path)
            missing = [t for t in texts if t not in body]
            if got != status or missing:
                failures.append(f"{path}: {got} (wanted {status}), missing {missing}")
            return headers

        headers = expect("/", 200, "Solidarity")
        if "content-security-policy" not in headers:
            failures.append("no Content-Security-Policy header")
        expect("/prisoners/?q=" + urllib.parse.quote("Скорякина"), 200, "Lev Skoryakin")
        expect("/prisoners/?q=skorjakin", 200, "Lev Skoryakin")
        expect("/prisoners/lev-skoryakin/", 200, "Лев Скорякин")
        expect("/api/v1/people?q=Skoryakin", 200, "lev-skoryakin")
        expect("/data/prisoners.csv", 200, "lev-skoryakin")
        expect("/stats/", 200, "<svg")
        expect("/feeds/updates.atom", 200, "<feed")
        expect("/static/solidarity/site.css", 200)
        expect("/staff/", 302)
        step("pages, search, API, files and headers answered")

        def worker_did(done: Callable[[], bool], what: str) -> None:
            if until(done):
                step(f"the Redis task worker {what}")
            else:
                failures.append(f"the Redis task worker never {what} (waited 60 s)")

        shell(
            "from solidarity.accounts.models import User; "
            "from solidarity.intake.tasks import ingest_document; "
            "u, _ = User.objects.get_or_create(username='prodcheck', "
            "defaults={'is_staff': True, 'role': 'editor'}); "
            "ingest_document.enqueue(u.pk, 'On 3 May 2026 the anarchist Pavel Prodcheckov was "
            "detained in Moscow. He was charged under Article 205.2 of the Criminal Code.', "
            "'prodcheck.txt')"
        )
        # Source.text is encrypted: compared in Python, not with a lookup.
        found = "print(sum('Prodcheckov' in s.text for s in Source.objects.all()))"
        worker_did(lambda: shell("from solidarity.registry.models import Source; " + found)
                   == "1", "read a document in")  # fmt: skip
        shell(
            "from solidarity.letters.services.writing import submit_letter; "
            "from solidarity.letters.services.workflow import advance; "
            "from solidarity.letters.services.dispatch import request_post_batch; "
            "from solidarity.registry.models import Person; "
            "p = Person.objects.filter(accepts_letters=True).exclude(facility=None)"
            ".exclude(facility__postal_address='').first(); "
            "l = submit_letter(p, body='Привет! Держись.', contact='w@example.org', "
            "submission_key='prodcheck'); advance(None, l, 'approve'); request_post_batch(None)"
        )
        worker_did(lambda: shell("from solidarity.letters.models import PostBatch; "
                                 "print(PostBatch.objects.get().state)") == "ready",
                   "printed a batch of letters")  # fmt: skip
        shell(
            "from solidarity.letters.models import Letter, PostBatch; "
            "from solidarity.letters.services.dispatch import mark_batch_posted; "
            "from solidarity.letters.services.replies import attach_reply; "
            "mark_batch_posted(None, PostBatch.objects.get()); "
            "attach_reply(None, Letter.objects.get(), transcription='Спасибо!')"
        )
        # two messages: the confirmation with the status link, then the reply's notice
        worker_did(lambda: sum("w@example.org" in to for to, _m in smtp.received) >= 2,
                   "emailed the writer through the SMTP server")  # fmt: skip
        token = shell("from solidarity.letters.models import Letter; "
                      "print(Letter.objects.get().token)")  # fmt: skip
        for log in logs.values():
            log.flush()
        texts = {path.name: path.read_bytes() for path in var.glob("*.log")}
        if postgres_log:
            with postgres_log.open("rb") as handle:
                handle.seek(postgres_from)
                texts["postgresql"] = handle.read()
        secrets = {"the writer's e-mail": "w@example.org", "the letter's token": token,
                   "the visitor's address": CLIENT}  # fmt: skip
        for what, needle in secrets.items():
            found = [name for name, text in texts.items() if needle and needle.encode() in text]
            if found or not needle:
                failures.append(f"{what} is in the logs: {', '.join(found) or 'no token'}")
        step(f"no log ({', '.join(sorted(texts))}) holds the writer's e-mail, the letter's "
             "token or the visitor's address")  # fmt: skip
        if failures:
            for failure in failures:
                print(f"prod-check: FAILED {failure}", file=sys.stderr)
            raise SystemExit(1)
        step("all checks passed")
    finally:
        for process in reversed(started):
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        smtp.__exit__(None, None, None)
        for log in logs.values():
            log.close()
        shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
