"""The review desk: documents read in, and what the machine proposes from each."""

from __future__ import annotations

import base64
import itertools
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from solidarity.accounts.permissions import Perm, require
from solidarity.errors import describe, said
from solidarity.registry.models import (
    Charge,
    Event,
    EventType,
    Facility,
    Person,
    Regime,
    Sentence,
    Source,
)

from .extract.pipeline import LanguageError, language_of
from .extract.reading import ReadError, read_document_bytes
from .forms import DocumentForm
from .models import Proposal, ProposalKind, ProposalStatus
from .services import review
from .tasks import fetch_and_ingest, ingest_document, read_and_ingest

_READING = "intake_reading"  # session: [[task result id, document name], …] of this reviewer


def home(request: HttpRequest) -> HttpResponse:
    """Documents read in, the form to read another (a file, pasted text or an address), and
    this reviewer's documents still being read (the page offers a reload, and reloads itself
    with JavaScript, until they are done)."""
    require(request.user, Perm.INTAKE_REVIEW)
    form = DocumentForm()
    status = 200
    if request.method == "POST" and "dismiss" in request.POST:
        request.session[_READING] = [
            item for item in request.session.get(_READING, [])
            if item[0] != request.POST["dismiss"]
        ]  # fmt: skip
        return redirect("intake-home")
    if request.method == "POST":
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            queued = _queue(request, form)
            if queued:
                return redirect("intake-home")
        status = 400
    sources = (
        Source.objects.filter(proposals__isnull=False)
        .annotate(
            pending=Count("proposals", filter=Q(proposals__status=ProposalStatus.PENDING)),
            total=Count("proposals"),
        )
        .order_by("-created_at")
    )
    reading, done = _reading(request)
    context = {"sources": sources, "form": form, "reading": reading, "done": done}
    return render(request, "intake/home.html", context, status=status)


def _reading(request: HttpRequest) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """This reviewer's documents still being read, and those finished since the last look
    (read: a link; refused: the reason), which are then forgotten."""
    from django_tasks import TaskResultStatus, default_task_backend
    from django_tasks.exceptions import TaskResultDoesNotExist

    reading, done, keep = [], [], []
    for result_id, name in request.session.get(_READING, []):
        try:
            result = default_task_backend.get_result(result_id)
        except TaskResultDoesNotExist:
            continue
        if result.status in (TaskResultStatus.READY, TaskResultStatus.RUNNING):
            reading.append({"name": name})
            keep.append([result_id, name])
        elif result.status == TaskResultStatus.SUCCESSFUL and "error" not in (
            result.return_value or {}
        ):
            done.append({"name": name, "source": (result.return_value or {}).get("source")})
        else:
            value = result.return_value or {}
            if "template" in value:
                reason = said(value)
            elif "error" in value:
                reason = str(value["error"])
            else:
                last = result.errors[-1].traceback.strip().splitlines()[-1] if result.errors else ""
                reason = last.split(": ", 1)[1] if ": " in last else _("it could not be read")
            # a refusal stays listed until the reviewer dismisses it
            done.append({"name": name, "error": reason, "id": result_id})
            keep.append([result_id, name])
    request.session[_READING] = keep
    return reading, done


def _queue(request: HttpRequest, form: DocumentForm) -> bool:
    """Queue the document for reading; False (with the error on the form) when refused."""
    fields = form.source_fields()
    user_id = int(str(request.user.pk))
    upload = form.cleaned_data.get("document")
    text = (form.cleaned_data.get("text") or "").strip()
    if upload is not None:
        if upload.size is not None and upload.size > settings.INTAKE_MAX_BYTES:
            form.add_error(
                "document",
                _("%(name)s is larger than %(limit)s bytes.")
                % {"name": upload.name, "limit": f"{settings.INTAKE_MAX_BYTES:,}"},
            )
            return False
        name = upload.name or "document.txt"
        data = upload.read(settings.INTAKE_MAX_BYTES + 1)
        if name.lower().endswith(".pdf"):
            # Never parsed in the request: a crafted PDF would hold this web worker.
            if not data.startswith(b"%PDF"):
                form.add_error("document", _("%(name)s: not a PDF file") % {"name": name})
                return False
            result = read_and_ingest.enqueue(
                user_id, base64.b64encode(data).decode("ascii"), name, fields
            )
        else:
            try:
                document = read_document_bytes(data, name)
                language_of(document.text)
            except ReadError as error:
                form.add_error("document", said(error))
                return False
            except LanguageError as error:
                form.add_error("document", f"{name}: {said(error)}")
                return False
            fields["title"] = fields["title"] or document.title
            fields["publisher"] = fields["publisher"] or document.publisher
            if not fields["published"] and document.published:
                fields["published"] = document.published.isoformat()
            result = ingest_document.enqueue(user_id, document.text, name, fields)
    elif text:
        name = fields["title"] or _("pasted text")
        try:
            language_of(text)
        except LanguageError as error:
            form.add_error("text", said(error))
            return False
        result = ingest_document.enqueue(user_id, text, name, fields)
    else:
        name = fields["url"]
        result = fetch_and_ingest.enqueue(user_id, fields)
    request.session[_READING] = [*request.session.get(_READING, []), [str(result.id), name]]
    messages.info(
        request,
        _("%(name)s is being read in the background; it appears below when done.") % {"name": name},
    )
    return True


def _segments(text: str, proposals: list[Proposal]) -> list[dict[str, Any]]:
    """The text cut where proposals start and end, each piece with the proposals over it."""
    cuts = {0, len(text)}
    for p in proposals:
        cuts |= {p.start, p.end}
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    pieces = []
    for a, b in itertools.pairwise(points):
        over = [p.pk for p in proposals if p.start <= a and b <= p.end]
        pieces.append({"text": text[a:b], "ids": over})
    return pieces


def source(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Perm.INTAKE_REVIEW)
    document = get_object_or_404(Source, pk=pk)
    proposals = list(
        Proposal.objects.filter(source=document).select_related("person", "reviewed_by")
    )
    settled = {
        p.subject: p.person
        for p in proposals
        if p.kind in (ProposalKind.PERSON, ProposalKind.LINK)
        and p.status in (ProposalStatus.ACCEPTED, ProposalStatus.MERGED)
    }
    facts = [p for p in proposals if p.kind not in (ProposalKind.PERSON, ProposalKind.LINK)]
    known = _known(proposals, settled)
    for fact in facts:
        fact.known = fact.pk in known  # type: ignore[attr-defined]
    context = {
        "source": document,
        "people": [p for p in proposals if p.kind in (ProposalKind.PERSON, ProposalKind.LINK)],
        "facts": facts,
        "segments": _segments(document.text, proposals),
        "settled": settled,
        "event_types": EventType.choices,
        "regimes": Regime.choices,
        "facilities": Facility.objects.only("slug", "name_en", "name_ru").order_by("name_en"),
    }
    return render(request, "intake/source.html", context)


def _known(proposals: list[Proposal], settled: dict[str, Person | None]) -> set[int]:
    """The pending charge, sentence and event proposals the registry already holds for their
    person (linked, accepted or merged): the same article, the same term in months, the same
    event type on the same date (or both undated)."""
    people = dict(settled)
    for p in proposals:
        if p.kind == ProposalKind.LINK and p.person is not None:
            people.setdefault(p.subject, p.person)
    ids = {person.pk for person in people.values() if person is not None}
    charges: dict[int, set[str]] = {}
    for person_id, number in Charge.objects.filter(person_id__in=ids).values_list(
        "person_id", "article__number"
    ):
        charges.setdefault(person_id, set()).add(number)
    terms: dict[int, set[int]] = {}
    for person_id, years, months in Sentence.objects.filter(person_id__in=ids).values_list(
        "person_id", "years", "months"
    ):
        terms.setdefault(person_id, set()).add(years * 12 + months)
    events: dict[int, set[tuple[str, str]]] = {}
    for person_id, kind, date in Event.objects.filter(person_id__in=ids).values_list(
        "person_id", "type", "date"
    ):
        events.setdefault(person_id, set()).add((kind, str(date) if date else ""))
    known = set()
    for p in proposals:
        person = people.get(p.subject)
        if p.status != ProposalStatus.PENDING or person is None:
            continue
        article = str(p.data.get("article", "")).replace("-", ".")
        if p.kind == ProposalKind.CHARGE and article in charges.get(person.pk, set()):
            known.add(p.pk)
        elif p.kind == ProposalKind.SENTENCE and p.data.get("months") in terms.get(person.pk, ()):
            known.add(p.pk)
        elif p.kind == ProposalKind.EVENT and (
            p.data.get("type"),
            p.data.get("date") or "",
        ) in events.get(person.pk, set()):
            known.add(p.pk)
    return known


_NOT_VALUES = ("action", "csrfmiddlewaretoken", "reason", "merge_into")


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Perm.INTAKE_REVIEW)
    proposal = get_object_or_404(Proposal, pk=pk)
    action = request.POST.get("action")
    try:
        if action == "accept":
            edited = {k: v for k, v in request.POST.items() if k not in _NOT_VALUES}
            review.accept(request.user, proposal, edited or None)
            messages.success(request, _("Accepted: %(what)s") % {"what": proposal})
        elif action == "reject":
            review.reject(request.user, proposal, request.POST.get("reason", ""))
            messages.success(request, _("Rejected: %(what)s") % {"what": proposal})
        elif action == "merge":
            person = get_object_or_404(Person, pk=request.POST.get("merge_into") or 0)
            review.merge(request.user, proposal, person)
            messages.success(request, _("Merged into %(name)s") % {"name": person.name})
        else:
            messages.error(request, _("Unknown action."))
    except ValidationError as error:
        messages.error(request, f"{proposal}: " + "; ".join(describe(error)))
    url = reverse("intake-source", args=[proposal.source_id])
    return redirect(f"{url}#proposal-{proposal.pk}")
