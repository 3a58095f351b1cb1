"""Ingesting from the web runs in the background: reading a long document takes seconds."""

from __future__ import annotations

from django_tasks import task

from solidarity.accounts.models import User

from .services.ingest import ingest_text


@task()
def ingest_document(user_id: int, text: str, name: str) -> dict[str, int | bool]:
    actor = User.objects.get(pk=user_id)
    done = ingest_text(actor, text, name=name)
    return {"source": done.source.pk, "created": done.created, "proposals": done.proposals}
