"""Reading what a stranger, a staff member's upload or another group's list hands us.

`json.loads` ends in more than `JSONDecodeError`: a document nested deeper than Python's
recursion limit raises `RecursionError`, and an integer of more than 4,300 digits raises
`ValueError` (CPython's guard against quadratic int parsing, 3.11+). Every reader of
outside JSON goes through `load_json`, so each of these ends in one refusal naming the
line, never in a server error. Documents read for intake keep no control character that
XML forbids (`document_text`).
"""

from __future__ import annotations

import json
import re
from typing import Any

# What XML 1.0 forbids and no person types: U+0000–U+001F other than tab, newline and CR.
FORBIDDEN_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def document_text(text: str) -> str:
    """A document's text as it is kept: lines end in \\n, a form feed (the page break
    PDF readers give) is a line break, and the other forbidden control characters are
    dropped. A document is not typed by the person who brings it, so it is cleaned, not
    refused; what a person types is refused instead (security.RejectNulMiddleware)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    return FORBIDDEN_CONTROL.sub("", text)


class UnreadableJson(ValueError):
    """The document cannot be read: `reason` says why in plain words, `line` is the line
    (1-based) where reading stopped, 1 when the whole document is at fault."""

    def __init__(self, reason: str, line: int = 1) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def load_json(text: str | bytes) -> Any:
    """The document in `text`; UnreadableJson when it is not JSON, nests too deeply or
    holds a number too long to read."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise UnreadableJson(f"not JSON: {error.msg}", error.lineno) from error
    except RecursionError as error:
        raise UnreadableJson("not readable: the JSON is nested too deeply") from error
    except ValueError as error:  # e.g. "Exceeds the limit (4300 digits) for integer string"
        raise UnreadableJson(f"not readable: {error}") from error


def walk_depth_safe(check: Any, document: Any) -> Any:
    """`check(document)` for a recursive checker; a document too deep to walk counts as
    unreadable (UnreadableJson) rather than a server error."""
    try:
        return check(document)
    except RecursionError as error:
        raise UnreadableJson("not readable: the JSON is nested too deeply") from error
