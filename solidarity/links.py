"""Which stored addresses may become links on a page."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

LINK_SCHEMES = ("http", "https")


def http_url(value: object) -> str:
    """`value` when it is an absolute http(s) address with a host, else "".

    A stored address can come from an import, the API or a document read in, none of which
    goes through a form's URL check: `javascript:`, `data:`, `vbscript:` and friends (in any
    case, with spaces or control characters before them) must never become an href."""
    text = str(value or "")
    if text != text.strip() or any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return ""
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.hostname:
        return ""
    return text


def site_url(name: str, *args: object) -> str:
    """The absolute address of the URL named `name`, on SITE_URL: the one base of every
    absolute link the site gives, whatever host or port a request came through."""
    return f"{settings.SITE_URL.rstrip('/')}{reverse(name, args=args)}"
