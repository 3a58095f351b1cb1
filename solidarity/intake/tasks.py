"""Ingesting from the web runs in the background: reading a long document takes seconds,
fetching a page longer, and a crafted PDF must never hold a web worker."""

from __future__ import annotations

import base64
import datetime
from typing import Any

from django.conf import settings
from django_tasks import task

from solidarity.accounts.models import User

from .services.ingest import ingest_text


def _published(fields: dict[str, Any]) -> datetime.date | None:
    value = fields.get("published") or ""
    return datetime.date.fromisoformat(value) if value else None


def _source_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": fields.get("title") or "",
        "url": fields.get("url") or "",
        "publisher": fields.get("publisher") or "",
        "published": _published(fields),
    }


@task()
def ingest_document(
    user_id: int, text: str, name: str, fields: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Text uploaded or pasted on the desk, with the source's fields (title, url,
    publisher, published as YYYY-MM-DD) the reviewer gave or the page's metadata."""
    actor = User.objects.get(pk=user_id)
    done = ingest_text(actor, text, name=name, **_source_fields(fields or {}))
    return {"source": done.source.pk, "created": done.created, "proposals": done.proposals}


@task()
def read_and_ingest(
    user_id: int, data_b64: str, name: str, fields: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A PDF uploaded on the desk: parsed here, never in the request, in a child process
    given INTAKE_READ_SECONDS at most; then ingested like any text."""
    from .extract.pipeline import LanguageError, language_of
    from .extract.reading import ReadError, read_bytes_limited

    try:
        text = read_bytes_limited(base64.b64decode(data_b64), name, settings.INTAKE_READ_SECONDS)
        language_of(text)
    except (ReadError, LanguageError) as error:
        # an expected refusal, told to the reviewer in their language; no traceback logged
        return error.as_result()
    actor = User.objects.get(pk=user_id)
    done = ingest_text(actor, text, name=name, **_source_fields(fields or {}))
    return {"source": done.source.pk, "created": done.created, "proposals": done.proposals}


@task()
def fetch_and_ingest(user_id: int, fields: dict[str, Any]) -> dict[str, Any]:
    """An address given on the desk: fetched here within the limits of intake.fetching,
    read in a child process (a PDF as an upload would be), its metadata filling the source
    fields the reviewer left empty; then ingested like any text."""
    from .extract.pipeline import LanguageError, language_of
    from .extract.reading import Document, ReadError, read_bytes_limited, read_document_bytes
    from .fetching import FetchError, fetch, file_name

    try:
        page = fetch(fields["url"])
        name = file_name(page)
        if name.endswith(".pdf"):
            document = Document(read_bytes_limited(page.data, name, settings.INTAKE_READ_SECONDS))
        else:
            document = read_document_bytes(page.data, name)
        language_of(document.text)
    except FetchError as error:
        # an expected refusal, told to the reviewer in their language; no traceback logged
        return error.as_result()
    except (ReadError, LanguageError) as error:
        # an expected refusal, told to the reviewer in their language; no traceback logged
        return error.as_result()
    given = _source_fields(fields)
    given["title"] = given["title"] or document.title
    given["publisher"] = given["publisher"] or document.publisher
    given["published"] = given["published"] or document.published
    given["url"] = fields["url"]
    actor = User.objects.get(pk=user_id)
    done = ingest_text(actor, document.text, name=name, **given)
    return {"source": done.source.pk, "created": done.created, "proposals": done.proposals}
