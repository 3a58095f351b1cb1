"""Reads from a PostgreSQL replica: who reads there, and a real streaming replica at work."""

import pytest
from django.test import RequestFactory

from solidarity.replica import ReplicaRouter, may_read_from_replica

from .processes import run, serving, shell, wait_for


@pytest.mark.parametrize(
    "method, path, headers, expected",
    [
        ("get", "/prisoners/", {}, True),
        ("head", "/api/v1/people", {}, True),
        ("get", "/data/prisoners.csv", {}, True),
        ("post", "/prisoners/alisa/write/", {}, False),  # a write
        ("get", "/staff/letters/moderate/", {}, False),  # staff see their own changes
        ("get", "/letters/some-token/", {}, False),  # a writer following their letter
        ("get", "/prisoners/", {"HTTP_COOKIE": "sessionid=abc"}, False),  # signed in
        ("get", "/api/v1/people", {"HTTP_AUTHORIZATION": "Bearer x"}, False),  # a token
    ],
)
def test_it_sends_only_anonymous_public_reads_to_the_replica(method, path, headers, expected):
    request = getattr(RequestFactory(), method)(path, **headers)
    assert may_read_from_replica(request) is expected


def test_it_writes_and_migrates_on_the_primary_only():
    router = ReplicaRouter()
    assert router.db_for_read(None) == "default"  # outside a replica request
    assert router.db_for_write(None) == "default"
    assert router.allow_migrate("default", "registry") is True
    assert router.allow_migrate("replica", "registry") is False


def test_it_serves_public_pages_from_a_streaming_replica(clusters, tmp_path):
    primary = clusters()
    primary.init()
    primary.control("start")
    primary.pg("createdb", "-h", "127.0.0.1", "-p", str(primary.port), "solidarity")
    url = primary.url()
    run(url, "migrate", "-v0")
    run(url, "load_demo")
    token = shell(url, (
        "from solidarity.letters.services.writing import submit_letter; "
        "from solidarity.registry.models import Person; "
        "p = Person.objects.filter(accepts_letters=True).first(); "
        "print(submit_letter(p, body='Привет!', submission_key='replica').token)"
    ))  # fmt: skip
    replica = clusters()
    replica.follow(primary)
    replica.control("start")

    with serving(url, tmp_path, DATABASE_REPLICA_URL=replica.url()) as server:
        get = server.get
        # A change on the primary reaches the public pages through the replica.
        shell(url, "from solidarity.registry.tests.factories import make_person; "
                   "make_person('Реплика Новая', slug='replica-new')")  # fmt: skip
        wait_for(lambda: get("/prisoners/replica-new/")[0] == 200, timeout=30)

        primary.control("stop")
        # The public reads come from the replica: they go on with the primary down ...
        code, body = get("/prisoners/lev-skoryakin/")
        assert code == 200 and "Лев Скорякин" in body
        assert get("/api/v1/people?q=Skoryakin")[0] == 200
        assert get("/data/prisoners.csv")[0] == 200
        # ... while a writer's letter page and a signed-in reader read the primary.
        assert get(f"/letters/{token}/")[0] == 503
        assert get("/prisoners/", cookie="sessionid=x")[0] == 503
        primary.control("start")
        wait_for(lambda: get(f"/letters/{token}/")[0] == 200, timeout=30)
