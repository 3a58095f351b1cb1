"""E-mail to writers: sent through a real SMTP server, and never written to a log."""

import logging
import re
import stat
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.test import Client

from solidarity import mailurl
from solidarity.letters.models import Letter
from solidarity.letters.services.workflow import advance
from solidarity.letters.tests.smtp_server import SmtpServer
from solidarity.letters.tests.test_translate import staff
from solidarity.letters.tests.test_write_letter import form

ROOT = Path(__file__).resolve().parents[3]
CONTACT = "mia.writer@example.org"
BODY = "Дорогая Алиса, держись! Маркер-письма-7319."


@pytest.fixture
def writable(alice):
    alice.accepts_letters = True
    alice.save()
    return alice


def use_email_url(settings, url: str) -> None:  # type: ignore[no-untyped-def]
    """The settings EMAIL_URL gives, as settings.py sets them."""
    parsed = mailurl.parse(url, Path(settings.VAR_DIR) / "mail")
    settings.EMAIL_URL = url
    settings.EMAIL_BACKEND = parsed.backend
    settings.EMAIL_HOST, settings.EMAIL_PORT = parsed.host, parsed.port
    settings.EMAIL_USE_TLS, settings.EMAIL_USE_SSL = parsed.use_tls, parsed.use_ssl
    settings.EMAIL_FILE_PATH = parsed.file_path


def writer_gets_a_reply(client: Client, run_tasks) -> str:  # type: ignore[no-untyped-def]
    """A writer sends through the form, staff attach a reply, the worker runs: the link."""
    link = Client().post("/prisoners/alisa-andreeva/write/", form(body=BODY, contact=CONTACT))[
        "Location"
    ]
    letter = Letter.objects.get()
    advance(None, letter, "approve")
    advance(None, letter, "dispatch")
    staff(client, "moderator")
    r = client.post(f"/staff/letters/{letter.pk}/reply/", {"transcription": "Спасибо!"})
    assert r.status_code == 302
    run_tasks()
    return str(link)


def assert_nothing_secret_in(text: str, link: str) -> None:
    token = link.strip("/").split("/")[-1]
    for secret in (CONTACT, token, BODY, "Маркер-письма"):
        assert secret not in text, secret


def test_it_reads_every_setting_the_example_environment_sets():
    """deploy/env.example, README and docs/deploy.md name settings that settings.py reads."""
    read = (ROOT / "solidarity/settings.py").read_text() + (
        ROOT / "deploy/gunicorn.conf.py"
    ).read_text()
    example = (ROOT / "deploy/env.example").read_text()
    names = re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", example, re.MULTILINE)
    assert "EMAIL_URL" in names
    for name in names:
        assert f'"{name.removesuffix("_FILE")}"' in read, name
    for doc in ("README.md", "docs/deploy.md"):
        assert "EMAIL_URL" in (ROOT / doc).read_text(), doc


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://127.0.0.1:2525", ("127.0.0.1", 2525, "", "", False, False)),
        ("smtp+tls://u%40x:p%3Ass@mail.example.org", ("mail.example.org", 587, "u@x", "p:ss",
                                                       True, False)),
        ("smtps://user:pw@mail.example.org", ("mail.example.org", 465, "user", "pw", False, True)),
    ],
)  # fmt: skip
def test_it_parses_email_urls(url, expected):
    got = mailurl.parse(url, Path("unused"))
    assert got.backend == mailurl.SMTP_BACKEND
    assert (got.host, got.port, got.user, got.password, got.use_tls, got.use_ssl) == expected


def test_it_refuses_an_unknown_scheme_without_repeating_the_password():
    with pytest.raises(mailurl.EmailUrlError) as caught:
        mailurl.parse("smtpx://user:hunter2@host", Path("unused"))
    assert "hunter2" not in str(caught.value)


def test_it_sends_the_writer_an_email_over_smtp_and_logs_none_of_it(
    client, writable, settings, run_tasks, caplog, capfd
):
    caplog.set_level(logging.DEBUG)
    with SmtpServer() as smtp:
        use_email_url(settings, f"smtp://127.0.0.1:{smtp.port}")
        link = writer_gets_a_reply(client, run_tasks)
    assert mail.outbox == []  # it went over the socket, not to the test outbox
    # The confirmation when the letter was written, then the news of the reply.
    [(to_first, received), (recipients, message)] = smtp.received
    assert to_first == recipients == [CONTACT]
    for text in (received.decode(), message.decode()):
        assert f"{settings.SITE_URL}{link}" in text
    assert Client().get(link).status_code == 200  # the mailed link opens the letter
    out, err = capfd.readouterr()
    assert_nothing_secret_in(caplog.text + out + err, link)


def test_it_logs_no_address_when_the_mail_server_refuses_it(
    client, writable, settings, run_tasks, caplog, capfd
):
    caplog.set_level(logging.DEBUG)
    with SmtpServer(refuse={CONTACT}) as smtp:
        use_email_url(settings, f"smtp://127.0.0.1:{smtp.port}")
        link = writer_gets_a_reply(client, run_tasks)
    assert smtp.received == []
    from django_tasks_db.models import DBTaskResult

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {DBTaskResult._meta.db_table}")  # noqa: S608
        results = " ".join(str(v) for row in cursor.fetchall() for v in row)
    assert "MailNotSent" in results  # the failure is kept, and says what kind it was
    out, err = capfd.readouterr()
    assert_nothing_secret_in(caplog.text + out + err + results, link)


def test_it_writes_mail_to_private_files_without_email_url(
    client, writable, settings, run_tasks, tmp_path, capfd
):
    """No EMAIL_URL: files under var/mail, 0600 in a 0700 directory; never the console."""
    settings.VAR_DIR = tmp_path
    use_email_url(settings, "")
    assert settings.EMAIL_BACKEND == "solidarity.mail.PrivateFileBackend"
    link = writer_gets_a_reply(client, run_tasks)
    files = list((tmp_path / "mail").iterdir())
    assert len(files) == 2  # the confirmation, then the news of the reply
    for written in files:
        assert CONTACT in written.read_text()
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "mail").stat().st_mode) == 0o700
    out, err = capfd.readouterr()
    assert_nothing_secret_in(out + err, link)


def test_it_keeps_status_links_out_of_every_log(db, caplog):
    """django.request writes the path of a failed request, Django's CSRF check the path it
    refused, a server its request line: the link's token is cut out of each, whichever
    logger and handler."""
    caplog.set_level(logging.DEBUG)
    token = "Zx" * 21
    logging.getLogger("django.request").error("Internal Server Error: %s", f"/letters/{token}/")
    logging.getLogger("django.security.csrf").warning(f"Forbidden: /letters/{token}/")
    logging.getLogger("gunicorn.error").info("GET /letters/%s/replies/1/scan/", token)
    assert len(caplog.records) == 3
    assert token not in caplog.text and caplog.text.count("/letters/[link]/") == 3
    [handler] = logging.getLogger("django.request").handlers  # settings.LOGGING's console
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, f"/letters/{token}/", (), None)
    assert handler.filter(record) and token not in handler.format(record)


def test_it_reads_email_url_from_a_file_in_a_real_process(tmp_path):
    """EMAIL_URL_FILE, as /etc/solidarity/env would give it, read by settings.py itself."""
    import os
    import subprocess
    import sys

    secret = tmp_path / "email_url"
    secret.write_text("smtps://solidarity:p%40ss@mail.example.org\n")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL", "DATABASE"))}
    done = subprocess.run(
        [sys.executable, "-m", "solidarity.cli", "shell", "--no-imports", "-c",
         "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, "
         "s.EMAIL_PORT, s.EMAIL_USE_SSL, s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD == 'p@ss')"],
        env={**environment, "EMAIL_URL_FILE": str(secret), "SOLIDARITY_VAR_DIR": str(tmp_path)},
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    assert done.stdout.split()[-6:] == [
        mailurl.SMTP_BACKEND,
        "mail.example.org",
        "465",
        "True",
        "solidarity",
        "True",
    ]


@pytest.mark.parametrize(
    ("language", "subject", "words"),
    [("en", "Your letter was received", "keep this link"),
     ("ru", "Ваше письмо принято", "сохраните ссылку"),
     ("be", "Ваш ліст прыняты", "захавайце спасылку")],
)  # fmt: skip
def test_it_sends_the_status_link_at_once_in_the_writers_language(
    writable, settings, run_tasks, language, subject, words
):
    settings.SITE_URL = "http://127.0.0.1:8765"
    writer = Client(headers={"accept-language": language})
    link = writer.post("/prisoners/alisa-andreeva/write/", form(body=BODY, contact=CONTACT))[
        "Location"
    ]
    run_tasks()
    [message] = mail.outbox
    assert message.to == [CONTACT] and message.subject == subject
    assert words in message.body
    [url] = re.findall(r"http://\S+", message.body)
    assert url == f"http://127.0.0.1:8765{link}"
    assert Client().get(url.removeprefix(settings.SITE_URL)).status_code == 200


def test_it_sends_nothing_to_a_postal_contact(writable, run_tasks):
    Client().post("/prisoners/alisa-andreeva/write/", form(body=BODY, contact="ул. Мира, 1"))
    run_tasks()
    assert mail.outbox == []


def test_it_points_links_to_the_port_served(monkeypatch, settings):
    """`solidarity serve` and `demo` set SITE_URL to the address they serve, unless set."""
    from solidarity.registry.management.commands.serve import served_site_url

    for name in ("SITE_URL", "SITE_URL_FILE"):  # set, then removed: both undone after
        monkeypatch.setenv(name, "unset")
        monkeypatch.delenv(name)
    assert served_site_url("127.0.0.1", 8089) == "http://127.0.0.1:8089"
    assert settings.SITE_URL == "http://127.0.0.1:8089"
    monkeypatch.setenv("SITE_URL", "https://letters.example.org")
    settings.SITE_URL = "https://letters.example.org"
    assert served_site_url("127.0.0.1", 8089) == "https://letters.example.org"
