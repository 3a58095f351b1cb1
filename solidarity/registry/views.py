"""Public pages of the registry. Every query starts from Person.objects.public()."""

import dataclasses
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import extensions, release
from .models import (
    Case,
    Charge,
    Facility,
    Person,
    PersonPhoto,
    PersonRedirect,
)
from .pagecache import public_page, registry_key
from .services import home as home_page
from .services import person_page, rows, search
from .services.listing import (
    CappedPaginator,
    PeopleFilter,
    filter_menus,
    public_people,
)

PRIVATE_FIELDS = ("letter_address", "private_notes")


@public_page
def home(request: HttpRequest) -> HttpResponse:
    # Counted as the statistics count: fictional demo people are left out.
    counted = Person.objects.counted()
    behind_bars = counted.filter(status__behind_bars=True).count()
    return render(
        request,
        "registry/home.html",
        {
            "behind_bars": behind_bars,
            "total": counted.count(),
            "status_counts": home_page.status_counts(),
            "events": home_page.latest_events(),
            "help_now": home_page.help_now(),
        },
    )


@public_page
def prisoner_list(request: HttpRequest) -> HttpResponse:
    flt = PeopleFilter.from_params(request.GET)
    # "213", "ст. 205.2 ч. 2": an article, searched among the charges; the rest is a name.
    article_query = search.article_in_query(flt.q) if flt.q else None
    by_name = dataclasses.replace(flt, q=article_query.rest) if article_query else flt
    # One-letter words are initials ("Kozyreva D."): the start of a name, searched apart.
    words = by_name.q.split()
    initials = " ".join(w for w in words if len(w.strip(".")) == 1)
    by_name = dataclasses.replace(by_name, q=" ".join(w for w in words if len(w.strip(".")) > 1))
    people = public_people(by_name).only(*rows.ROW_PERSON_COLUMNS)
    if article_query:
        people = search.filter_by_article(people, article_query)
    if initials:
        people = search.filter_by_initials(people, initials)
    requested = request.GET.get("page")
    # The count is kept per filter until the registry changes (the audit chain's head).
    filters = (f"{k}={v}" for k, v in sorted(flt.as_query().items()))
    count_key = registry_key(request, *filters) if settings.REGISTRY_COUNT_SECONDS > 0 else ""
    paginator = CappedPaginator(
        people, settings.REGISTRY_PAGE_SIZE, settings.REGISTRY_COUNT_CAP, requested,
        rows=rows.with_row_columns(people), count_key=count_key,
    )  # fmt: skip
    page = paginator.get_page(requested)
    rows.attach(list(page.object_list))
    choices, menus = filter_menus()
    query = "&".join(f"{k}={quote(v)}" for k, v in flt.as_query().items())
    suggestions = []
    if paginator.count == 0 and by_name.q:
        suggestions = search.did_you_mean(by_name.q, Person.objects.public())
    return render(
        request,
        "registry/prisoner_list.html",
        {
            "page": page, "filter": flt, "choices": choices, "menus": menus, "query": query,
            "article_query": article_query, "suggestions": suggestions,
        },
    )  # fmt: skip


@public_page
def prisoner_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Private fields stay unread (and undecrypted) on public pages.
    page = person_page.load(slug)
    if page is None:
        people = Person.objects.public()
        # A record merged into another: its old address leads to the one kept (if public).
        merged = PersonRedirect.objects.filter(slug=slug, person__in=people).first()
        if merged is not None:
            return redirect("prisoner-detail", slug=merged.person.slug, permanent=True)
        raise Http404
    person = page.person
    for sentence in page.sentences:
        sentence.computation = release.for_sentence(  # type: ignore[attr-defined]
            sentence,
            page.charges,
            sentence.periods,  # type: ignore[attr-defined]
        )
    show_address = person.consent_publish_address
    return render(
        request,
        "registry/prisoner_detail.html",
        {
            "person": person,
            "aliases": page.aliases,
            "tags": page.tags,
            "cases": page.cases,
            "charges": page.charges,
            "sentences": page.sentences,
            "events": page.events,
            "show_address": show_address,
            "facility": person.facility if show_address else None,
            "parts": extensions.person_parts(request, person),
            "write_url": reverse("letter-write", args=[person.slug]),
            "photo": PersonPhoto.objects.filter(person_id=person.pk).only("width", "height").first()
            if person.consent_publish_photo
            else None,
        },
    )


def prisoner_photo(request: HttpRequest, slug: str) -> HttpResponse:
    """A public person's photo, only while they consent to both name and photo. Browsers
    ask again each time (no-cache): a withdrawal takes effect at once."""
    consenting = Person.objects.public().filter(slug=slug, consent_publish_photo=True)
    photo = PersonPhoto.objects.filter(person__in=consenting).first()
    if photo is None:
        # An address from before a merge or a publication's new slug leads to the photo.
        moved = PersonRedirect.objects.filter(slug=slug, person__in=Person.objects.public())
        target = moved.values_list("person__slug", flat=True).first()
        if target is None:
            raise Http404
        return redirect("prisoner-photo", slug=target, permanent=True)
    response = HttpResponse(photo.jpeg(), content_type="image/jpeg")
    response["Cache-Control"] = "no-cache"
    return response


@public_page
def case_list(request: HttpRequest) -> HttpResponse:
    return render(request, "registry/case_list.html", {"cases": Case.objects.public()})


@public_page
def case_detail(request: HttpRequest, slug: str) -> HttpResponse:
    case = get_object_or_404(Case.objects.public(), slug=slug)
    defendants = Person.objects.public().filter(cases=case).select_related("status")
    charges = Charge.objects.filter(case=case, person__in=defendants).select_related(
        "article__code", "person"
    )
    return render(
        request,
        "registry/case_detail.html",
        {"case": case, "defendants": defendants, "charges": charges},
    )


@public_page
def facility_list(request: HttpRequest) -> HttpResponse:
    facilities = Facility.objects.prefetch_related("aliases")
    return render(request, "registry/facility_list.html", {"facilities": facilities})


@public_page
def facility_detail(request: HttpRequest, slug: str) -> HttpResponse:
    facility = get_object_or_404(Facility.objects.prefetch_related("aliases"), slug=slug)
    # Where someone is held is their address: list only those who consent to publish it.
    people = Person.objects.with_public_address().filter(facility=facility)
    return render(
        request, "registry/facility_detail.html", {"facility": facility, "people": people}
    )


def report_inaccuracy(request: HttpRequest, slug: str) -> HttpResponse:
    """ "Report an inaccuracy" on a public person page: no account, no address kept, a
    per-sender limit (a keyed hash of the address that rotates hourly, in the cache)."""
    from django.conf import settings
    from django.core.exceptions import ValidationError

    from solidarity.accounts import throttle

    from . import actions

    person = get_object_or_404(Person.objects.public().defer(*PRIVATE_FIELDS), slug=slug)
    context: dict[str, object] = {"person": person, "text": "", "contact": ""}
    if request.method == "POST":
        text, contact = request.POST.get("text", ""), request.POST.get("contact", "")
        context.update(text=text, contact=contact)
        if not throttle.sender_allows(request, "reports", settings.REPORTS_PER_SENDER_PER_HOUR):
            context["error"] = _("You have sent many reports this hour. Please try again later.")
        else:
            try:
                actions.report_inaccuracy(person, text, contact)
            except ValidationError as error:
                context["error"] = " ".join(error.messages)
            else:
                return render(request, "registry/report_thanks.html", {"person": person})
        return render(request, "registry/report.html", context, status=400)
    return render(request, "registry/report.html", context)
