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
    report.spent_by_person = sorted(
        (Line(slug, label, total) for slug, (label, total) in by_person.items()),
        key=lambda line: -line.amount,
    )
    return report


def months_with_entries() -> list[tuple[int, int]]:
    dates = Entry.objects.filter(~Q(kind="")).dates("date", "month", order="DESC")
    return [(d.year, d.month) for d in dates]
