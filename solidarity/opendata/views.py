"""Public data files, feeds, calendars and statistics: plain function views, no JavaScript."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, gettext_noop
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from solidarity.links import site_url
from solidarity.registry import release
from solidarity.registry.models import Event, EventType, Person, Sentence
from solidarity.registry.pagecache import public_page
from solidarity.security import xml_safe
from solidarity.spreadsheets import SafeDictWriter, SafeWriter

from . import charts, columns, package, stats

# --- files -------------------------------------------------------------------------------


class _Echo:
    def write(self, value: str) -> str:
        return value


def reader_name(person: Any) -> str:
    """The name in the reader's script: Cyrillic for Russian and Belarusian readers, the
    Latin spelling for the others (feeds and calendars have no page to show both)."""
    if get_language() in ("ru", "be"):
        return str(person.name)
    return str(person.name_latin or person.name)


def csv_lines(rows: Iterator[dict[str, Any]], names: list[str]) -> Iterator[str]:
    writer = SafeDictWriter(_Echo(), fieldnames=names, extrasaction="ignore")
    yield writer.writeheader() or ",".join(names) + "\r\n"
    for row in rows:
        yield writer.writerow(columns.csv_row(row))


def licensed(response: HttpResponseBase) -> HttpResponseBase:
    """The data's licence as a Link header (RFC 8288 rel="license") on every data file."""
    response["Link"] = f'<{settings.OPEN_DATA_LICENSE_URL}>; rel="license"'
    return response


def _csv_response(rows: Iterator[dict[str, Any]], names: list[str], name: str) -> Any:
    response = StreamingHttpResponse(csv_lines(rows, names), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return licensed(response)


def _json_response(rows: Iterator[dict[str, Any]], name: str) -> Any:
    response = StreamingHttpResponse(
        json_array(rows), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{name}.json"'
    return licensed(response)


def prisoners_csv(request: HttpRequest) -> StreamingHttpResponse:
    return _csv_response(  # type: ignore[no-any-return]
        columns.public_rows(), columns.PUBLIC_COLUMNS, "prisoners"
    )


def json_array(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    yield "["
    for i, row in enumerate(rows):
        yield ("," if i else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


def prisoners_json(request: HttpRequest) -> StreamingHttpResponse:
    return _json_response(columns.public_rows(), "prisoners")  # type: ignore[no-any-return]


def _public_file(name: str) -> package.PublicFile:
    file = package.by_name(name)
    if file is None or file.name == "prisoners":  # people have their own routes above
        raise Http404(_("No such file."))
    return file


def table_csv(request: HttpRequest, name: str) -> StreamingHttpResponse:
    """cases.csv, charges.csv, ...: a public table of the dump (private=False)."""
    file = _public_file(name)
    names = [c.name for c in package.public_columns(file)]
    return _csv_response(file.table.rows(False), names, file.name)  # type: ignore[no-any-return]


def table_json(request: HttpRequest, name: str) -> StreamingHttpResponse:
    file = _public_file(name)
    return _json_response(file.table.rows(False), file.name)  # type: ignore[no-any-return]


def datapackage(request: HttpRequest) -> HttpResponse:
    """The Frictionless descriptor of every public file, its fields and its licence."""
    body = package.descriptor(request.build_absolute_uri(reverse("data")))
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    return licensed(response)  # type: ignore[return-value]


def data_dictionary(request: HttpRequest) -> HttpResponse:
    files = [{"file": f, "columns": package.public_columns(f)} for f in package.files()]
    # Calendars are subscribed to by address: it comes from SITE_URL, like every link given.
    calendars = {"birthdays": site_url("calendar-birthdays"),
                 "releases": site_url("calendar-releases")}  # fmt: skip
    context = {"files": files, "licence": package.licence(), "calendars": calendars}
    return render(request, "opendata/data.html", context)


def methodology(request: HttpRequest) -> HttpResponse:
    return render(request, "opendata/methodology.html", {"licence": package.licence()})


# --- feed --------------------------------------------------------------------------------


class UpdatesFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    title = gettext_lazy("Solidarity: new people, events and releases")
    subtitle = gettext_lazy("Only people who consented to publication.")
    link = "/prisoners/"

    def items(self) -> list[dict[str, Any]]:
        people = [
            {"kind": "person", "person": p, "when": p.created_at}
            for p in Person.objects.public().order_by("-created_at")[:50]
        ]
        events = [
            {"kind": "event", "person": e.person, "event": e, "when": e.person.updated_at}
            for e in Event.objects.filter(person__consent_publish_name=True)
            .select_related("person")
            .order_by("-id")[:50]
        ]
        items: list[dict[str, Any]] = people + events
        items.sort(key=lambda i: i["when"].timestamp(), reverse=True)
        return items[:50]

    def item_title(self, item: dict[str, Any]) -> str:
        person = item["person"]
        if item["kind"] == "person":
            return xml_safe(_("New in the registry: %(name)s") % {"name": reader_name(person)})
        event = item["event"]
        label = _("Released") if event.type == EventType.RELEASE else event.get_type_display()
        date = f" ({event.date.isoformat()})" if event.date else ""
        return xml_safe(f"{reader_name(person)}: {label}{date}")

    def item_description(self, item: dict[str, Any]) -> str:
        # Cut what XML forbids: a stored control character must not take the feed down.
        if item["kind"] == "event":
            return xml_safe(str(item["event"].text() or ""))
        return xml_safe(str(item["person"].story() or ""))

    def item_link(self, item: dict[str, Any]) -> str:
        anchor = f"#event-{item['event'].pk}" if item["kind"] == "event" else ""
        return reverse("prisoner-detail", args=[item["person"].slug]) + anchor

    def item_guid(self, item: dict[str, Any]) -> str:
        key = (
            f"event-{item['event'].pk}"
            if item["kind"] == "event"
            else f"person-{item['person'].pk}"
        )
        return f"urn:solidarity:{key}"

    def item_updateddate(self, item: dict[str, Any]) -> dt.datetime:
        return item["when"]  # type: ignore[no-any-return]


# --- calendars ---------------------------------------------------------------------------


LEAP_BIRTHDAY_NOTE = gettext_noop(
    "Born on 29 February. In years without that day the birthday is shown on 28 February."
)
RELEASE_RANGE_NOTE = gettext_noop(
    "The exact day of release is not known, only the span: %(when)s. The event covers all of it."
)


def release_span(first: dt.date, last: dt.date) -> str:
    """'March 2026' for a whole month; 'March 2026 (from 28 February to 30 March 2026)' for
    a month shifted back a day, as a term that began on an unknown day of March 2024 ends
    (the last day of a term is the day before its anniversary); else 'from 1 March 2026
    to 15 April 2026'."""
    next_day = last + dt.timedelta(days=1)
    whole_month = (first.year, first.month) == (last.year, last.month)
    if whole_month and first.day == 1 and next_day.day == 1:
        return _month_year(first)
    span = _("from %(first)s to %(last)s") % {
        "first": date_format(first, "j E" if first.year == last.year else "j E Y"),
        "last": date_format(last, "j E Y"),
    }
    month_start, month_end = first + dt.timedelta(days=1), next_day
    if month_start.day == 1 and (month_end + dt.timedelta(days=1)).day == 1 and (
        month_start.year, month_start.month) == (month_end.year, month_end.month):  # fmt: skip
        return _("%(month)s (%(span)s)") % {"month": _month_year(month_start), "span": span}
    return span


def _month_year(day: dt.date) -> str:
    """The month and year, "March 2026"; in Russian and Belarusian running text the month
    is lower case ("март 2026"), where Django's month name is written for a heading."""
    text = str(date_format(day, "F Y"))
    return text.lower() if (get_language() or "en")[:2] in ("ru", "be", "uk") else text


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Solidarity//open data//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def _ics(calendar: Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def birthdays_ics(request: HttpRequest) -> HttpResponse:
    """Birthdays of people behind bars who consented, for postcard evenings."""
    calendar = _calendar(_("Birthdays of political prisoners"))
    people = Person.objects.public().filter(
        status__behind_bars=True,
        birth_date__regex=r"^\d{4}-\d{2}-\d{2}$",
        consent_publish_birthday="day_month",
    )
    stamp = timezone.now()
    for person in people.only("slug", "name", "name_latin", "birth_date"):
        birth = person.birth_date
        if birth is None or birth.month is None or birth.day is None:
            continue
        event = CalendarEvent()
        event.add("uid", f"birthday-{person.slug}@solidarity")
        name = xml_safe(reader_name(person))
        if (birth.month, birth.day) == (2, 29):
            # A yearly 29 February would only come in leap years: the last day of February
            # instead, the 29th in leap years and the 28th in the others.
            event.add(
                "summary",
                _("Birthday: %(name)s (29 February; 28 February in other years)") % {"name": name},
            )
            event.add("description", _(LEAP_BIRTHDAY_NOTE))
            event.add("dtstart", dt.date(2000, 2, 29))
            event.add("rrule", {"freq": "yearly", "bymonth": 2, "bymonthday": -1})
        else:
            event.add("summary", _("Birthday: %(name)s") % {"name": name})
            event.add("dtstart", dt.date(2000, birth.month, birth.day))
            event.add("rrule", {"freq": "yearly"})
        event.add("dtstamp", stamp)
        event.add("url", site_url("prisoner-detail", person.slug))
        calendar.add_component(event)
    return _ics(calendar, "birthdays.ics")


def releases_ics(request: HttpRequest) -> HttpResponse:
    """Expected release dates (art. 72 credit applied) of consented people behind bars."""
    calendar = _calendar(_("Expected releases of political prisoners"))
    sentences = (
        Sentence.objects.filter(person__consent_publish_name=True, person__status__behind_bars=True)
        .select_related("person", "case")
        .prefetch_related("custody_periods", "person__charges__article__code")
    )
    stamp = timezone.now()
    for sentence in sentences:
        person = sentence.person
        computed = release.for_sentence(sentence, list(person.charges.all()))
        if computed.release is None:
            continue
        event = CalendarEvent()
        event.add("uid", f"release-{sentence.pk}@solidarity")
        name = xml_safe(reader_name(person))
        first, last = computed.release, computed.release_latest or computed.release
        if first == last:
            event.add("summary", _("Expected release: %(name)s") % {"name": name})
            event.add("dtstart", first)
        else:
            # Known only to the month, or as a range: an all-day event over the whole of it
            # (DTEND is the day after), never a day that nobody knows.
            event.add("summary", _("Expected release (%(when)s): %(name)s")
                      % {"when": release_span(first, last), "name": name})  # fmt: skip
            event.add("description", _(RELEASE_RANGE_NOTE) % {"when": release_span(first, last)})
            event.add("dtstart", first)
            event.add("dtend", last + dt.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        event.add("dtstamp", stamp)
        event.add("url", site_url("prisoner-detail", person.slug))
        calendar.add_component(event)
    return _ics(calendar, "releases.ics")


# --- statistics --------------------------------------------------------------------------

CHARTS = [
    ("by_status", gettext_lazy("People by status")),
    ("by_article", gettext_lazy("People by article charged")),
    ("by_region", gettext_lazy("People by region")),
    ("by_detention_year", gettext_lazy("People by year of first detention")),
    ("new_cases_by_year", gettext_lazy("Detentions by year")),
    ("releases_by_year", gettext_lazy("Releases by year")),
]


# What a table's count counts: people, except where the figures count events.
COUNTED = {
    "new_cases_by_year": gettext_lazy("Detentions"),
    "releases_by_year": gettext_lazy("Releases"),
}


@public_page
def stats_page(request: HttpRequest) -> HttpResponse:
    figures = stats.all_figures()
    sections = [
        {"key": key, "title": title, "rows": figures[key],
         "counted": COUNTED.get(key, gettext_lazy("People")),
         "svg": charts.bar_chart(figures[key], str(title), years=key.endswith("_year"))}
        for key, title in CHARTS
    ]  # fmt: skip
    as_of = {k: dt.date.fromisoformat(v) if v else None for k, v in figures["as_of"].items()}
    return render(
        request,
        "opendata/stats.html",
        {"figures": figures, "sections": sections, "as_of": as_of},
    )


def stats_csv(request: HttpRequest, key: str) -> HttpResponse:
    names = dict(CHARTS)
    if key not in names:
        return HttpResponse(_("No such table."), status=404, content_type="text/plain")
    buffer = io.StringIO()
    writer = SafeWriter(buffer)
    writer.writerow(["key", "label", "count"])
    for row in stats.all_figures()[key]:
        writer.writerow([row["key"], row["label"], row["count"]])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{key}.csv"'
    return response
