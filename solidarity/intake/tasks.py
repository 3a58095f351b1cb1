"""Ingesting from the web runs in the background: reading a long document takes seconds."""

from __future__ import annotations

import base64

from django.conf import settings
from django_tasks import task

from solidarity.accounts.models import User

from .services.ingest import ingest_text


@task()
def ingest_document(user_id: int, text: str, name: str) -> dict[str, int | bool]:
    actor = User.objects.get(pk=user_id)
    done = ingest_text(actor, text, name=name)
    return {"source": done.source.pk, "created": done.created, "proposals": done.proposals}


@task()
def read_and_ingest(user_id: int, data_b64: str, name: str) -> dict[str, int | bool]:
    """A PDF uploaded on the desk: parsed here, never in the request, in a child process
    given INTAKE_READ_SECONDS at most; then ingested like any text."""
    from .extract.pipeline import language_of
    from .extract.reading import read_bytes_limited

    text = read_bytes_limited(base64.b64decode(data_b64), name, settings.INTAKE_READ_SECONDS)
    language_of(text)
    actor = User.objects.get(pk=user_id)
    done = ingest_text(actor, text, name=name)
    return {"source": done.source.pk, "created": done.created, "proposals": done.proposals}
