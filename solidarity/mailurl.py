"""EMAIL_URL: how e-mail leaves the server, in one setting (read by settings.py).

    smtp://user:password@host:port      SMTP without TLS (port 25): a relay on loopback only
    smtp+tls://user:password@host:port  SMTP with STARTTLS (port 587 unless given)
    smtps://user:password@host:port     SMTP over TLS (port 465 unless given)
    file:///absolute/directory          one file per message, 0600, in that directory

User and password are percent-encoded (`p%40ss` for `p@ss`). Empty: files under
var/mail. The console backend is never chosen: it would write every writer's address and
status link to the log. Only the standard library here: settings import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
FILE_BACKEND = "solidarity.mail.PrivateFileBackend"
DEFAULT_PORTS = {"smtp": 25, "smtp+tls": 587, "smtps": 465}


class EmailUrlError(ValueError):
    """EMAIL_URL cannot be used; the message never repeats the password."""


@dataclass(frozen=True)
class EmailSettings:
    backend: str
    host: str = "localhost"
    port: int = 25
    user: str = ""
    password: str = ""
    use_tls: bool = False
    use_ssl: bool = False
    file_path: str = ""


def parse(url: str, default_dir: Path) -> EmailSettings:
    """The Django e-mail settings for EMAIL_URL `url` (see the module's text).

    Raises EmailUrlError for an unknown scheme, a missing host, a bad port or a relative
    file path."""
    url = url.strip()
    if not url:
        return EmailSettings(backend=FILE_BACKEND, file_path=str(default_dir))
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "file":
        if not parts.path.startswith("/"):
            raise EmailUrlError("EMAIL_URL file:// needs an absolute directory")
        return EmailSettings(backend=FILE_BACKEND, file_path=unquote(parts.path))
    if scheme not in DEFAULT_PORTS:
        raise EmailUrlError(
            f"EMAIL_URL scheme {scheme!r} is not one of smtp, smtp+tls, smtps, file"
        )
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError as exc:
        raise EmailUrlError("EMAIL_URL has a port that is not a number") from exc
    if not parts.hostname:
        raise EmailUrlError("EMAIL_URL names no host")
    return EmailSettings(
        backend=SMTP_BACKEND,
        host=parts.hostname,
        port=port,
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        use_tls=scheme == "smtp+tls",
        use_ssl=scheme == "smtps",
    )
