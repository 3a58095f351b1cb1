"""One sender cannot flood the letter form, and the site-wide ceiling holds across server
processes, without an address being kept anywhere: what an adversary finds in the cache
(memory, the database cache table) is a keyed hash under a key that is gone within hours."""

from __future__ import annotations

import hashlib
import http.client
import pickle
import re
import sqlite3
import time
from urllib.parse import urlencode

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import RequestFactory

from solidarity.accounts import throttle
from solidarity.letters.models import Letter
from solidarity.letters.services.writing import new_submission_key
from solidarity.tests.processes import Server, run, shell

ADDRESS = "203.0.113.77"


@pytest.fixture
def writable(alice):
    alice.accepts_letters = True
    alice.save()
    return alice


def send(client, address: str, n: int = 1):  # type: ignore[no-untyped-def]
    data = {"body": f"Dear Alisa, letter {n}.", "channel": "post", "rules": "on",
            "submission_key": new_submission_key(), "send": "1"}  # fmt: skip
    return client.post("/prisoners/alisa-andreeva/write/", data, REMOTE_ADDR=address)


def cache_contents() -> str:
    store = cache._cache  # type: ignore[attr-defined]
    return " ".join(f"{k} {pickle.loads(v)!r}" for k, v in store.items())  # noqa: S301 - ours


def test_it_limits_letters_per_sender_and_keeps_no_address(client, writable, settings):
    settings.LETTERS_PER_SENDER_PER_HOUR = 3
    assert [send(client, ADDRESS, i).status_code for i in range(3)] == [302, 302, 302]
    refused = send(client, ADDRESS, 4)
    assert refused.status_code == 200
    assert "many letters this hour" in refused.content.decode()
    assert Letter.objects.count() == 3
    assert send(client, "198.51.100.9", 5).status_code == 302  # someone else still can
    seen = cache_contents()
    for form in (ADDRESS, hashlib.sha256(ADDRESS.encode()).hexdigest(), "203.0.113"):
        assert form not in seen


def test_it_limits_every_anonymous_form(client, writable, settings):
    settings.ANONYMOUS_POSTS_PER_SENDER_PER_HOUR = 2
    codes = [send(client, ADDRESS, i).status_code for i in range(3)]
    assert codes == [302, 302, 429]
    assert send(client, "198.51.100.9").status_code == 302
    # API clients are counted by their token, not here (a bad token gets 401, not 429).
    api = client.post("/api/v1/events", {}, content_type="application/json",
                      REMOTE_ADDR=ADDRESS, HTTP_AUTHORIZATION="Bearer nope")  # fmt: skip
    assert api.status_code != 429
    # The header opens nothing elsewhere: the letter form still counts this sender.
    forged = client.post("/prisoners/alisa-andreeva/write/", {}, REMOTE_ADDR=ADDRESS,
                         HTTP_AUTHORIZATION="Bearer nope")  # fmt: skip
    assert forged.status_code == 429


def test_it_renames_senders_every_hour(settings):
    request = RequestFactory().post("/", REMOTE_ADDR=ADDRESS)
    hour = int(time.time() // 3600)
    assert throttle.sender(request, hour) == throttle.sender(request, hour)
    assert throttle.sender(request, hour) != throttle.sender(request, hour + 1)
    direct = throttle.sender(request, hour)
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
    proxied = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=ADDRESS)
    assert throttle.sender(proxied, hour) == direct
    onion = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1")
    assert throttle.sender(onion, hour) == ""  # no address: only the ceilings count


SEED = """
from solidarity.registry.tests.factories import make_person
make_person("Алиса Андреева", slug="alisa", accepts_letters=True)
print("ok")
"""


def test_it_holds_the_site_wide_ceiling_across_server_processes(tmp_path, monkeypatch):
    if django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        pytest.skip("reads the SQLite file directly")
    monkeypatch.setenv("SOLIDARITY_VAR_DIR", str(tmp_path / "var"))
    url = f"sqlite:///{tmp_path / 'ceiling.sqlite3'}"
    run(url, "migrate", "-v0")
    assert shell(url, SEED) == "ok"
    server = Server(url, tmp_path, LETTERS_MAX_PER_MINUTE="4", LETTERS_FORM_MIN_SECONDS="0",
                    CLIENT_ADDRESS_HEADER="HTTP_X_FORWARDED_FOR")  # fmt: skip
    server.start()
    try:
        while time.time() % 60 > 35:  # all of it within one minute's counter
            time.sleep(0.5)
        accepted = 0
        for i in range(12):
            address = f"192.0.2.{i + 10}"
            conn = server.connection()
            conn.request("GET", "/prisoners/alisa/write/", headers={"X-Forwarded-For": address})
            response = conn.getresponse()
            page = response.read().decode()
            csrf = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
            key = re.search(r'name="submission_key" value="([^"]+)"', page)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
            assert csrf and key and token
            data = {"body": f"Дорогая Алиса, письмо {i}.", "channel": "post", "rules": "on",
                    "submission_key": key.group(1), "send": "1",
                    "csrfmiddlewaretoken": token.group(1)}  # fmt: skip
            conn = server.connection()
            conn.request("POST", "/prisoners/alisa/write/", body=urlencode(data), headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={csrf.group(1)}", "X-Forwarded-For": address,
            })  # fmt: skip
            response = conn.getresponse()
            response.read()
            accepted += response.status == 302
    except (OSError, http.client.HTTPException):
        raise
    finally:
        server.stop()
    assert accepted == 4  # two workers, one ceiling
    with sqlite3.connect(tmp_path / "ceiling.sqlite3") as conn:
        rows = conn.execute("SELECT cache_key, value FROM solidarity_cache").fetchall()
    assert rows, "the ceilings count in the shared database cache"
    dump = b"".join(p.read_bytes() for p in tmp_path.glob("ceiling.sqlite3*"))
    for i in range(12):
        assert f"192.0.2.{i + 10}".encode() not in dump
