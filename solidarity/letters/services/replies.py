"""Replies from prisoners: the scan kept encrypted with the reply, the writer told by email."""

from __future__ import annotations

import base64
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from solidarity.queue import after_commit

from ..models import Letter, Reply
from ..tasks import tell_writer
from .workflow import WorkflowError, advance

# Recognised by their first bytes, not by the name or type the browser claims.
SCAN_TYPES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}


def scan_type(data: bytes) -> str:
    for magic, mime in SCAN_TYPES.items():
        if data.startswith(magic):
            return mime
    return ""


def read_scan(reply: Reply) -> bytes:
    return base64.b64decode(reply.scan) if reply.scan else b""


def attach_reply(
    actor: Any, letter: Letter, *, scan: bytes = b"", transcription: str = "",
    translation: str = "",
) -> Reply:  # fmt: skip
    if not (scan or transcription.strip()):
        raise WorkflowError(_("Attach a scan or type the reply."))
    mime = ""
    if scan:
        if len(scan) > settings.REPLY_SCAN_MAX_BYTES:
            raise WorkflowError(
                _("The scan is larger than %(size)s MB.")
                % {"size": settings.REPLY_SCAN_MAX_BYTES // (1024 * 1024)}
            )
        mime = scan_type(scan)
        if not mime:
            raise WorkflowError(_("The scan must be a PDF, JPEG or PNG file."))
    with transaction.atomic():
        letter = advance(actor, letter, "answer")
        reply = Reply.objects.create(
            letter=letter, transcription=transcription, translation=translation,
            scan=base64.b64encode(scan).decode("ascii") if scan else "", scan_type=mime,
        )  # fmt: skip
        after_commit(tell_writer, letter.pk, "reply")
    return reply
