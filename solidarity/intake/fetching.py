"""Fetching a web page for the intake desk, without letting the server be turned on itself.

An address a reviewer gives is fetched only in a worker (never in a web request), with a
time limit (`INTAKE_FETCH_SECONDS`, whole fetch), a size limit (`INTAKE_MAX_BYTES`) and at
most three redirects. Every hop's host is resolved once and each of its addresses checked:
loopback, private, link-local, shared, multicast and reserved networks are refused (a page
must not reach the database, Redis or a cloud metadata service), and the connection goes to
the address that was checked, with the host name kept for TLS and the Host header, so that a
second DNS answer cannot swap in another address. `INTAKE_FETCH_ALLOW` lists networks to
allow despite that (an intranet mirror; the tests' local server).

Errors are FetchError, whose message names the address and the reason.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext_noop

from solidarity.errors import Refusal

MAX_REDIRECTS = 3


class FetchError(Refusal):
    """A page that was not fetched; the message names the address and why."""


@dataclass
class Page:
    url: str  # the address finally read, after redirects
    content_type: str
    data: bytes


def _allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(n, strict=False) for n in settings.INTAKE_FETCH_ALLOW]


def _public_address(host: str, port: int, url: str) -> str:
    """The first address of `host`, after checking that none of them is private."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise FetchError(
            gettext_noop("%(url)s: the host %(host)s cannot be found"), url=url, host=host
        ) from error
    allowed = _allowed_networks()
    addresses = []
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if not address.is_global and not any(address in net for net in allowed):
            raise FetchError(
                gettext_noop(
                    "%(url)s: %(host)s is at a private or local address (%(address)s); "
                    "only public web pages are fetched"
                ),
                url=url, host=host, address=str(address),
            )  # fmt: skip
        addresses.append(str(address))
    if not addresses:
        raise FetchError(
            gettext_noop("%(url)s: the host %(host)s has no address"), url=url, host=host
        )
    return addresses[0]


def plainly_local(host: str) -> bool:
    """A host that is local without asking DNS: localhost names and non-public IP literals
    (outside INTAKE_FETCH_ALLOW)."""
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return not address.is_global and not any(address in n for n in _allowed_networks())


def fetch(url: str) -> Page:
    """The page at `url` (http or https), within the limits above."""
    import urllib3

    deadline = time.monotonic() + settings.INTAKE_FETCH_SECONDS
    limit = settings.INTAKE_MAX_BYTES
    for _hop in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(
                gettext_noop("%(url)s: only http:// and https:// addresses can be fetched"), url=url
            )
        if parts.username or parts.password:
            raise FetchError(
                gettext_noop("%(url)s: an address with a user name or password is refused"), url=url
            )
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = _public_address(parts.hostname, port, url)
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError(
                gettext_noop("%(url)s: took longer than %(seconds)s s"),
                url=url,
                seconds=settings.INTAKE_FETCH_SECONDS,
            )
        timeout = urllib3.Timeout(connect=min(left, 10), read=left)
        if parts.scheme == "https":
            pool: urllib3.HTTPConnectionPool = urllib3.HTTPSConnectionPool(
                address, port, timeout=timeout, retries=False,
                server_hostname=parts.hostname, assert_hostname=parts.hostname,
            )  # fmt: skip
        else:
            pool = urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        host_header = parts.hostname + (f":{parts.port}" if parts.port else "")
        try:
            response = pool.urlopen(
                "GET", path, redirect=False, preload_content=False,
                headers={"Host": host_header, "User-Agent": "Solidarity intake",
                         "Accept": "text/html, text/plain, application/pdf"},
            )  # fmt: skip
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("Location", "")
                response.release_conn()
                if not location:
                    raise FetchError(
                        gettext_noop("%(url)s: a redirect without an address"), url=url
                    )
                url = urljoin(url, location)
                continue
            if response.status != 200:
                raise FetchError(
                    gettext_noop("%(url)s: the server answered %(status)s"),
                    url=url,
                    status=response.status,
                )
            declared = int(response.headers.get("Content-Length") or 0)
            if declared > limit:
                raise FetchError(
                    gettext_noop("%(url)s: %(size)s bytes is over the limit of %(limit)s"),
                    url=url,
                    size=f"{declared:,}",
                    limit=f"{limit:,}",
                )
            body = bytearray()
            for chunk in response.stream(65536):
                body += chunk
                if len(body) > limit:
                    raise FetchError(
                        gettext_noop("%(url)s: over the limit of %(limit)s bytes"),
                        url=url,
                        limit=f"{limit:,}",
                    )
                if time.monotonic() > deadline:
                    raise FetchError(
                        gettext_noop("%(url)s: took longer than %(seconds)s s"),
                        url=url,
                        seconds=settings.INTAKE_FETCH_SECONDS,
                    )
            content_type = response.headers.get("Content-Type", "")
            response.release_conn()
            return Page(url, content_type, bytes(body))
        except urllib3.exceptions.HTTPError as error:
            raise FetchError(
                gettext_noop("%(url)s: the page cannot be fetched (%(error)s)"),
                url=url,
                error=str(error),
            ) from error
        finally:
            pool.close()
    raise FetchError(
        gettext_noop("%(url)s: more than %(count)s redirects"), url=url, count=MAX_REDIRECTS
    )


def file_name(page: Page) -> str:
    """A name whose suffix tells the reader the format (HTML is recognised by content too)."""
    kind = page.content_type.split(";")[0].strip().lower()
    suffix = {"application/pdf": ".pdf", "text/plain": ".txt", "text/markdown": ".md"}.get(
        kind, ".html"
    )
    stem = urlsplit(page.url).hostname or "page"
    return stem + suffix
