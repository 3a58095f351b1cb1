"""Headers, cookies and assets of every public page: strict CSP, nothing from other hosts."""

import re
from html.parser import HTMLParser

import pytest
from django.test import override_settings

from solidarity.registry.demo import load_demo

PUBLIC_PAGES = [
    "/", "/prisoners/", "/prisoners/?q=Скорякин", "/prisoners/lev-skoryakin/",
    "/prisoners/denis-kozak/", "/cases/", "/cases/antifa-united/", "/facilities/",
    "/facilities/sizo-2-butyrka-moscow/", "/prisoners/nobody/",
]  # fmt: skip


class AssetParser(HTMLParser):
    """Collects what a browser would load, and any inline script."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.inline_scripts = 0
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}")
            if name in ("src", "srcset", "poster", "data") and value:
                self.loads.append(value)
        if tag == "link" and values.get("href"):
            self.loads.append(values["href"] or "")
        if tag == "script" and not values.get("src"):
            self.inline_scripts += 1
        if tag == "form" and values.get("action"):
            self.loads.append(values["action"] or "")


@pytest.fixture
def demo(db):
    load_demo()


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_it_sends_strict_headers(client, demo, url):
    r = client.get(url)
    csp = r["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'self'" in csp
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Referrer-Policy"] == "same-origin"
    assert r["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in r  # only over TLS


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_it_loads_nothing_from_another_host_and_runs_no_inline_script(client, demo, url):
    parser = AssetParser()
    parser.feed(client.get(url).content.decode())
    assert parser.loads, url  # at least the stylesheet
    for value in parser.loads:
        assert value.startswith("/") and not value.startswith("//"), (url, value)
    assert parser.inline_scripts == 0
    assert parser.handlers == []


def test_it_serves_its_own_stylesheet(client, db):
    r = client.get("/static/solidarity/site.css")
    assert r.status_code == 200
    assert b"@import" not in b"".join(r.streaming_content)


def test_it_marks_cookies_httponly_and_samesite(client, demo, coordinator):
    client.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    client.get("/staff/login/")
    r = client.post("/staff/login/", {"username": "cora", "password": "a long test passphrase"})
    for name in ("sessionid", "csrftoken", "django_language"):
        cookie = client.cookies[name]
        assert cookie["httponly"], name
        assert cookie["samesite"] == "Lax", name
    assert r.status_code == 302


@override_settings(
    SECURE_HSTS_SECONDS=31536000, SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True
)
def test_it_sends_hsts_and_secure_cookies_over_tls(client, coordinator):
    client.force_login(coordinator)
    r = client.get("/", secure=True)
    assert r["Strict-Transport-Security"].startswith("max-age=31536000")
    assert client.cookies["sessionid"]["secure"]


def test_it_refuses_a_forged_form(db):
    from django.test import Client

    forged = Client(enforce_csrf_checks=True)
    # The language switch alone is exempt (a forged language choice harms nobody).
    for path in ("/staff/login/", "/prisoners/alisa-andreeva/write/"):
        r = forged.post(path, {"username": "cora", "password": "x"})
        assert r.status_code == 403, path


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024)
def test_it_refuses_an_oversized_body(client, db):
    r = client.post("/i18n/setlang/", {"language": "ru", "next": "/" + "x" * 4096})
    assert r.status_code == 400


def test_it_refuses_nul_characters_instead_of_failing_on_postgresql(client, db):
    assert client.get("/prisoners/?q=%00").status_code == 400
    assert client.get("/api/v1/people?region=a%00b").status_code == 400
    response = client.post("/api/v1/events", '{"person": "x\\u0000"}',
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 400
    assert client.get("/prisoners/?q=ok").status_code == 200


def routes(patterns=None, prefix: str = "") -> list[str]:  # type: ignore[no-untyped-def]
    """Every URL of the URL configuration that takes no argument."""
    from django.urls import URLResolver, get_resolver

    found = []
    for p in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            found += routes(p.url_patterns, route)
        elif "<" not in route and "(" not in route and "^" not in route:
            found.append("/" + route)
    return found


def test_it_keeps_staff_pages_and_letter_pages_out_of_the_browser_cache(staff_client, alice):
    """A seized laptop's browser cache holds no staff page and no writer's letter page."""
    staff_urls = [u for u in routes() if u.startswith(("/staff/", "/admin/"))]
    assert len(staff_urls) > 20
    for url in [*staff_urls, "/admin/registry/person/", "/staff/login/"]:
        assert "no-store" in staff_client.get(url)["Cache-Control"], url
    alice.accepts_letters = True
    alice.save()
    from solidarity.letters.services.writing import submit_letter

    letter = submit_letter(alice, body="Привет!", contact="w@example.org", submission_key="c")
    r = staff_client.get(f"/letters/{letter.token}/")
    assert r.status_code == 200 and r["Cache-Control"] == "no-store"
    assert "no-store" in staff_client.get("/letters/nothing-here/")["Cache-Control"]
    assert "no-store" not in staff_client.get("/prisoners/").get("Cache-Control", "")


HOSTILE_ADDRESSES = [
    "javascript:alert(document.cookie)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
    "\tjavascript:alert(1)", "java\nscript:alert(1)", "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)", "//evil.example/", "https:evil", "file:///etc/passwd",
]  # fmt: skip


def test_it_links_only_http_and_https_sources(client, alice):
    """A source address stored without a form's check (import, API, intake) is not a link."""
    from solidarity.registry.models import Citation, Source

    for n, address in enumerate([*HOSTILE_ADDRESSES, "https://ovd.info/news/1"]):
        source = Source.objects.create(title=f"Source {n}", url=address)
        Citation.objects.create(source=source, fact=alice, quote=f"quote {n}")
    page = client.get("/prisoners/alisa-andreeva/").content.decode()
    assert 'href="https://ovd.info/news/1"' in page
    for n, _address in enumerate(HOSTILE_ADDRESSES):
        assert f"Source {n}" in page  # the title is still shown, as text
    links = re.findall(r'href="([^"]*)"', page)
    assert not [h for h in links if h.lower().lstrip().startswith(("javascript", "data:", "vb"))]
    assert not [h for h in links if "evil" in h or h.startswith("file:")]


def test_it_keeps_only_absolute_http_addresses():
    from solidarity.links import http_url

    assert http_url("https://ovd.info/x?y=1") == "https://ovd.info/x?y=1"
    assert http_url("HTTP://Example.org/") == "HTTP://Example.org/"
    assert [http_url(a) for a in HOSTILE_ADDRESSES] == [""] * len(HOSTILE_ADDRESSES)
    assert http_url(None) == "" and http_url("") == ""


@pytest.mark.parametrize("char", ["\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f"])
def test_it_refuses_control_characters_naming_the_field(client, alice, char):
    alice.accepts_letters = True
    alice.save()
    form = {"body": f"Dear Alisa{char}", "channel": "post", "rules": "on", "send": "1",
            "submission_key": "x"}  # fmt: skip
    r = client.post("/prisoners/alisa-andreeva/write/", form)
    assert r.status_code == 400
    assert "The field <strong>body</strong> contains a control character" in r.content.decode()
    api = client.post(
        "/api/v1/events", {"person": "alisa-andreeva", "text_en": f"x{char}y"},
        content_type="application/json",
    )  # fmt: skip
    assert api.status_code == 400 and "text_en" in api.json()["detail"]
    # Tab, newline and CR stay allowed.
    ok = client.post("/prisoners/alisa-andreeva/write/", {**form, "body": "a\tb\r\nc"})
    assert ok.status_code != 400


def test_it_sets_a_csrf_cookie_only_where_there_is_a_form(client, alice, facility, case):
    """A one-year CSRF cookie from every public page was a trace of the visit on a laptop."""
    from django.urls import URLPattern, get_resolver

    from solidarity.registry.urls import urlpatterns as registry_urls

    plain = [p for p in get_resolver().url_patterns if isinstance(p, URLPattern)]
    routes = [str(p.pattern) for p in [*registry_urls, *plain] if "<" not in str(p.pattern)]
    pages = ["/" + r for r in routes if not r.startswith(("staff/", "admin/", "i18n"))]
    pages += ["/prisoners/alisa-andreeva/", "/cases/test-case/", "/facilities/sizo-1-test/",
              "/data/", "/stats/", "/reports/", "/feeds/updates.atom"]  # fmt: skip
    for page in pages:
        response = client.get(page)
        assert "csrftoken" not in response.cookies, page
    alice.accepts_letters = True
    alice.save()
    form = client.get("/prisoners/alisa-andreeva/write/")
    cookie = form.cookies["csrftoken"]
    assert not cookie["max-age"] and not cookie["expires"]  # gone with the browser
    switched = client.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    assert switched.status_code == 302 and client.cookies["django_language"].value == "ru"


def test_it_refuses_a_strangers_large_upload_before_reading_it(tmp_path, monkeypatch):
    """A real gunicorn: the client announces 50 MB and sends 10 bytes. The answer comes at
    once (413), so nothing was waited for, read or spooled to disk."""
    import socket

    from .processes import Server, run

    monkeypatch.setenv("SOLIDARITY_VAR_DIR", str(tmp_path / "var"))
    url = f"sqlite:///{tmp_path / 'upload.sqlite3'}"
    run(url, "migrate", "-v0")
    server = Server(url, tmp_path)
    server.start()
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            sock.sendall(
                b"POST /prisoners/anyone/write/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: multipart/form-data; boundary=x\r\n"
                b"Content-Length: 52428800\r\n\r\n--x\r\nabc"
            )
            answer = sock.recv(200)  # a server waiting for the body would time out here
        assert answer.startswith(b"HTTP/1.1 413")
    finally:
        server.stop()
