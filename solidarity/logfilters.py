"""What must never reach a log line, whatever the level, the logger or the handler."""

from __future__ import annotations

import logging
import re
from typing import Any

# A writer's status link: the token in it opens their letter.
LETTER_LINK = re.compile(r"/letters/[A-Za-z0-9_\-]{16,}")
REDACTED = "/letters/[link]"


def redact(record: logging.LogRecord) -> logging.LogRecord:
    """The record with status-link tokens in its message replaced by "/letters/[link]"
    (e.g. django.request's "Internal Server Error: /letters/<token>/", Django's CSRF
    warnings, a server's request line). A message that cannot be formatted is left as it
    is, for logging to report as usual."""
    try:
        message = record.getMessage()
    except Exception:
        return record
    if "/letters/" in message:
        record.msg = LETTER_LINK.sub(REDACTED, message)
        record.args = ()
    return record


class RedactLetterLinks(logging.Filter):
    """The same as a handler filter (settings.LOGGING); never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        redact(record)
        return True


def install() -> None:
    """Redact every record as it is made, in this process: loggers and handlers that
    LOGGING does not configure (gunicorn's, the task workers', Django's defaults) too.
    Called once per process from LettersConfig.ready(); a second call changes nothing."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "redacts_letter_links", False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return redact(previous(*args, **kwargs))

    factory.redacts_letter_links = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)
