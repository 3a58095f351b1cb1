"""Public visitors leave nothing behind: no session rows, no addresses, no user agents."""

import logging

from django.contrib.sessions.models import Session
from django.db import connection

from solidarity.registry.demo import load_demo


def test_it_keeps_nothing_about_public_visitors(client, db, caplog):
    load_demo()
    caplog.set_level(logging.DEBUG)
    headers = {"REMOTE_ADDR": "203.0.113.77", "HTTP_USER_AGENT": "VisitorAgent/1.0"}
    for url in ["/", "/prisoners/?q=Скорякин", "/prisoners/lev-skoryakin/", "/nope/"]:
        client.get(url, **headers)
    client.post("/i18n/setlang/", {"language": "ru", "next": "/"}, **headers)
    client.post("/staff/login/", {"username": "x", "password": "y"}, **headers)
    assert Session.objects.count() == 0
    dump = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            dump.extend(repr(row) for row in cursor.fetchall())
    text = "\n".join(dump)
    assert "203.0.113.77" not in text and "VisitorAgent" not in text
    assert "203.0.113.77" not in caplog.text and "VisitorAgent" not in caplog.text
