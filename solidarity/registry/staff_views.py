"""The registry desk (/staff/registry/): coordinators keep the registry true.

Plain function views over registry.actions: a view checks the role, reads a form and
calls one action; every write, audit entry and consequence happens in the action. Works
without JavaScript.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from solidarity.accounts.models import AuditEntry
from solidarity.accounts.permissions import Perm, allowed, require

from . import actions, extensions, release
from . import models as m
from .desk_forms import (
    AliasForm,
    CaseForm,
    ChargeForm,
    ConsentForm,
    EventForm,
    FacilityForm,
    MergeForm,
    NewPersonForm,
    PersonForm,
    PhotoForm,
    RecognitionForm,
    SentenceForm,
    TransferForm,
)
from .services.citations import attach_citations
from .services.duplicates import likely_duplicates
from .services.search import filter_by_name


def _attach(form: Any, error: ValidationError) -> None:
    """An action's refusal, beside the field it names (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


def people(request: HttpRequest) -> HttpResponse:
    """Find anyone in the registry, hidden people included (staff only)."""
    require(request.user, Perm.REGISTRY_VIEW)
    query = request.GET.get("q", "").strip()[:200]
    found: QuerySet[m.Person] = m.Person.objects.select_related("status", "facility")
    if query:
        found = filter_by_name(found, query, hidden=True)
    gone = request.GET.get("gone") == "1"
    if gone:  # rows another group's list no longer has: to check and update
        found = found.filter(list_entries__gone_since__isnull=False).distinct()
    page = Paginator(found.order_by("name_latin", "id"), 50).get_page(request.GET.get("page"))
    return render(request, "registry/desk/people.html", {
        "page": page, "q": query, "can_edit": allowed(request.user, Perm.REGISTRY_EDIT),
        "gone": gone, "gone_count": m.ListEntry.objects.filter(gone_since__isnull=False).count(),
    })  # fmt: skip


def person_new(request: HttpRequest) -> HttpResponse:
    """Create a person; likely duplicates are shown first and must be set aside on purpose."""
    require(request.user, Perm.REGISTRY_EDIT)
    form = NewPersonForm(request.POST or None)
    duplicates: list[m.Person] = []
    if request.method == "POST" and not form.is_valid() and form.cleaned_data.get("name"):
        # Say it now, beside the other problem, not only on the next save.
        duplicates = likely_duplicates(form.cleaned_data["name"])
    if request.method == "POST" and form.is_valid():
        born = form.cleaned_data.get("birth_date")
        duplicates = [*likely_duplicates(form.cleaned_data["name"], birth_date=born),
                      *likely_duplicates(form.cleaned_data.get("name_latin") or "",
                                         birth_date=born)]  # fmt: skip
        duplicates = list({p.pk: p for p in duplicates}.values())
        if duplicates and not form.cleaned_data.get("not_a_duplicate"):
            form.add_error(
                "not_a_duplicate", _("Someone with this name is in the registry already.")
            )
        else:
            try:
                person = actions.create_person(request.user, form.values())
            except ValidationError as error:
                _attach(form, error)
            else:
                messages.success(request, _("%(name)s is in the registry.") % {"name": person})
                return redirect("desk-person", slug=person.slug)
    return render(request, "registry/desk/person_form.html", {
        "form": form, "duplicates": duplicates, "person": None,
    })  # fmt: skip


def person(request: HttpRequest, slug: str) -> HttpResponse:
    """Everything about one person, with the forms that change it."""
    require(request.user, Perm.REGISTRY_VIEW)
    found = m.Person.objects.select_related("status", "facility").filter(slug=slug).first()
    if found is None:
        # A merged-away record, or a hidden person's random slug replaced on consent.
        moved = get_object_or_404(m.PersonRedirect.objects.select_related("person"), slug=slug)
        return redirect("desk-person", slug=moved.person.slug)
    return render(request, "registry/desk/person.html", _person_context(request, found))


def _person_context(request: HttpRequest, found: m.Person, **forms: Any) -> dict[str, Any]:
    charges = list(found.charges.select_related("article__code", "case"))
    sentences = list(found.sentences.select_related("case").prefetch_related("custody_periods"))
    for sentence in sentences:
        sentence.computation = release.for_sentence(sentence, charges)  # type: ignore[attr-defined]
    events = list(found.events.select_related("facility", "case"))
    attach_citations([found, *charges, *sentences, *events])
    history = _readable_history(
        AuditEntry.objects.filter(
            Q(object_type="registry.person", object_id=str(found.pk)) | Q(details__person=found.pk)
        ).order_by("-id")[:100]
    )
    return {
        "person": found, "aliases": found.aliases.all(), "cases": found.cases.all(),
        "case_warnings": [
            (case, hidden) for case in m.Case.objects.public().filter(defendants=found)
            if (hidden := case.hidden_names_in_name())
        ],
        "charges": charges, "sentences": sentences,
        "events": events,
        "consents": found.consent_records.select_related("recorded_by"),
        "history": history, "can_edit": allowed(request.user, Perm.REGISTRY_EDIT),
        "transfer_form": forms.get("transfer_form")
        or TransferForm(initial={"version": found.version}),
        "consent_form": forms.get("consent_form") or ConsentForm(),
        "merge_form": forms.get("merge_form") or MergeForm(),
        "charge_form": forms.get("charge_form")
        or ChargeForm(initial={**_one_case(found), "code": found.country or "RU"}),
        "sentence_form": forms.get("sentence_form") or SentenceForm(initial=_one_case(found)),
        "event_form": forms.get("event_form") or EventForm(),
        "recognition_form": forms.get("recognition_form") or RecognitionForm(),
        "alias_form": forms.get("alias_form") or AliasForm(),
        "photo_form": forms.get("photo_form") or PhotoForm(),
        "photo": m.PersonPhoto.objects.filter(person=found).only("width", "height").first(),
        "recognitions": found.recognitions.all(),
        "lists": found.list_entries.all(),
        "duplicates": likely_duplicates(found.name, birth_date=found.birth_date,
                                        exclude=found.pk)[:5],
    }  # fmt: skip


ACTIONS = {
    "registry.person.create": gettext_lazy("created"),
    "registry.person.update": gettext_lazy("changed"),
    "registry.person.transfer": gettext_lazy("transfer"),
    "registry.person.consent": gettext_lazy("consent"),
    "registry.person.merge": gettext_lazy("merged"),
    "registry.person.alias": gettext_lazy("other name added"),
    "registry.person.tags": gettext_lazy("tags"),
    "registry.person.photo": gettext_lazy("photo added"),
    "registry.person.photo_remove": gettext_lazy("photo removed"),
    "registry.person.recognition": gettext_lazy("recognition added"),
    "registry.case.create": gettext_lazy("created"),
    "registry.case.update": gettext_lazy("changed"),
    "registry.charge.create": gettext_lazy("charge added"),
    "registry.sentence.create": gettext_lazy("sentence added"),
    "registry.event.create": gettext_lazy("event added"),
    "registry.charge.update": gettext_lazy("charge changed"),
    "registry.sentence.update": gettext_lazy("sentence changed"),
    "registry.event.update": gettext_lazy("event changed"),
    "registry.list.entry": gettext_lazy("list entry"),
    "registry.facility.create": gettext_lazy("created"),
    "registry.facility.update": gettext_lazy("changed"),
}
# Foreign keys in the history shown by name, not by number.
NAMED = {"status": m.PersonStatus, "facility": m.Facility, "case": m.Case}


def _readable_history(entries: Any) -> list[dict[str, Any]]:
    """Audit entries as the desk shows them: what happened in words, and each field's
    previous and new value (names for statuses, facilities and cases)."""
    entries = list(entries)
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        fields = (entry.details or {}).get("fields")
        if isinstance(fields, dict):
            for name, change in fields.items():
                if name in NAMED and change:
                    wanted.setdefault(name, set()).update(
                        v for v in (change.get("from"), change.get("to")) if isinstance(v, int)
                    )
    names_of = {name: {o.pk: o.tr("name") if hasattr(o, "tr") else str(o)
                       for o in NAMED[name].objects.filter(pk__in=ids)}  # type: ignore[attr-defined]
                for name, ids in wanted.items()}  # fmt: skip
    rows = []
    for entry in entries:
        fields = (entry.details or {}).get("fields")
        changes: list[tuple[Any, ...]] = []
        if isinstance(fields, dict):
            for name, change in fields.items():
                if change is None:
                    changes.append((name, None, None, False))
                    continue
                old, new = change.get("from"), change.get("to")
                if name in names_of:
                    old, new = names_of[name].get(old, old), names_of[name].get(new, new)
                if isinstance(old, bool) or isinstance(new, bool):
                    old, new = _yes_no(old), _yes_no(new)
                changes.append((name, old, new, True))
            changes = [(_field_label(entry.object_type, n), *rest) for n, *rest in changes]
        what = ACTIONS.get(entry.action, entry.action)
        rows.append({"at": entry.created_at, "who": entry.actor_name, "what": what,
                     "changes": changes})  # fmt: skip
    return rows


def _yes_no(value: Any) -> Any:
    return (_("yes") if value else _("no")) if isinstance(value, bool) else value


def _field_label(object_type: str, name: str) -> str:
    """A field's name as its form labels it ("consents to publishing a photo"), for the
    change history; the stored name when the model or field is unknown."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    try:
        field = apps.get_model(object_type)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return name
    return str(getattr(field, "verbose_name", name))


def _one_case(person: m.Person) -> dict[str, str]:
    cases = list(person.cases.values_list("slug", flat=True)[:2])
    return {"case": cases[0]} if len(cases) == 1 else {}


def _case_of(form: ChargeForm | SentenceForm) -> m.Case | str:
    return form.cleaned_data.get("case_obj") or form.cleaned_data["new_case"]


def person_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Change a person's own fields; a save over someone else's newer save is refused."""
    require(request.user, Perm.REGISTRY_EDIT)
    found = get_object_or_404(m.Person, slug=slug)
    form = PersonForm(request.POST or None, instance=found, initial={"version": found.version})
    if request.method == "POST" and form.is_valid():
        # form.is_valid() wrote the typed values onto `found`; the action reads its own.
        fresh = m.Person.objects.get(pk=found.pk)
        try:
            actions.update_person(request.user, fresh, form.values(),
                                  version=form.cleaned_data.get("version"))  # fmt: skip
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("desk-person", slug=fresh.slug)
    return render(request, "registry/desk/person_form.html", {
        "form": form, "person": found, "duplicates": [],
    })  # fmt: skip


def _posted(request: HttpRequest, slug: str) -> m.Person:
    require(request.user, Perm.REGISTRY_EDIT)
    return get_object_or_404(m.Person.objects.select_related("status", "facility"), slug=slug)


@require_POST
def person_transfer(request: HttpRequest, slug: str) -> HttpResponse:
    """ "Moved to": a transfer event, letters re-addressed, writers told (actions)."""
    found = _posted(request, slug)
    form = TransferForm(request.POST)
    if form.is_valid():
        try:
            actions.transfer_person(request.user, found, form.cleaned_data["facility"],
                                    date=form.cleaned_data.get("date"),
                                    version=form.cleaned_data.get("version"))  # fmt: skip
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("Transfer recorded; the writers of letters on their "
                                        "way are told."))  # fmt: skip
            return redirect(reverse("desk-person", args=[slug]) + "#timeline")
    context = _person_context(request, found, transfer_form=form)
    return render(request, "registry/desk/person.html", context, status=400)


@require_POST
def person_consent(request: HttpRequest, slug: str) -> HttpResponse:
    """Consent given or withdrawn, with how and when; the history is kept."""
    found = _posted(request, slug)
    form = ConsentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_consent(request.user, found, data["scope"], data["granted"],
                                   method=data["method"], given_on=data.get("given_on"),
                                   note=data.get("note") or "")  # fmt: skip
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("Consent recorded."))
            # found.slug: consent to the name gives a hidden person's record its own slug
            return redirect(reverse("desk-person", args=[found.slug]) + "#consent")
    context = _person_context(request, found, consent_form=form)
    return render(request, "registry/desk/person.html", context, status=400)


@require_POST
def person_merge(request: HttpRequest, slug: str) -> HttpResponse:
    """The other record is the same human being: everything moves here, its address
    redirects here."""
    found = _posted(request, slug)
    form = MergeForm(request.POST)
    if form.is_valid():
        try:
            actions.merge_people(request.user, found, form.cleaned_data["other"])
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("Merged."))
            return redirect("desk-person", slug=slug)
    context = _person_context(request, found, merge_form=form)
    return render(request, "registry/desk/person.html", context, status=400)


def _fact(
    request: HttpRequest, slug: str, form_class: Any, key: str, anchor: str, write: Any
) -> HttpResponse:
    """POST of one of the person page's fact forms: on success back to its section, else the
    page again with the form's errors beside their fields and what was typed kept."""
    found = _posted(request, slug)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            write(found, form)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(reverse("desk-person", args=[slug]) + anchor)
    context = _person_context(request, found, **{key: form})
    return render(request, "registry/desk/person.html", context, status=400)


@require_POST
def person_charge(request: HttpRequest, slug: str) -> HttpResponse:
    """A charge: code, article, part, stage (preparation, attempt), in a case."""

    def write(person: m.Person, form: ChargeForm) -> None:
        data = form.cleaned_data
        actions.add_charge(request.user, person, _case_of(form), data["article_obj"],
                           part=data.get("part") or "", stage=data.get("stage") or "",
                           date=data.get("date"))  # fmt: skip

    return _fact(request, slug, ChargeForm, "charge_form", "#cases", write)


@require_POST
def person_sentence(request: HttpRequest, slug: str) -> HttpResponse:
    """A sentence with its custody periods; the page then shows the release date."""

    def write(person: m.Person, form: SentenceForm) -> None:
        actions.add_sentence(request.user, person, _case_of(form), form.values(),
                             custody=form.custody())  # fmt: skip

    return _fact(request, slug, SentenceForm, "sentence_form", "#cases", write)


@require_POST
def person_event(request: HttpRequest, slug: str) -> HttpResponse:
    """An event on the timeline, with the source and the words quoted from it."""

    def write(person: m.Person, form: EventForm) -> None:
        data = form.cleaned_data
        text_field = "text_ru" if request.LANGUAGE_CODE == "ru" else "text_en"
        values = {"type": data["type"], "date": data.get("date"), "facility": data.get("facility"),
                  "place": data.get("place") or "", text_field: data.get("text") or ""}  # fmt: skip
        source = None
        if data.get("quote"):
            source = {"title": data.get("source_title") or data.get("source_url"),
                      "url": data.get("source_url") or "",
                      "publisher": data.get("source_publisher") or "",
                      "published_on": data.get("source_date"), "quote": data["quote"]}  # fmt: skip
        actions.add_event(request.user, person, values, source=source)

    return _fact(request, slug, EventForm, "event_form", "#timeline", write)


# --- facilities --------------------------------------------------------------------------


def facilities(request: HttpRequest) -> HttpResponse:
    """The directory of facilities, found by name in any script."""
    require(request.user, Perm.REGISTRY_VIEW)
    query = request.GET.get("q", "").strip()[:200]
    found = m.Facility.objects.annotate(held=Count("people")).order_by("country", "name_en")
    if query:
        found = found.filter(Q(name_en__icontains=query) | Q(name_ru__icontains=query)
                             | Q(aliases__name__icontains=query)).distinct()  # fmt: skip
    page = Paginator(found, 100).get_page(request.GET.get("page"))
    return render(request, "registry/desk/facilities.html", {
        "page": page, "q": query, "can_edit": allowed(request.user, Perm.REGISTRY_EDIT),
    })  # fmt: skip


def _row_history(obj: Any) -> list[dict[str, Any]]:
    """The readable change history of one registry row (a facility, a case): its newest
    100 audit entries."""
    entries = AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    return _readable_history(entries.order_by("-id")[:100])


def facility(request: HttpRequest, slug: str) -> HttpResponse:
    """One facility: its address, the people held there (hidden people too, for staff),
    and what the apps above the registry add (letters: the facility's letter history)."""
    require(request.user, Perm.REGISTRY_VIEW)
    found = get_object_or_404(m.Facility, slug=slug)
    history = _row_history(found)
    return render(request, "registry/desk/facility.html", {
        "facility": found, "people": found.people.select_related("status").order_by("name"),
        "aliases": found.aliases.all(), "history": history,
        "parts": extensions.facility_parts(request, found),
        "can_edit": allowed(request.user, Perm.REGISTRY_EDIT),
    })  # fmt: skip


def facility_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """Create (no slug) or change a facility of the directory."""
    require(request.user, Perm.REGISTRY_EDIT)
    found = get_object_or_404(m.Facility, slug=slug) if slug else None
    form = FacilityForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        current = m.Facility.objects.get(pk=found.pk) if found else None
        try:
            saved = actions.save_facility(request.user, current, form.values())
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("desk-facility", slug=saved.slug)
    return render(request, "registry/desk/facility_form.html", {"form": form, "facility": found})


# --- cases --------------------------------------------------------------------------------


def cases(request: HttpRequest) -> HttpResponse:
    """Every case, found by name in either language, with its defendants counted and
    whether the public site shows it."""
    require(request.user, Perm.REGISTRY_VIEW)
    query = request.GET.get("q", "").strip()[:200]
    found = m.Case.objects.annotate(accused=Count("defendants")).order_by("name_en", "id")
    if query:
        # Compared here, not with icontains: SQLite folds the case of ASCII letters only,
        # and staff type Cyrillic names in lower case. Cases number thousands at most.
        wanted = query.casefold()
        names_of = m.Case.objects.values_list("pk", "name_en", "name_ru")
        matching = [pk for pk, en, ru in names_of if wanted in f"{en}\n{ru}".casefold()]
        found = found.filter(pk__in=matching)
    public = set(m.Case.objects.public().values_list("pk", flat=True))
    page = Paginator(found, 100).get_page(request.GET.get("page"))
    return render(request, "registry/desk/cases.html", {
        "page": page, "q": query, "public": public,
    })  # fmt: skip


def case(request: HttpRequest, slug: str) -> HttpResponse:
    """One case: its defendants (hidden ones too, for staff), their charges in it, and a
    warning when it is published with a hidden defendant's name in its name or description."""
    require(request.user, Perm.REGISTRY_VIEW)
    found = get_object_or_404(m.Case, slug=slug)
    history = _row_history(found)
    published = m.Case.objects.public().filter(pk=found.pk).exists()
    return render(request, "registry/desk/case.html", {
        "case": found, "published": published,
        "hidden_names": found.hidden_names_in_name() if published else [],
        "defendants": found.defendants.select_related("status").order_by("name_latin", "id"),
        "charges": found.charges.select_related("article__code", "person"),
        "history": history, "can_edit": allowed(request.user, Perm.REGISTRY_EDIT),
    })  # fmt: skip


def case_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Rename a case (e.g. one named after a defendant who has not consented), describe it,
    or publish it on its own."""
    require(request.user, Perm.REGISTRY_EDIT)
    found = get_object_or_404(m.Case, slug=slug)
    form = CaseForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_case(request.user, m.Case.objects.get(pk=found.pk), form.values())
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("desk-case", slug=found.slug)
    return render(request, "registry/desk/case_form.html", {"form": form, "case": found})


# --- readers' reports --------------------------------------------------------------------


def reports(request: HttpRequest) -> HttpResponse:
    """The queue of readers' reports of inaccuracies, open first."""
    require(request.user, Perm.REGISTRY_VIEW)
    shown = m.InaccuracyReport.objects.select_related("person", "handled_by")
    if request.GET.get("all") != "1":
        shown = shown.filter(status=m.ReportStatus.OPEN)
    return render(request, "registry/desk/reports.html", {
        "reports": shown[:200], "all": request.GET.get("all") == "1",
        "can_edit": allowed(request.user, Perm.REGISTRY_EDIT),
    })  # fmt: skip


@require_POST
def report_settle(request: HttpRequest, pk: int) -> HttpResponse:
    """Corrected (after changing the record on the desk) or dismissed, with a note."""
    require(request.user, Perm.REGISTRY_EDIT)
    report = get_object_or_404(m.InaccuracyReport, pk=pk)
    try:
        actions.settle_report(request.user, report, request.POST.get("status", ""),
                              request.POST.get("note", ""))  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect(reverse("desk-reports") + f"#report-{pk}")


@require_POST
def person_recognition(request: HttpRequest, slug: str) -> HttpResponse:
    """Recognition as a political prisoner: by whom, when, the statement."""

    def write(person: m.Person, form: RecognitionForm) -> None:
        data = form.cleaned_data
        actions.add_recognition(request.user, person, data["by"], on=data.get("on"),
                                url=data.get("url") or "")  # fmt: skip

    return _fact(request, slug, RecognitionForm, "recognition_form", "#recognition", write)


@require_POST
def person_alias(request: HttpRequest, slug: str) -> HttpResponse:
    """Another name or spelling (search finds the person by it); or, with `remove`, one
    taken away."""
    if request.POST.get("remove"):
        found = _posted(request, slug)
        alias = get_object_or_404(m.PersonAlias, pk=request.POST["remove"], person=found)
        actions.remove_alias(request.user, alias)
        return redirect(reverse("desk-person", args=[slug]))

    def write(person: m.Person, form: AliasForm) -> None:
        actions.add_alias(request.user, person, form.cleaned_data["name"])

    return _fact(request, slug, AliasForm, "alias_form", "", write)


@require_POST
def person_photo(request: HttpRequest, slug: str) -> HttpResponse:
    """A photo uploaded (stripped of metadata and resized by the action), or, with
    `remove`, taken away."""
    found = _posted(request, slug)
    if request.POST.get("remove"):
        actions.remove_photo(request.user, found)
        messages.success(request, _("Photo removed."))
        return redirect(reverse("desk-person", args=[found.slug]) + "#photo")
    form = PhotoForm(request.POST, request.FILES)
    upload = request.FILES.get("photo-photo")
    try:
        data = upload.read(settings.PHOTO_MAX_BYTES + 1) if upload is not None else b""
        actions.set_photo(request.user, found, data)
    except ValidationError as error:
        form.is_valid()
        _attach(form, error)
    else:
        messages.success(request, _("Photo saved."))
        return redirect(reverse("desk-person", args=[found.slug]) + "#photo")
    context = _person_context(request, found, photo_form=form)
    return render(request, "registry/desk/person.html", context, status=400)


def person_photo_image(request: HttpRequest, slug: str) -> HttpResponse:
    """The stored photo, for staff whatever the consent (the response is never cached)."""
    require(request.user, Perm.REGISTRY_VIEW)
    photo = get_object_or_404(m.PersonPhoto, person__slug=slug)
    return HttpResponse(photo.jpeg(), content_type="image/jpeg")
