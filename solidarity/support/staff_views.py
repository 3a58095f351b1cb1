"""Staff pages of the support desk: dashboard, needs, money and evenings."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from solidarity.accounts.permissions import Perm, allowed, require
from solidarity.errors import describe
from solidarity.registry import release
from solidarity.registry.models import Person, Sentence
from solidarity.registry.services.search import filter_by_name

from .models import Entry, EntryKind, Evening, IncomeSource, Need, NeedKind, NeedStatus, Urgency
from .pdf import packet_pdf
from .services import evenings, ledger, needs


def _back(request: HttpRequest) -> HttpResponse:
    """Back to the page the money form was on (`next`, a path on this site), else the money
    page: a `next` pointing at another host, or not a path, is ignored (no open redirect)."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return redirect(target)
    return redirect("support-money")


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for problem in describe(error):
        messages.error(request, problem)


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if value else timezone.localdate()
    except ValueError as error:
        raise ValidationError({"date": _("A date as YYYY-MM-DD.")}) from error


def dashboard(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.SUPPORT)
    today = timezone.localdate()
    soon = today + dt.timedelta(days=60)
    open_needs = Need.objects.exclude(status__in=[NeedStatus.COVERED, NeedStatus.CLOSED])
    since = timezone.now() - dt.timedelta(days=60)
    quiet = (
        Person.objects.filter(accepts_letters=True, status__behind_bars=True)
        .annotate(recent=Count("letters", filter=Q(letters__created_at__gte=since)))
        .filter(recent=0)
        .order_by("name_latin")[:50]
    )
    behind_bars = Person.objects.filter(status__behind_bars=True)
    birthdays = sorted(
        ((evenings.days_to_birthday(p, today), p) for p in behind_bars.exclude(birth_date=None)),
        key=lambda pair: pair[0] if pair[0] is not None else 999,
    )
    birthdays = [(d, p) for d, p in birthdays if d is not None and d <= 60]
    releases = []
    for sentence in (
        Sentence.objects.filter(person__status__behind_bars=True)
        .select_related("person")
        .prefetch_related("custody_periods", "person__charges__article__code")
    ):
        computed = release.for_sentence(sentence, list(sentence.person.charges.all()))
        if computed.release and today <= computed.release <= soon:
            releases.append((computed.release, sentence.person))
    parcels = [
        need for need in Need.objects.filter(kind=NeedKind.PARCEL).exclude(status=NeedStatus.CLOSED)
        .select_related("person")
        if need.next_parcel_on() is None or need.next_parcel_on() <= today + dt.timedelta(days=7)  # type: ignore[operator]
    ]  # fmt: skip
    return render(request, "support/dashboard.html", {
        "needs": open_needs.select_related("person").order_by("-urgency", "created_at")[:100],
        "quiet": quiet, "birthdays": birthdays, "releases": sorted(releases, key=lambda r: r[0]),
        "parcels": parcels, "today": today,
        "balance": ledger.group_balance() if allowed(request.user, Perm.LEDGER) else None,
        "currency": ledger.base_currency(),
    })  # fmt: skip


# --- needs -------------------------------------------------------------------------------------


def _field_errors(error: ValidationError) -> dict[str, list[str]]:
    """A refusal as problems per field, to show beside each field ("form" for the rest)."""
    if hasattr(error, "error_dict"):
        return {field: list(problems) for field, problems in error.message_dict.items()}
    return {"form": list(error.messages)}


def _people_matching(query: str) -> list[Person]:
    """People whose name (any script or spelling) matches: the staff's choice of whom a need
    is for. Everyone in the registry, published or not (this is the staff desk)."""
    if not query.strip():
        return []
    found = filter_by_name(Person.objects.select_related("status"), query[:200], hidden=True)
    return list(found.order_by("name_latin", "id")[:20])


def need_new(request: HttpRequest) -> HttpResponse:
    """A new need: find the person by name, pick one, describe the need. "Find" re-shows
    the form with what was typed and the people found; a refusal keeps everything typed and
    shows each problem beside its field."""
    require(request.user, Perm.SUPPORT)
    values = {name: "" for name in ("person", "q", *needs.FIELDS)} | {"urgency": "2",
                                                                     "status": "open"}  # fmt: skip
    values |= {k: str(request.GET.get(k, "")) for k in ("person", "q") if k in request.GET}
    values |= request.POST.dict()
    errors: dict[str, list[str]] = {}
    person = (
        Person.objects.filter(slug=values["person"].strip()).first() if values["person"] else None
    )
    if request.method == "POST" and not request.POST.get("find"):
        if person is None:
            errors["person"] = [_("Choose the person: search by name, then pick one.")]
        else:
            try:
                need = needs.create_need(request.user, person, request.POST.dict())
                return redirect("support-need", pk=need.pk)
            except ValidationError as error:
                errors = _field_errors(error)
    matches = _people_matching(values["q"])
    if person is not None and person not in matches:
        matches.insert(0, person)
    context = {"values": values, "errors": errors, "matches": matches,
               "searched": bool(values["q"].strip())}  # fmt: skip
    return render(request, "support/need_form.html", _need_choices(context))


def _need_choices(context: dict[str, Any]) -> dict[str, Any]:
    return context | {"kinds": NeedKind.choices, "statuses": NeedStatus.choices,
                      "urgencies": Urgency.choices, "currencies": ledger.CURRENCIES,
                      "sources": IncomeSource.choices}  # fmt: skip


def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Perm.SUPPORT)
    need = get_object_or_404(Need.objects.select_related("person"), pk=pk)
    if request.method == "POST":
        try:
            needs.update_need(request.user, need, request.POST.dict())
            messages.success(request, _("Saved."))
            return redirect("support-need", pk=need.pk)
        except ValidationError as error:
            values = {f: request.POST.get(f, "") for f in needs.FIELDS}  # keep what was typed
            return _need_page(request, need, {"values": values, "errors": _field_errors(error)})
    return _need_page(request, need, {})


def _need_page(request: HttpRequest, need: Need, forms: dict[str, Any]) -> HttpResponse:
    """The need's page; `forms` holds what a refused form (the need's, money in or out)
    was sent with and its problems, shown again beside their fields."""
    can_money = allowed(request.user, Perm.LEDGER)
    values = {f: "" if getattr(need, f) is None else str(getattr(need, f)) for f in needs.FIELDS}
    return render(request, "support/need.html", _need_choices({
        "need": need, "money": ledger.need_money(need), "can_money": can_money,
        "entries": need.entries.order_by("date", "id") if can_money else [],
        "currency": ledger.base_currency(), "today": timezone.localdate().isoformat(),
        "values": values, "errors": {}, **_money_forms(forms),
    }))  # fmt: skip


# --- money -------------------------------------------------------------------------------------


MONEY_FORMS = ("income", "spend", "rate", "correction")


def _money_forms(forms: dict[str, Any]) -> dict[str, Any]:
    """Every money form's values and problems: empty, or those of the refused one."""
    empty: dict[str, Any] = {"values": {}, "errors": {}}
    return {name: empty for name in MONEY_FORMS} | forms


def _refused(request: HttpRequest, name: str, error: ValidationError) -> HttpResponse:
    """The page a refused money form was sent from, again, with everything typed kept and
    each problem beside its field (no redirect: the typing would be lost)."""
    form = {"values": request.POST.dict(), "errors": _field_errors(error)}
    need = Need.objects.filter(pk=request.POST.get("need") or 0).select_related("person").first()
    target = request.POST.get("next", "")
    if need is not None and target == reverse("support-need", args=[need.pk]):
        return _need_page(request, need, {name: form})
    return _money_page(request, {name: form})


def _money_page(request: HttpRequest, forms: dict[str, Any]) -> HttpResponse:
    entries = Entry.objects.select_related("need", "person", "corrects").order_by("-date", "-id")
    return render(request, "support/money.html", _need_choices({
        "entries": entries[:300], "balance": ledger.group_balance(),
        "currency": ledger.base_currency(), "today": timezone.localdate().isoformat(),
        **_money_forms(forms),
    }))  # fmt: skip


def money(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.LEDGER)
    return _money_page(request, {})


@require_POST
def income(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.LEDGER)
    need = Need.objects.filter(pk=request.POST.get("need") or 0).first()
    try:
        ledger.record_income(
            request.user, day=_day(request.POST.get("date", "")),
            amount=request.POST.get("amount", ""), currency_code=request.POST.get("currency", ""),
            source=request.POST.get("source", ""), rate=request.POST.get("rate") or None,
            donor=request.POST.get("donor", ""), need=need, note=request.POST.get("note", ""),
        )  # fmt: skip
    except ValidationError as error:
        return _refused(request, "income", error)
    messages.success(request, _("Money received recorded."))
    return _back(request)


@require_POST
def spend(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.LEDGER)
    need = Need.objects.filter(pk=request.POST.get("need") or 0).first()
    upload = request.FILES.get("receipt")
    try:
        ledger.record_spend(
            request.user, day=_day(request.POST.get("date", "")),
            amount=request.POST.get("amount", ""), currency_code=request.POST.get("currency", ""),
            need=need, category=request.POST.get("category", ""),
            rate=request.POST.get("rate") or None,
            receipt=upload.read() if upload is not None else None,
            note=request.POST.get("note", ""),
            confirm_overspend=bool(request.POST.get("confirm_overspend")),
        )  # fmt: skip
    except ValidationError as error:
        if upload is not None and "receipt" not in getattr(error, "error_dict", {"receipt": 0}):
            # A browser never fills a file field again: say so beside it.
            again = _("Choose the receipt again: a browser cannot keep a file in a form.")
            error.error_dict["receipt"] = [ValidationError(again)]
        return _refused(request, "spend", error)
    messages.success(request, _("Money spent recorded."))
    return _back(request)


@require_POST
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Perm.LEDGER)
    entry = get_object_or_404(Entry, pk=pk)
    try:
        ledger.record_correction(request.user, entry, change=request.POST.get("change", ""),
                                 reason=request.POST.get("reason", ""))  # fmt: skip
    except ValidationError as error:
        form = {"values": request.POST.dict() | {"entry": str(entry.pk)},
                "errors": _field_errors(error)}  # fmt: skip
        return _money_page(request, {"correction": form})
    messages.success(request, _("Correction recorded."))
    return redirect("support-money")


@require_POST
def rate(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.LEDGER)
    try:
        ledger.set_rate(request.user, _day(request.POST.get("date", "")),
                        request.POST.get("currency", ""), request.POST.get("rate", ""))  # fmt: skip
    except ValidationError as error:
        return _money_page(request, {"rate": {"values": request.POST.dict(),
                                              "errors": _field_errors(error)}})  # fmt: skip
    messages.success(request, _("Rate recorded."))
    return redirect("support-money")


def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Perm.LEDGER)
    entry = get_object_or_404(Entry, pk=pk, kind=EntryKind.SPEND)
    if not entry.receipt:
        return HttpResponse(status=404)
    response = HttpResponse(base64.b64decode(entry.receipt), content_type=entry.receipt_type)
    response["Content-Disposition"] = f'attachment; filename="receipt-{entry.pk}"'
    return response


# --- evenings ----------------------------------------------------------------------------------


def evening_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.SUPPORT)
    if request.method == "POST":
        try:
            evening = evenings.plan(
                request.user, _day(request.POST.get("date", "")),
                request.POST.get("place", ""), request.POST.get("organisers", ""),
            )  # fmt: skip
            return redirect("support-evening", pk=evening.pk)
        except ValidationError as error:
            _errors(request, error)
    return render(request, "support/evenings.html", {"evenings": Evening.objects.all()[:100]})


def evening_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Perm.SUPPORT)
    evening = get_object_or_404(Evening, pk=pk)
    if request.method == "POST" and request.POST.get("action") == "choose":
        ids = [int(i) for i in request.POST.getlist("people") if i.isdigit()]
        try:
            evenings.choose(request.user, evening, list(Person.objects.filter(pk__in=ids)))
        except evenings.NotPublic as exc:
            return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
        return redirect("support-evening", pk=pk)
    if request.method == "POST" and request.POST.get("action") == "letters":
        counts = {}
        for key in request.POST:
            value = str(request.POST.get(key, "")).strip()
            suffix = key.removeprefix("letters-")
            if key.startswith("letters-") and suffix.isdigit() and value.isdigit():
                counts[int(suffix)] = int(value)
        total = evenings.register_letters(request.user, evening, counts)
        messages.success(request, _("%(n)s letters registered as posted.") % {"n": total})
        return redirect("support-evening", pk=pk)
    chosen = set(evening.people.values_list("pk", flat=True))
    return render(request, "support/evening.html", {
        "evening": evening, "suggested": evenings.suggestions(evening, 40), "chosen": chosen,
        "people": evening.people.order_by("name_latin"),
    })  # fmt: skip


def evening_packet(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Perm.SUPPORT)
    evening = get_object_or_404(Evening, pk=pk)
    title = _("Solidarity evening, %(date)s, %(place)s") % {
        "date": evening.date.isoformat(), "place": evening.place,
    }  # fmt: skip
    response = HttpResponse(packet_pdf(title, evenings.sheets(evening)),
                            content_type="application/pdf")  # fmt: skip
    response["Content-Disposition"] = f'attachment; filename="evening-{evening.date}.pdf"'
    return response
