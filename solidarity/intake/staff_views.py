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
from solidarity.errors import describe
from solidarity.queue import after_commit
from solidarity.registry.models import EventType, Facility, Person, Regime, Source

from .extract.pipeline import LanguageError, language_of
from .extract.reading import ReadError, read_bytes
from .models import Proposal, ProposalKind, ProposalStatus
from .services import review
from .tasks import ingest_document, read_and_ingest


def home(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.INTAKE_REVIEW)
    if request.method == "POST":
        return _upload(request)
    sources = (
        Source.objects.filter(proposals__isnull=False)
        .annotate(
            pending=Count("proposals", filter=Q(proposals__status=ProposalStatus.PENDING)),
            total=Count("proposals"),
        )
        .order_by("-created_at")
    )
    return render(request, "intake/home.html", {"sources": sources})


def _upload(request: HttpRequest) -> HttpResponse:
    upload = request.FILES.get("document")
    if upload is None:
        messages.error(request, _("Choose a file to read."))
        return redirect("intake-home")
    if upload.size is not None and upload.size > settings.INTAKE_MAX_BYTES:
        messages.error(
            request,
            _("%(name)s is larger than %(limit)s bytes.")
            % {"name": upload.name, "limit": f"{settings.INTAKE_MAX_BYTES:,}"},
        )
        return redirect("intake-home")
    name = upload.name or "document.txt"
    if name.lower().endswith(".pdf"):
        # Never parsed in the request: a crafted PDF would hold this web worker.
        data = upload.read(settings.INTAKE_MAX_BYTES + 1)
        if not data.startswith(b"%PDF"):
            messages.error(request, f"{name}: not a PDF file")  # as ReadError says it
            return redirect("intake-home")
        after_commit(read_and_ingest, int(str(request.user.pk)),
                     base64.b64encode(data).decode("ascii"), name)  # fmt: skip
        messages.info(
            request,
            _("%(name)s is being read in the background; it appears below when done.")
            % {"name": name},
        )
        return redirect("intake-home")
    try:
        text = read_bytes(upload.read(), name)
        language_of(text)
    except ReadError as error:
        messages.error(request, str(error))
        return redirect("intake-home")
    except LanguageError as error:
        messages.error(request, f"{name}: {error}")
        return redirect("intake-home")
    after_commit(ingest_document, int(str(request.user.pk)), text, name)
    messages.info(
        request,
        _("%(name)s is being read in the background; it appears below when done.") % {"name": name},
    )
    return redirect("intake-home")


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
    context = {
        "source": document,
        "people": [p for p in proposals if p.kind in (ProposalKind.PERSON, ProposalKind.LINK)],
        "facts": [p for p in proposals if p.kind not in (ProposalKind.PERSON, ProposalKind.LINK)],
        "segments": _segments(document.text, proposals),
        "settled": settled,
        "event_types": EventType.choices,
        "regimes": Regime.choices,
        "facilities": Facility.objects.only("slug", "name_en", "name_ru").order_by("name_en"),
    }
    return render(request, "intake/source.html", context)


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
