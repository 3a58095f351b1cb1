"""Fetching an address given on the desk, against a real HTTP server on this machine: what it
reads, and what it refuses (private addresses, redirects to them, size and time limits)."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from solidarity.intake.fetching import FetchError, fetch

PAGE = (
    b"<!doctype html><html><head><title>Detained | Example</title>"
    b'<meta property="article:published_time" content="2024-05-03T10:00:00+03:00">'
    b"</head><body><article><h1>Detained</h1><p>Oleg Baranov was detained on 2 May.</p>"
    b"</article></body></html>"
)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/slow":
            time.sleep(3)
        if self.path.startswith("/to/"):
            self.send_response(302)
            self.send_header("Location", self.path[len("/to/") :].replace("_", "/"))
            self.end_headers()
            return
        body = b"x" * 5000 if self.path == "/big" else PAGE
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if self.path != "/big":
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_it_refuses_a_loopback_address_unless_allowed(server, settings):
    settings.INTAKE_FETCH_ALLOW = []
    with pytest.raises(FetchError, match="private or local address"):
        fetch(server + "/page")
    settings.INTAKE_FETCH_ALLOW = ["127.0.0.1/32"]
    page = fetch(server + "/page")
    assert page.data == PAGE
    assert page.content_type.startswith("text/html")


def test_it_refuses_a_redirect_to_a_private_address(server, settings):
    settings.INTAKE_FETCH_ALLOW = ["127.0.0.1/32"]
    with pytest.raises(FetchError, match=r"169\.254\.169\.254"):
        fetch(server + "/to/http:__169.254.169.254_latest_meta-data")
    # a redirect within what is allowed is followed
    assert fetch(server + "/to/_page").data == PAGE


def test_it_keeps_to_its_limits(server, settings):
    settings.INTAKE_FETCH_ALLOW = ["127.0.0.1/32"]
    settings.INTAKE_MAX_BYTES = 1000
    with pytest.raises(FetchError, match="over the limit of 1,000 bytes"):
        fetch(server + "/big")
    settings.INTAKE_MAX_BYTES = 100_000
    settings.INTAKE_FETCH_SECONDS = 1
    with pytest.raises(FetchError, match=r"page cannot be fetched|longer than"):
        fetch(server + "/slow")


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.org/x", "http://user:secret@example.org/"],
)
def test_it_refuses_other_schemes_and_credentials(url):
    with pytest.raises(FetchError):
        fetch(url)
