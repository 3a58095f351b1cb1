"""Needs: recorded and changed through audited actions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from solidarity.accounts import audit
from solidarity.registry.models import Person

from ..models import Need, NeedKind, NeedStatus, Urgency
from .ledger import currency, money

FIELDS = (
    "kind", "description", "amount", "currency", "status", "urgency",
    "parcel_allowance_kg", "parcel_period_days", "parcel_rules", "last_parcel_on",
)  # fmt: skip


def clean(raw: dict[str, Any]) -> dict[str, Any]:
    """Values of a need form; errors name their field."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    kind = str(raw.get("kind", ""))
    if kind not in NeedKind.values:
        errors["kind"] = _("Choose what is needed.")
    values["kind"] = kind
    values["description"] = str(raw.get("description", "")).strip()[:2000]
    amount_text = str(raw.get("amount") or "").strip()
    values["amount"], values["currency"] = None, ""
    if amount_text:
        try:
            values["amount"] = money(amount_text)
            values["currency"] = currency(str(raw.get("currency", "")))
        except ValidationError as error:
            errors.update({k: " ".join(v) for k, v in error.message_dict.items()})
    status = str(raw.get("status") or NeedStatus.OPEN)
    if status not in NeedStatus.values:
        errors["status"] = _("Unknown status.")
    values["status"] = status
    try:
        values["urgency"] = int(raw.get("urgency") or Urgency.NORMAL)
        if values["urgency"] not in Urgency.values:
            raise ValueError
    except ValueError:
        errors["urgency"] = _("Unknown urgency.")
    for field, kind_of in (("parcel_allowance_kg", Decimal), ("parcel_period_days", int)):
        text = str(raw.get(field) or "").strip().replace(",", ".")
        try:
            values[field] = kind_of(text) if text else None
            if values[field] is not None and values[field] <= 0:
                raise ValueError
        except (ValueError, ArithmeticError):
            errors[field] = _("A number above zero.")
    values["parcel_rules"] = str(raw.get("parcel_rules", "")).strip()[:2000]
    last = str(raw.get("last_parcel_on") or "").strip()
    try:
        values["last_parcel_on"] = dt.date.fromisoformat(last) if last else None
    except ValueError:
        errors["last_parcel_on"] = _("A date as YYYY-MM-DD.")
    if errors:
        raise ValidationError(errors)
    return values


def create_need(actor: Any, person: Person, raw: dict[str, Any]) -> Need:
    values = clean(raw)
    with transaction.atomic():
        need = Need.objects.create(person=person, **values)
        audit.record(actor, "support.need.create", obj=need, details={"kind": need.kind})
    return need


def update_need(actor: Any, need: Need, raw: dict[str, Any]) -> Need:
    values = clean(raw)
    with transaction.atomic():
        changed = [f for f in FIELDS if getattr(need, f) != values[f]]
        for field in changed:
            setattr(need, field, values[field])
        need.save()
        audit.record(actor, "support.need.update", obj=need, details={"fields": changed})
    return need
