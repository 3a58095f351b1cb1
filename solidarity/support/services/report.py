"""The monthly report groups publish: raised, spent by kind, per person where consented.

Every figure is added up from ledger entries in the base currency; corrections count in
the month and category of the entry they correct's own date (they carry that date)."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from ..models import Entry, EntryKind, IncomeSource, NeedKind
from .ledger import base_currency, effective_kind, raised_and_spent


@dataclass
class Line:
    key: str
    label: str
    amount: Decimal


@dataclass
class MonthReport:
    year: int
    month: int
    currency: str
    raised: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)
    raised_by_source: list[Line] = field(default_factory=list)
    spent_by_kind: list[Line] = field(default_factory=list)
    spent_by_person: list[Line] = field(default_factory=list)
    spent_unnamed: Decimal = Decimal(0)  # on people who did not consent to publication
    opening: Decimal = Decimal(0)
    closing: Decimal = Decimal(0)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)


def month_report(year: int, month: int) -> MonthReport:
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    in_month = Entry.objects.filter(date__gte=first, date__lte=last)
    entries = list(in_month.select_related("corrects", "person"))
    report = MonthReport(year, month, base_currency())
    report.raised, report.spent = raised_and_spent(in_month)
    opening_in, opening_out = raised_and_spent(Entry.objects.filter(date__lt=first))
    report.opening = opening_in - opening_out
    report.closing = report.opening + report.raised - report.spent
    sources = dict(IncomeSource.choices)
    kinds = dict(NeedKind.choices)
    by_source: dict[str, Decimal] = {}
    by_kind: dict[str, Decimal] = {}
    by_person: dict[str, tuple[str, Decimal]] = {}
    for e in entries:
        kind = effective_kind(e.kind, e.corrects.kind if e.corrects else None)
        if kind == EntryKind.SPEND:
            by_kind[e.category] = by_kind.get(e.category, Decimal(0)) + e.base_amount
            if e.person is not None and e.person.consent_publish_name:
                name = e.person.name_latin or e.person.name
                label, total = by_person.get(e.person.slug, (name, Decimal(0)))
                by_person[e.person.slug] = (label, total + e.base_amount)
            elif e.person is not None:
                report.spent_unnamed += e.base_amount
        else:
            by_source[e.category] = by_source.get(e.category, Decimal(0)) + e.base_amount
    report.raised_by_source = [
        Line(k, str(sources.get(k, k)), v) for k, v in sorted(by_source.items())
    ]
    report.spent_by_kind = sorted(
        (Line(k, str(kinds.get(k, k)), v) for k, v in by_kind.items()),
        key=lambda line: -line.amount,
    )
    named = sorted(
        (Line(slug, label, total) for slug, (label, total) in by_person.items()),
        key=lambda line: -line.amount,
    )
    report.spent_by_person, folded = _not_singling_out(named, report.spent_unnamed > 0)
    report.spent_unnamed += sum((line.amount for line in folded), Decimal(0))
    return report


def _not_singling_out(named: list[Line], any_hidden: bool) -> tuple[list[Line], list[Line]]:
    """Per-person lines that single nobody out: a small sum (under REPORT_MIN_PERSON_SUM)
    says what one person got, so it joins the unnamed line; and the unnamed line must hold
    at least REPORT_MIN_GROUP people (hidden people count as one at least), else the
    smallest named lines join it too, down to none."""
    from django.conf import settings

    shown = [line for line in named if line.amount >= settings.REPORT_MIN_PERSON_SUM]
    folded = [line for line in named if line.amount < settings.REPORT_MIN_PERSON_SUM]
    group = len(folded) + (1 if any_hidden else 0)
    while shown and 0 < group < settings.REPORT_MIN_GROUP:
        folded.append(shown.pop())  # the smallest shown sum
        group += 1
    return shown, folded


def months_with_entries() -> list[tuple[int, int]]:
    dates = Entry.objects.filter(~Q(kind="")).dates("date", "month", order="DESC")
    return [(d.year, d.month) for d in dates]
