"""Staff pages for letters: the translation queue and moderation.

Translators see the letter and nothing about its writer; permission checks live in the
workflow actions (and permissions.py), the views only show what those allow.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from solidarity.accounts.permissions import Perm, require
from solidarity.registry.models import Facility, Person

from .highlight import mark, review
from .models import BatchState, Letter, PostBatch, State
from .services.blockade import findings
from .services.dispatch import (
    collect_post_batch,
    eletter_pdf,
    eletter_text,
    held_in_batches,
    mark_batch_delivered,
    mark_batch_posted,
    record_eletter_sent,
    request_post_batch,
)
from .services.replies import attach_reply
from .services.workflow import WorkflowError, advance, claim_for_translation

# What a translator's or moderator's query may read: never the writer's contact.
WITHOUT_CONTACT = ("contact",)


def translation_queue(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.LETTERS_TRANSLATE)
    letters = (
        Letter.objects.filter(state=State.NEEDS_TRANSLATION)
        .filter(Q(translator=None) | Q(translator=request.user))
        .select_related("person")
        .defer(*WITHOUT_CONTACT, "signature")
        .order_by("created_at", "id")
    )
    return render(request, "letters/staff/translation_queue.html", {"letters": letters})


@require_POST
def claim(request: HttpRequest, pk: int) -> HttpResponse:
    letter = get_object_or_404(Letter.objects.defer(*WITHOUT_CONTACT), pk=pk)
    try:
        claim_for_translation(request.user, letter)
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("letters-translation-queue")
    return redirect("letters-translate", pk=pk)


def translate(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Perm.LETTERS_TRANSLATE)
    letter = get_object_or_404(
        Letter.objects.defer(*WITHOUT_CONTACT).select_related("person"),
        pk=pk,
        translator=request.user,
    )
    error = ""
    if request.method == "POST":
        try:
            advance(
                request.user,
                letter,
                "translate",
                translation=request.POST.get("translation", ""),
                signature_translation=request.POST.get("signature_translation", ""),
            )
        except WorkflowError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Translation saved; the letter goes to moderation."))
            return redirect("letters-translation-queue")
    return render(request, "letters/staff/translate.html", {"letter": letter, "error": error})


def moderation_queue(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.LETTERS_MODERATE)
    return _moderation_page(request, {}, {})


def _moderation_page(
    request: HttpRequest, errors: dict[int, str], notes: dict[int, str]
) -> HttpResponse:
    """The queue: each letter with the pre-check's findings explained in the moderator's
    language, the flagged words marked in its text, and any refusal beside it."""
    letters = (
        Letter.objects.filter(state=State.AWAITING_MODERATION)
        .select_related("person__facility")
        .defer(*WITHOUT_CONTACT)
        .order_by("created_at", "id")
    )
    items: list[dict[str, Any]] = []
    for letter in letters:
        country = letter.person.facility.country if letter.person.facility else "RU"
        printed = letter.translation or letter.body
        findings, marked = review(printed, channel=letter.channel, country=country)
        original = mark(letter.body, []) if letter.translation else None
        items.append({
            "letter": letter, "findings": findings, "text": marked, "original": original,
            "error": errors.get(letter.pk, ""), "note": notes.get(letter.pk, ""),
            "writer_language": language_name(letter.writer_language or letter.language),
            "letter_language": language_name(letter.language),
        })  # fmt: skip
    listed = {item["letter"].pk for item in items}
    # A letter no longer waiting (another moderator took it): its problem goes on top.
    elsewhere = [f"#{pk}: {problem}" for pk, problem in errors.items() if pk not in listed]
    status = 400 if errors else 200
    context = {"items": items, "elsewhere": elsewhere}
    return render(request, "letters/staff/moderation_queue.html", context, status=status)


def _step(request: HttpRequest, pk: int, allowed: set[str], back: str) -> HttpResponse:
    require(request.user, Perm.LETTERS_MODERATE)
    letter = get_object_or_404(Letter.objects.defer(*WITHOUT_CONTACT), pk=pk)
    step = request.POST.get("step", "")
    if step not in allowed:
        messages.error(request, _("Unknown step."))
        return redirect(back)
    try:
        advance(request.user, letter, step, note=request.POST.get("note", "")[:2000])
    except WorkflowError as exc:
        messages.error(request, str(exc))
    return redirect(back)


@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve, ask for changes or reject; a refusal comes back beside the letter, with the
    note kept. Rejecting needs its confirmation box ticked (no JavaScript needed)."""
    require(request.user, Perm.LETTERS_MODERATE)
    letter = get_object_or_404(Letter.objects.defer(*WITHOUT_CONTACT), pk=pk)
    step = request.POST.get("step", "")
    note = request.POST.get("note", "")[:2000]
    if step not in {"approve", "request_changes", "reject"}:
        return _moderation_page(request, {letter.pk: _("Unknown step.")}, {letter.pk: note})
    if step == "reject" and not request.POST.get("confirm_reject"):
        problem = _("Tick “Yes, reject this letter” to reject it: the writer cannot send it again.")
        return _moderation_page(request, {letter.pk: problem}, {letter.pk: note})
    try:
        advance(request.user, letter, step, note=note)
    except WorkflowError as exc:
        return _moderation_page(request, {letter.pk: str(exc)}, {letter.pk: note})
    done = {
        "approve": _("Letter #%(n)s approved."),
        "request_changes": _("Letter #%(n)s: changes asked for."),
        "reject": _("Letter #%(n)s rejected."),
    }[step]
    messages.success(request, done % {"n": letter.pk})
    return redirect("letters-moderation-queue")


def tracking(request: HttpRequest) -> HttpResponse:
    """Letters on their way: record what the post, the service or the censor did. Filtered
    by facility (the one a letter was posted to, kept after a transfer) and by batch;
    delivered letters are listed apart, still waiting for a reply."""
    require(request.user, Perm.LETTERS_MODERATE)
    letters = Letter.objects.select_related("person", "sent_to", "person__facility").only(
        "pk", "state", "channel", "updated_at", "person__name", "sent_to__name_en",
        "sent_to__name_ru", "person__facility__name_en", "person__facility__name_ru",
    )  # fmt: skip
    chosen = _tracking_filter(request)
    # a filter naming nothing says so rather than quietly showing everything
    if request.GET.get("facility") and chosen["facility"] is None:
        messages.warning(request, _("No facility is called “%(slug)s”; all facilities are shown.")
                         % {"slug": request.GET["facility"]})  # fmt: skip
    if request.GET.get("batch") and chosen["batch"] is None:
        messages.warning(request, _("There is no batch “%(batch)s”; all batches are shown.")
                         % {"batch": request.GET["batch"]})  # fmt: skip
    if chosen["facility"] is not None:
        letters = letters.filter(
            Q(sent_to=chosen["facility"]) | Q(sent_to=None, person__facility=chosen["facility"])
        )
    if chosen["batch"] is not None:
        letters = letters.filter(pk__in=chosen["batch"].letters)
    on_the_way = letters.filter(state=State.DISPATCHED).order_by("updated_at", "pk")
    delivered = letters.filter(state=State.DELIVERED).order_by("-updated_at", "-pk")[:200]
    sent = Letter.objects.filter(state__in=[State.DISPATCHED, State.DELIVERED])
    facilities = Facility.objects.filter(
        Q(letters__in=sent) | Q(people__letters__in=sent.filter(sent_to=None))
    ).distinct()
    batches = PostBatch.objects.exclude(posted_at=None).defer("archive")[:50]
    return render(request, "letters/staff/tracking.html", {
        "letters": on_the_way, "delivered": delivered, "facilities": facilities,
        "batches": batches, **chosen,
    })  # fmt: skip


def _tracking_filter(request: HttpRequest) -> dict[str, Any]:
    facility = request.GET.get("facility", "")
    batch = request.GET.get("batch", "")
    return {
        "facility": Facility.objects.filter(slug=facility).first() if facility else None,
        "batch": PostBatch.objects.defer("archive").filter(pk=batch).first()
        if batch.isdigit()
        else None,
    }


def _batch_step(
    request: HttpRequest,
    pk: int,
    step: Callable[[Any, PostBatch], int],
    told: Callable[[int], str],
) -> PostBatch:
    """Run one step of a batch's way (posted, delivered); say how many letters it moved."""
    batch = get_object_or_404(PostBatch.objects.defer("archive"), pk=pk)
    try:
        count = step(request.user, batch)
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, told(count))
    return batch


@require_POST
def batch_posted(request: HttpRequest, pk: int) -> HttpResponse:
    _batch_step(request, pk, mark_batch_posted, lambda n: ngettext(
        "%(n)d letter marked as posted.", "%(n)d letters marked as posted.", n
    ) % {"n": n})  # fmt: skip
    return redirect("letters-dispatch")


@require_POST
def batch_delivered(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch_step(request, pk, mark_batch_delivered, lambda n: ngettext(
        "%(n)d letter marked as delivered.", "%(n)d letters marked as delivered.", n
    ) % {"n": n})  # fmt: skip
    return redirect(f"{reverse('letters-tracking')}?batch={batch.pk}")


@require_POST
def track(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, {"deliver", "return", "withhold"}, "letters-tracking")


def reply(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach what the prisoner wrote back: a scan and/or a transcription and translation."""
    require(request.user, Perm.LETTERS_MODERATE)
    letter = get_object_or_404(
        Letter.objects.defer(*WITHOUT_CONTACT).select_related("person"), pk=pk
    )
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("scan")
        scan = upload.read(settings.REPLY_SCAN_MAX_BYTES + 1) if upload else b""
        try:
            attach_reply(
                request.user,
                letter,
                scan=scan,
                transcription=request.POST.get("transcription", "")[:50_000],
                translation=request.POST.get("translation", "")[:50_000],
            )
        except WorkflowError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Reply attached; the writer can read it now."))
            return redirect("letters-tracking")
    return render(request, "letters/staff/reply.html", {"letter": letter, "error": error})


def dispatch(request: HttpRequest) -> HttpResponse:
    """Approved paper letters, by facility; one click has a worker print them as a zip."""
    require(request.user, Perm.LETTERS_MODERATE)
    if request.method == "POST":
        try:
            request_post_batch(request.user)
        except WorkflowError as exc:
            messages.error(request, str(exc))
        else:
            messages.info(
                request, _("The batch is being prepared; it appears below when it is ready.")
            )
        return redirect("letters-dispatch")
    waiting = (
        Letter.objects.filter(state=State.APPROVED, channel="post")
        .exclude(pk__in=held_in_batches())  # printed, to be posted
        .values("person__facility__name_en", "person__facility__name_ru")
        .annotate(count=Count("id"))
        .order_by("person__facility__name_en")
    )
    batches = PostBatch.objects.select_related("requested_by", "posted_by").defer("archive")[:20]
    preparing = any(batch.state == BatchState.QUEUED for batch in batches)
    context = {"waiting": waiting, "batches": batches, "preparing": preparing}
    return render(request, "letters/staff/dispatch.html", context)


def batch_download(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Perm.LETTERS_MODERATE)
    batch = get_object_or_404(PostBatch, pk=pk)
    try:
        archive = collect_post_batch(request.user, batch)
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("letters-dispatch")
    response = HttpResponse(archive, content_type="application/zip")
    stamp = timezone.localtime(batch.created_at).strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="post-{stamp}-{batch.pk}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


def eletters(request: HttpRequest) -> HttpResponse:
    """Approved e-letters: copy the text (or take the PDF), send, record the receipt."""
    require(request.user, Perm.LETTERS_MODERATE)
    waiting = (
        Letter.objects.filter(state=State.APPROVED, channel="eletter")
        .select_related("person__facility")
        .defer(*WITHOUT_CONTACT)
    )
    items = [(letter, eletter_text(letter)) for letter in waiting]
    return render(request, "letters/staff/eletters.html", {"items": items})


def eletter_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Perm.LETTERS_MODERATE)
    letter = get_object_or_404(Letter.objects.defer(*WITHOUT_CONTACT), pk=pk, channel="eletter")
    response = HttpResponse(eletter_pdf(letter), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="eletter-{letter.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def eletter_sent(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Perm.LETTERS_MODERATE)
    letter = get_object_or_404(Letter.objects.defer(*WITHOUT_CONTACT), pk=pk, channel="eletter")
    try:
        record_eletter_sent(request.user, letter, request.POST.get("receipt", ""))
    except WorkflowError as exc:
        messages.error(request, str(exc))
    return redirect("letters-eletters")


def language_name(code: str) -> str:
    """A language's name in the reader's language ("German", «немецкий»), else its code."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code or "—"


def blockades(request: HttpRequest) -> HttpResponse:
    """Prisoners whose letters probably stopped getting through, with the evidence."""
    require(request.user, Perm.LETTERS_MODERATE)
    found = findings()
    people = Person.objects.in_bulk([f.person_id for f in found])
    rows = [(f, people[f.person_id]) for f in found]
    return render(request, "letters/staff/blockades.html", {"rows": rows})
