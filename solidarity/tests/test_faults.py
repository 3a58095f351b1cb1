"""Faults: processes killed mid-work and a full disk. Each test fails if data were lost,
half-written or done twice. They run real commands in real processes against a database of
their own (SQLite here, PostgreSQL when the suite runs on it)."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings

from .processes import (
    ROOT,
    Server,
    children,
    env,
    kill,
    query,
    run,
    serving,
    shell,
    start,
    wait_for,
)


@pytest.fixture
def database(tmp_path) -> Iterator[str]:
    """A migrated database for the child processes."""
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        import psycopg

        base = settings.DATABASES["default"]
        name = f"solidarity_fault_{uuid.uuid4().hex[:8]}"
        admin = (
            f"host={base['HOST']} port={base['PORT'] or 5432} user={base['USER']} dbname=postgres"
        )
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = f"postgres://{base['USER']}@{base['HOST']}:{base['PORT'] or 5432}/{name}"
    else:
        url = f"sqlite:///{tmp_path / 'fault.sqlite3'}"
    run(url, "migrate", "-v0")
    yield url
    if url.startswith("postgres"):
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_it_writes_nothing_of_an_import_killed_midway_and_all_of_it_again(database, tmp_path):
    rows = 30_000
    csv = tmp_path / "people.csv"
    with csv.open("w", encoding="utf-8") as handle:
        handle.write("id,name,status\n")
        handle.writelines(f"p-{i},Человек {i},remand\n" for i in range(rows))
    process = start(database, "import", str(csv))
    seen = ""

    def progressed() -> bool:
        nonlocal seen
        seen += os.read(process.stderr.fileno(), 4096).decode(errors="replace")  # type: ignore[union-attr]
        return "people: 5,000" in seen or "people: 6,000" in seen

    wait_for(progressed)
    kill(process)
    count = "from solidarity.registry.models import Person; print(Person.objects.count())"
    assert shell(database, count) == "0"
    run(database, "import", str(csv))
    assert shell(database, count) == str(rows)


def writing(url: str) -> bool:
    """Whether another process holds a transaction with writes in it right now."""
    if url.startswith("sqlite:///"):
        import sqlite3

        conn = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:  # "database is locked": a writer is at work
            return True
        finally:
            conn.close()
    open_writes = (
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
    )
    return bool(query(url, open_writes)[0][0])


def send_import(server: Server, cookie: str, name: str, text: str) -> http.client.HTTPConnection:
    """Post a file to the staff import page as a browser would; the answer is left unread."""
    page = server.connection()
    page.request("GET", "/staff/data/import/", headers={"Cookie": cookie})
    answer = page.getresponse()
    html = answer.read().decode()
    assert answer.status == 200, html[:300]
    csrf = re.search(r"csrftoken=([^;]+)", answer.getheader("Set-Cookie") or "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert csrf and token
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f"{token[1]}\r\n--{boundary}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{name}"\r\n'
        f"Content-Type: text/csv\r\n\r\n{text}\r\n--{boundary}--\r\n"
    ).encode()
    conn = server.connection()
    conn.request("POST", "/staff/data/import/", body=body, headers={
        "Cookie": f"{cookie}; csrftoken={csrf[1]}",
        "Content-Type": f"multipart/form-data; boundary={boundary}",
    })  # fmt: skip
    return conn


def test_it_writes_nothing_of_a_web_import_whose_app_server_was_killed(database, tmp_path):
    rows = 30_000
    text = "id,name,status\n" + "".join(f"p-{i},Человек {i},remand\n" for i in range(rows))
    session = shell(database, (
        "from django.test import Client; from solidarity.accounts.models import User; "
        "from solidarity.conftest import sign_in_with_second_factor; "
        "u = User.objects.create_user('ed', password='x' * 16, is_staff=True, role='editor'); "
        "print(sign_in_with_second_factor(Client(), u).cookies['sessionid'].value)"
    ))  # fmt: skip
    cookie = f"sessionid={session}"
    count = "from solidarity.registry.models import Person; print(Person.objects.count())"
    server = Server(database, tmp_path)
    try:
        server.start()
        send_import(server, cookie, "people.csv", text)
        wait_for(lambda: writing(database))
        time.sleep(0.5)
        assert writing(database)  # the import, mid-way: not a session saved in passing
        server.kill()
        assert shell(database, count) == "0"
        server.start()
        answer = send_import(server, cookie, "people.csv", text).getresponse()
        assert answer.status == 200 and "30000" in answer.read().decode().replace(",", "")
        assert shell(database, count) == str(rows)
    finally:
        server.stop()


def enqueue_long_ingest(url: str) -> None:
    """The interview twenty times over: long enough to be killed in the middle of."""
    interview = (
        ROOT / "solidarity" / "registry" / "data" / "demo" / "interview-skoryakin-kozak.en.txt"
    )
    shell(url, (
        "from pathlib import Path; from solidarity.accounts.models import User; "
        "from solidarity.intake.tasks import ingest_document; "
        "u = User.objects.create_user('w', password='x' * 16, is_staff=True, role='editor'); "
        f"ingest_document.enqueue(u.pk, Path({str(interview)!r}).read_text() * 20, 'i.txt')"
    ))  # fmt: skip


def sources(url: str) -> str:
    return shell(
        url, "from solidarity.registry.models import Source; print(Source.objects.count())"
    )


def assert_ingested_once(url: str) -> None:
    assert sources(url) == "1"
    proposals = (
        "from solidarity.intake.models import Proposal; print(Proposal.objects.count() > 10)"
    )
    assert shell(url, proposals) == "True"


def test_it_resumes_an_ingest_whose_worker_was_killed(database):
    enqueue_long_ingest(database)
    status = "from django_tasks_db.models import DBTaskResult as T; print(T.objects.get().status)"
    worker = start(database, "db_worker", "--no-startup-delay", "--interval", "0.1")
    running = "SELECT status FROM django_tasks_database_dbtaskresult"
    try:
        wait_for(lambda: query(database, running) == [("RUNNING",)])
        kill(worker)
    finally:
        if worker.poll() is None:
            kill(worker)
    assert sources(database) == "0"  # nothing half-made
    assert "1 task(s) put back" in run(database, "recover_tasks", "--older-than", "0").stdout
    run(database, "db_worker", "--batch", "--no-startup-delay")
    assert shell(database, status) == "SUCCESSFUL"
    assert_ingested_once(database)


def approved_letters(url: str) -> None:
    """12 facilities with 25 approved paper letters each."""
    shell(url, (
        "from solidarity.letters.models import Letter, State, Channel; "
        "from solidarity.registry.models import Person, PersonStatus, Facility; import secrets\n"
        "status = PersonStatus.objects.get(code='colony')\n"
        "for f in range(12):\n"
        "    fac = Facility.objects.create(slug=f'ik-{f}', kind='ik', name_en=f'IK-{f}', "
        "country='RU', postal_address=f'ул. {f}')\n"
        "    p = Person.objects.create(slug=f'p{f}', name=f'Человек {f}', status=status, "
        "facility=fac, full_name=f'Человеков {f}', accepts_letters=True)\n"
        "    Letter.objects.bulk_create([Letter(token_digest=secrets.token_hex(32), "
        "submission_key=secrets.token_urlsafe(16), person=p, body='Привет! ' * 200, "
        "language='ru', channel=Channel.POST, state=State.APPROVED) for _ in range(25)])"
    ))  # fmt: skip


@pytest.fixture
def redis_queue(database: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The child processes use the Redis backend, on a Redis database of this test's own."""
    if not database.startswith("postgres"):
        pytest.skip("RQ workers are run with PostgreSQL (the suite's PostgreSQL run has this)")
    import redis

    url = "redis://127.0.0.1:6379/14"
    try:
        connection = redis.Redis.from_url(url)
        connection.flushdb()
    except redis.exceptions.ConnectionError:
        pytest.skip("needs Redis on 127.0.0.1:6379 (CI starts it)")
    monkeypatch.setenv("TASKS_BACKEND", "django_tasks_rq.RQBackend")
    monkeypatch.setenv("REDIS_URL", url)
    yield url
    connection.flushdb()


def test_it_resumes_an_ingest_whose_redis_worker_died(database, redis_queue):
    """The whole worker dies (the work-horse with it), as when its machine goes down."""
    import redis
    from rq import Queue
    from rq.registry import StartedJobRegistry

    enqueue_long_ingest(database)
    started = StartedJobRegistry(queue=Queue("default", connection=redis.from_url(redis_queue)))
    worker = subprocess.Popen(
        [sys.executable, "-m", "solidarity.cli", "rqworker", "--job-class",
         "django_tasks_rq.Job", "default"],
        env=env(database), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        # Started, and its work-horse forked (a session of its own: found as a child).
        wait_for(lambda: started.count == 1 and bool(children(worker.pid)))
    finally:
        worker.send_signal(signal.SIGSTOP)  # it forks nothing more while we kill
        for child in children(worker.pid):
            os.kill(child, signal.SIGKILL)
        kill(worker)
    assert sources(database) == "0"  # nothing half-made
    # RQ knows a worker is dead when its heartbeats stop (about 90 s): until then nothing is
    # put back, so a job a live worker holds is never run twice.
    assert "0 task(s) put back" in run(database, "recover_tasks").stdout
    wait_for(lambda: "1 task(s) put back" in run(database, "recover_tasks").stdout, 150)
    run(database, "rqworker", "--burst", "--job-class", "django_tasks_rq.Job", "default")
    assert_ingested_once(database)


def test_it_neither_loses_nor_doubles_letters_when_dispatch_is_killed(database, tmp_path):
    approved_letters(database)
    out = tmp_path / "out"
    process = start(database, "letters", "dispatch", "--channel", "post", "--out", str(out))
    wait_for(lambda: len(list(out.glob("*.pdf"))) >= 2)
    kill(process)
    marked = (
        "from solidarity.letters.models import Letter; import collections; "
        "sent = Letter.objects.filter(state='dispatched').select_related('person__facility'); "
        "print(sorted(collections.Counter(l.person.facility.slug for l in sent).items()))"
    )
    files = {p.name.split("-")[1] + "-" + p.name.split("-")[2] for p in out.glob("*.pdf")}
    dispatched = dict(eval(shell(database, marked)))  # noqa: S307 - our own printout
    # Every facility with a finished file has all 25 letters marked; no other letter is.
    assert dispatched == {facility: 25 for facility in files}
    run(database, "letters", "dispatch", "--channel", "post", "--out", str(out))
    facilities = [p.name.split("-")[1] + "-" + p.name.split("-")[2] for p in out.glob("*.pdf")]
    assert sorted(facilities) == sorted(f"ik-{f}" for f in range(12))  # one file each, no twice
    assert dict(eval(shell(database, marked))) == {f"ik-{f}": 25 for f in range(12)}  # noqa: S307


def test_it_neither_loses_nor_doubles_letters_when_a_batch_worker_is_killed(database):
    approved_letters(database)
    shell(database, "from solidarity.letters.services.dispatch import request_post_batch; "
                    "request_post_batch(None)")  # fmt: skip
    worker = start(database, "db_worker", "--no-startup-delay", "--interval", "0.1")
    running = "SELECT status FROM django_tasks_database_dbtaskresult"
    try:
        wait_for(lambda: query(database, running) == [("RUNNING",)])
        kill(worker)
    finally:
        if worker.poll() is None:
            kill(worker)
    sent = "SELECT count(*) FROM letters_letterevent WHERE state = 'dispatched'"
    batch = "SELECT state, length(archive) > 0 FROM letters_postbatch"
    assert query(database, batch) == [("queued", False)]  # killed before it was built
    assert query(database, sent) == [(0,)]
    assert query(database, "SELECT count(*) FROM letters_letter WHERE state = 'approved'") == [
        (300,)
    ]
    assert "1 task(s) put back" in run(database, "recover_tasks", "--older-than", "0").stdout
    run(database, "db_worker", "--batch", "--no-startup-delay")
    assert query(database, batch) == [("ready", True)]
    assert query(database, sent) == [(0,)]  # printed; sent when the batch is marked posted
    shell(database, "from solidarity.letters.models import PostBatch; "
                    "from solidarity.letters.services.dispatch import mark_batch_posted; "
                    "mark_batch_posted(None, PostBatch.objects.get())")  # fmt: skip
    assert query(database, sent) == [(300,)]  # each letter once
    per_letter = (
        "SELECT count(*) FROM letters_letter l WHERE l.state = 'dispatched' AND "
        "(SELECT count(*) FROM letters_letterevent e WHERE e.letter_id = l.id "
        "AND e.state = 'dispatched') = 1"
    )
    assert query(database, per_letter) == [(300,)]
    zipped = shell(database, (
        "import base64, io, zipfile; from solidarity.letters.models import PostBatch; "
        "z = zipfile.ZipFile(io.BytesIO(base64.b64decode(PostBatch.objects.get().archive))); "
        "print(len(z.namelist()))"
    ))  # fmt: skip
    assert zipped == "12"


def test_it_keeps_the_previous_backup_when_the_disk_is_full(database, tmp_path):
    target = tmp_path / "backup.bin"
    run(database, "backup", "--out", str(target))
    before = target.read_bytes()
    shell(database, "from solidarity.registry.tests.factories import make_person; "
                    "[make_person(f'Человек {i}', slug=f'x{i}') for i in range(300)]")  # fmt: skip

    # A full disk, for real: the file the backup writes first is /dev/full, where every
    # write fails with ENOSPC ("No space left on device").
    partial = tmp_path / "backup.bin.partial"
    partial.symlink_to("/dev/full")
    failed = run(database, "backup", "--out", str(target), check=False)
    assert failed.returncode != 0
    assert "could not write" in failed.stderr and "No space left" in failed.stderr
    assert target.read_bytes() == before


@pytest.fixture
def private_postgres(clusters) -> tuple[str, Callable[[str], None]]:  # type: ignore[no-untyped-def]
    """A PostgreSQL cluster of this test's own, to stop and start under traffic."""
    cluster = clusters()
    cluster.init()
    cluster.control("start")
    cluster.pg("createdb", "-h", "127.0.0.1", "-p", str(cluster.port), "solidarity")
    return cluster.url(), cluster.control


def test_it_answers_503_while_postgresql_is_down_and_recovers_by_itself(private_postgres, tmp_path):
    url, control = private_postgres
    run(url, "migrate", "-v0")
    run(url, "load_demo")
    with serving(url, tmp_path) as server:
        status = server.get
        control("stop")
        answers = [status(path) for path in ("/prisoners/", "/api/v1/people", "/prisoners/")]
        assert [code for code, _body in answers] == [503, 503, 503]
        assert "Temporarily unavailable" in answers[0][1] and "<html" in answers[0][1]
        assert '"detail"' in answers[1][1]
        control("start")
        wait_for(lambda: status()[0] == 200, timeout=30)  # no restart of the app server
        code, body = status("/prisoners/lev-skoryakin/")
        assert code == 200 and "Лев Скорякин" in body
