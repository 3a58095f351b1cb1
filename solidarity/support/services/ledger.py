"""Money in and out: each movement one audited action, balances from the entries alone.

Amounts are Decimal with two places, in the currency they moved in; the rate to the
group's base currency on that day (given, or recorded for the day) is stored with the entry
and every balance and report adds base amounts. Nothing is ever edited: a correction is a
new entry holding the signed change to the entry it corrects.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from solidarity.accounts import audit
from solidarity.letters.services.replies import scan_type
from solidarity.registry.models import Person

from ..models import Entry, EntryKind, IncomeSource, Need, NeedKind, NeedStatus, Rate

CURRENCIES = (
    "EUR USD RUB GBP CHF PLN CZK SEK NOK DKK GEL AMD KZT KGS BYN UAH TRY RSD ILS CAD AUD"
).split()
CENT = Decimal("0.01")
RECEIPT_MAX_BYTES = 10 * 1024 * 1024


def base_currency() -> str:
    return str(settings.SUPPORT_BASE_CURRENCY)


def money(value: Any, field: str = "amount") -> Decimal:
    """A positive amount with at most two decimals, from text as people type it."""
    try:
        amount = Decimal(str(value).strip().replace(",", ".").replace(" ", ""))
    except (InvalidOperation, ValueError) as error:
        raise ValidationError({field: _("%(v)s is not an amount.") % {"v": value}}) from error
    if not amount.is_finite() or amount <= 0:
        raise ValidationError({field: _("The amount must be more than zero.")})
    if amount != amount.quantize(CENT):
        raise ValidationError({field: _("At most two decimals (cents, kopecks).")})
    if amount >= Decimal("1e10"):
        raise ValidationError({field: _("The amount is too large.")})
    return amount


def currency(value: str) -> str:
    code = (value or "").strip().upper()
    if code not in CURRENCIES:
        raise ValidationError(
            {"currency": _("Unknown currency %(c)s; use one of: %(all)s")
             % {"c": value or "—", "all": ", ".join(CURRENCIES)}}
        )  # fmt: skip
    return code


def rate_for(code: str, day: dt.date, given: Any = None) -> Decimal:
    """The rate of `code` to the base currency: given, or recorded on or before the day."""
    if code == base_currency():
        return Decimal(1)
    if given not in (None, ""):
        try:
            rate = Decimal(str(given).strip().replace(",", "."))
        except InvalidOperation as error:
            raise ValidationError({"rate": _("%(v)s is not a rate.") % {"v": given}}) from error
        if not rate.is_finite() or rate <= 0:
            raise ValidationError({"rate": _("The rate must be more than zero.")})
        return rate
    recorded = Rate.objects.filter(currency=code, date__lte=day).order_by("-date").first()
    if recorded is None:
        raise ValidationError(
            {"rate": _("No rate of %(c)s to %(base)s on or before %(d)s: give the rate.")
             % {"c": code, "base": base_currency(), "d": day.isoformat()}}
        )  # fmt: skip
    return recorded.rate


def _base(amount: Decimal, rate: Decimal) -> Decimal:
    return (amount * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def set_rate(actor: Any, day: dt.date, code: str, rate: Any) -> Rate:
    code = currency(code)
    value = rate_for(code, day, rate) if code != base_currency() else Decimal(1)
    with transaction.atomic():
        row, _created = Rate.objects.update_or_create(date=day, currency=code,
                                                      defaults={"rate": value})  # fmt: skip
        audit.record(actor, "support.rate.set", obj=row, details={"currency": code})
    return row


# --- balances ----------------------------------------------------------------------------------


def effective_kind(kind: str, corrected_kind: str | None) -> str:
    """A correction counts as the kind of entry it corrects."""
    return str(corrected_kind) if kind == EntryKind.CORRECTION else kind


def raised_and_spent(entries: Any) -> tuple[Decimal, Decimal]:
    """Money in and money out among these entries, in the base currency."""
    raised = spent = Decimal(0)
    for kind, base, corrected_kind in entries.values_list("kind", "base_amount", "corrects__kind"):
        if effective_kind(kind, corrected_kind) == EntryKind.SPEND:
            spent += base
        else:
            raised += base
    return raised, spent


def _effect(entries: Any) -> Decimal:
    """What these entries did to the balance, in the base currency."""
    raised, spent = raised_and_spent(entries)
    return raised - spent


def group_balance() -> Decimal:
    return _effect(Entry.objects.all())


def person_balance(person: Person) -> Decimal:
    return _effect(Entry.objects.filter(person=person))


@dataclass
class NeedMoney:
    raised: Decimal
    spent: Decimal

    @property
    def balance(self) -> Decimal:
        return self.raised - self.spent


def need_money(need: Need) -> NeedMoney:
    return NeedMoney(*raised_and_spent(Entry.objects.filter(need=need)))


def _update_need_status(need: Need | None) -> None:
    if need is None or need.status == NeedStatus.CLOSED or not need.amount:
        return
    target = _base(
        Decimal(str(need.amount)), rate_for(need.currency or base_currency(), dt.date.today())
    )
    raised = need_money(need).raised
    status = (
        NeedStatus.COVERED if raised >= target
        else NeedStatus.PARTLY if raised > 0
        else NeedStatus.OPEN
    )  # fmt: skip
    if status != need.status:
        need.status = status
        need.save(update_fields=["status"])


# --- actions -----------------------------------------------------------------------------------


def record_income(
    actor: Any, *, day: dt.date, amount: Any, currency_code: str, source: str,
    rate: Any = None, donor: str = "", need: Need | None = None,
    person: Person | None = None, note: str = "",
) -> Entry:  # fmt: skip
    if source not in IncomeSource.values:
        raise ValidationError({"source": _("Money comes in as a donation or a grant.")})
    value, code = money(amount), currency(currency_code)
    used = rate_for(code, day, rate)
    with transaction.atomic():
        entry = Entry.objects.create(
            kind=EntryKind.INCOME, category=source, date=day, amount=value, currency=code,
            rate=used, base_amount=_base(value, used), need=need,
            person=need.person if need else person, donor=donor.strip()[:300],
            note=note.strip()[:300], created_by=actor,
        )  # fmt: skip
        _update_need_status(need)
        # The donor is never written to the audit log: it is private, the log is long-lived.
        audit.record(actor, "support.income", obj=entry,
                     details={"currency": code, "need": need.pk if need else None})  # fmt: skip
    return entry


def record_spend(
    actor: Any, *, day: dt.date, amount: Any, currency_code: str, need: Need | None = None,
    person: Person | None = None, category: str = "", rate: Any = None,
    receipt: bytes | None = None, note: str = "", confirm_overspend: bool = False,
) -> Entry:  # fmt: skip
    value, code = money(amount), currency(currency_code)
    kind = category or (need.kind if need else "")
    if kind not in NeedKind.values:
        raise ValidationError({"category": _("Say what the money was spent on.")})
    receipt_type = ""
    if receipt is not None:
        if len(receipt) > RECEIPT_MAX_BYTES:
            raise ValidationError({"receipt": _("The receipt is larger than 10 MB.")})
        receipt_type = scan_type(receipt)
        if not receipt_type:
            raise ValidationError({"receipt": _("A receipt must be a PDF, JPEG or PNG file.")})
    used = rate_for(code, day, rate)
    base = _base(value, used)
    with transaction.atomic():
        # Serialise spends: two at once must not both pass the balance check.
        list(Entry.objects.select_for_update().filter(kind=EntryKind.SPEND).order_by("-id")[:1])
        balance = group_balance()
        over = base > balance
        if over and not confirm_overspend:
            raise ValidationError(
                {"amount": _("This is %(base)s %(cur)s and the group has %(bal)s %(cur)s. "
                             "Confirm to spend more than the balance.")
                 % {"base": base, "bal": balance, "cur": base_currency()}}
            )  # fmt: skip
        entry = Entry.objects.create(
            kind=EntryKind.SPEND, category=kind, date=day, amount=value, currency=code,
            rate=used, base_amount=base, need=need, person=need.person if need else person,
            note=note.strip()[:300], created_by=actor, overspend_confirmed=over,
            receipt=base64.b64encode(receipt).decode() if receipt else "",
            receipt_type=receipt_type,
        )  # fmt: skip
        if need is not None and need.kind == NeedKind.PARCEL:
            need.last_parcel_on = day
            need.save(update_fields=["last_parcel_on"])
        audit.record(actor, "support.spend", obj=entry, details={
            "currency": code, "need": need.pk if need else None, "overspend": over,
        })  # fmt: skip
    return entry


def record_correction(actor: Any, original: Entry, *, change: Any, reason: str) -> Entry:
    """A signed change to an entry's amount, in its currency and at its rate."""
    if original.kind == EntryKind.CORRECTION:
        raise ValidationError({"change": _("Correct the original entry, not a correction.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the entry is corrected.")})
    try:
        delta = Decimal(str(change).strip().replace(",", "."))
    except InvalidOperation as error:
        raise ValidationError({"change": _("%(v)s is not an amount.") % {"v": change}}) from error
    if delta == 0 or delta != delta.quantize(CENT) or not delta.is_finite():
        raise ValidationError({"change": _("A change other than zero, with at most two decimals.")})
    corrected = original.amount + sum(c.amount for c in original.corrections.all())
    if corrected + delta < 0:
        raise ValidationError({"change": _("The entry would become negative.")})
    with transaction.atomic():
        entry = Entry.objects.create(
            kind=EntryKind.CORRECTION, category=original.category, date=original.date,
            amount=delta, currency=original.currency, rate=original.rate,
            base_amount=_base(delta, original.rate), need=original.need,
            person=original.person, corrects=original, note=reason.strip()[:300],
            created_by=actor,
        )  # fmt: skip
        _update_need_status(original.need)
        audit.record(actor, "support.correction", obj=entry, details={"corrects": original.pk})
    return entry


def visible_to_public(entries: Any) -> Any:
    """Entries whose person (if any) consented to publication."""
    return entries.filter(Q(person__isnull=True) | Q(person__consent_publish_name=True))
