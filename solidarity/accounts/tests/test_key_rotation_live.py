"""Key rotation on a running server: gunicorn with two workers and a task worker keep
answering and writing private values while `keys rotate` and later `keys retire` run from
other processes, as an operator runs them. Nothing fails, nothing is lost, and afterwards
no stored value opens with the retired key."""

from __future__ import annotations

import http.client
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

from solidarity.tests.processes import Server, kill, run, shell, start

SEED = """
from solidarity.registry.tests.factories import make_facility, make_person
f = make_facility(slug="ik-1", name_en="IK-1", name_ru="ИК-1", postal_address="ул. Лесная, 1")
make_person("Алиса Андреева", slug="alisa", facility=f, accepts_letters=True,
            consent_publish_address=True, private_notes="private note before rotation")
make_person("Борис Скрытый", slug="boris", consent_publish_name=False,
            full_name="Скрытый Борис Ильич", private_notes="hidden before rotation")
print("ok")
"""

READ_ALL = """
from solidarity.fields import encrypted_fields
n = 0
for model, names in encrypted_fields():
    for obj in model._default_manager.all():
        for name in names:
            getattr(obj, name)
            n += 1
print(n)
"""


@pytest.fixture
def database(tmp_path, monkeypatch) -> Iterator[str]:
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        pytest.skip("reads the SQLite file directly to look for values under the old key")
    monkeypatch.setenv("SOLIDARITY_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("FIELD_ENCRYPTION_KEYS", raising=False)
    monkeypatch.delenv("FIELD_ENCRYPTION_KEYS_FILE", raising=False)
    monkeypatch.setenv("LETTERS_FORM_MIN_SECONDS", "0")
    monkeypatch.setenv("LETTERS_PER_SENDER_PER_HOUR", "1000")  # one test client writes all
    url = f"sqlite:///{tmp_path / 'keys.sqlite3'}"
    run(url, "migrate", "-v0")
    assert shell(url, SEED) == "ok"
    yield url


def request(
    server: Server, method: str, path: str, body: str = "", cookie: str = ""
) -> tuple[int, str, str]:
    """Status, Location (or the csrftoken cookie set) and page."""
    conn = server.connection()
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
    if cookie:
        headers["Cookie"] = cookie
    conn.request(method, path, body=body or None, headers=headers)
    response = conn.getresponse()
    csrf = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
    extra = response.getheader("Location") or (csrf.group(1) if csrf else "")
    return response.status, extra, response.read().decode()


def stored_values(path: Path) -> list[str]:
    """Every encrypted value in every table of the SQLite file, read as a dump would."""
    found = []
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            for column in columns:
                rows = conn.execute(
                    f'SELECT "{column}" FROM "{table}" WHERE "{column}" LIKE ?',  # noqa: S608
                    ["fernet:%"],
                )
                found += [r[0] for r in rows]
    return found


def opens(key: str, value: str) -> bool:
    try:
        Fernet(key.encode()).decrypt(value.removeprefix("fernet:").encode())
    except InvalidToken:
        return False
    return True


def test_it_rotates_and_retires_keys_under_load_without_an_error(database, tmp_path):
    key_file = tmp_path / "var" / "field_keys"
    old_key = key_file.read_text().split()[0]
    server = Server(database, tmp_path)
    server.start()
    worker = start(database, "db_worker", "--interval", "1")
    errors: list[str] = []
    letters: list[tuple[str, str]] = []  # status link, words
    done = threading.Event()

    def reader(n: int) -> None:
        paths = ["/prisoners/", "/prisoners/alisa/", "/prisoners/alisa/write/", "/cases/"]
        for i in range(n):
            path = paths[i % len(paths)]
            if i % 5 == 4 and letters:
                path = letters[i % len(letters)][0]
            try:
                status, _location, _body = request(server, "GET", path)
            except (OSError, http.client.HTTPException) as exc:
                errors.append(f"GET {path}: {exc}")
                continue
            if status != 200:
                errors.append(f"GET {path}: {status}")

    def writer(n: int) -> None:
        for i in range(n):
            try:
                _s, csrf, page = request(server, "GET", "/prisoners/alisa/write/")
                key = re.search(r'name="submission_key" value="([^"]+)"', page)
                token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
                assert key and token and csrf, "no form"
                words = f"Дорогая Алиса, письмо номер {i} сквозь смену ключей"
                data = {"body": words, "signature": f"W{i}", "contact": f"w{i}@example.org",
                        "channel": "post", "rules": "on", "submission_key": key.group(1),
                        "send": "1", "csrfmiddlewaretoken": token.group(1)}  # fmt: skip
                status, location, _b = request(
                    server, "POST", "/prisoners/alisa/write/", urlencode(data), f"csrftoken={csrf}"
                )
            except (OSError, http.client.HTTPException, AssertionError) as exc:
                errors.append(f"write {i}: {exc}")
                continue
            if status != 302 or not location.startswith("/letters/"):
                errors.append(f"write {i}: {status} {location}")
            else:
                letters.append((location, words))
            time.sleep(0.1)

    try:
        threads = [threading.Thread(target=reader, args=(50,)) for _ in range(4)]
        threads.append(threading.Thread(target=writer, args=(20,)))
        for thread in threads:
            thread.start()
        while len(letters) < 5 and threads[-1].is_alive():
            time.sleep(0.05)
        rotated = run(database, "keys", "rotate")
        assert "New key" in rotated.stdout
        new_key = key_file.read_text().split()[0]
        assert new_key != old_key and old_key in key_file.read_text()
        while len(letters) < 12 and threads[-1].is_alive():
            time.sleep(0.05)
        run(database, "keys", "retire")
        for thread in threads:
            thread.join(timeout=300)
        done.set()
        assert errors == []
        assert len(letters) == 20
        for location, words in letters:
            status, _l, page = request(server, "GET", location)
            assert status == 200 and words in page
    finally:
        kill(worker)
        server.stop()
    assert key_file.read_text().split() == [new_key]
    # Written after retire, still under the newest key: the server never wrote under the old.
    assert int(shell(database, READ_ALL)) > 60
    values = stored_values(tmp_path / "keys.sqlite3")
    assert len(values) > 60
    assert not [v for v in values if opens(old_key, v)]
    assert all(opens(new_key, v) for v in values)
