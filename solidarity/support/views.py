"""Public pages of the support desk: the monthly reports, as HTML and PDF."""

from __future__ import annotations

import calendar

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .pdf import report_pdf
from .services.report import month_report, months_with_entries


def _month(value: str) -> tuple[int, int]:
    try:
        year, month = (int(p) for p in value.split("-"))
    except ValueError as error:
        raise Http404(_("No such month.")) from error
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise Http404(_("No such month."))
    return year, month


def report_list(request: HttpRequest) -> HttpResponse:
    months = [f"{y:04d}-{m:02d}" for y, m in months_with_entries()]
    return render(request, "support/report_list.html", {"months": months})


def report_page(request: HttpRequest, month: str) -> HttpResponse:
    year, number = _month(month)
    report = month_report(year, number)
    title = _("Money raised and spent: %(month)s %(year)s") % {
        "month": _(calendar.month_name[number]), "year": year,
    }  # fmt: skip
    return render(request, "support/report.html",
                  {"report": report, "title": title, "month": month})  # fmt: skip


def report_pdf_view(request: HttpRequest, month: str) -> HttpResponse:
    year, number = _month(month)
    report = month_report(year, number)
    labels = {
        "title": _("Money raised and spent: %(month)s %(year)s")
        % {"month": _(calendar.month_name[number]), "year": year},
        "opening": _("Balance at the start of the month"), "raised": _("Raised"),
        "spent": _("Spent"), "closing": _("Balance at the end of the month"),
        "by_source": _("Raised, by source"), "by_kind": _("Spent, by kind"),
        "by_person": _("Spent, by person"),
        "unnamed": _(
            "Spent on people not named here (who do not want their names published, or "
            "small sums)"
        ),
    }  # fmt: skip
    response = HttpResponse(report_pdf(report, labels), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="report-{month}.pdf"'
    return response
