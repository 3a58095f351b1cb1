"""Log filters: what must never reach a log line, whatever the level or the logger."""

from __future__ import annotations

import logging
import re

# A writer's status link: the token in it opens their letter.
LETTER_LINK = re.compile(r"/letters/[A-Za-z0-9_\-]{16,}")


class RedactLetterLinks(logging.Filter):
    """Replace status-link tokens in a record's message (e.g. django.request's "Internal
    Server Error: /letters/<token>/") by "/letters/[link]". Never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/letters/" in message:
            record.msg = LETTER_LINK.sub("/letters/[link]", message)
            record.args = ()
        return True
