"""Needs, the money ledger and solidarity evenings.

Money is Decimal, in the currency it moved in, with the rate to the group's base currency
on that day stored beside it: balances and reports add base amounts. The ledger is
append-only: a correction is a new entry that points at the one it corrects.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from solidarity.fields import EncryptedTextField
from solidarity.registry.models import Person


class NeedKind(models.TextChoices):
    LAWYER = "lawyer", _("lawyer")
    PARCEL = "parcel", _("parcel")
    COMMISSARY = "commissary", _("commissary money")
    MEDICINE = "medicine", _("medicine")
    FAMILY = "family", _("family support")
    EMIGRATION = "emigration", _("help to leave the country")
    LETTERS = "letters", _("letters and postage")
    OTHER = "other", _("other")


class NeedStatus(models.TextChoices):
    OPEN = "open", _("open")
    PARTLY = "partly", _("partly covered")
    COVERED = "covered", _("covered")
    CLOSED = "closed", _("closed")


class Urgency(models.IntegerChoices):
    LOW = 1, _("low")
    NORMAL = 2, _("normal")
    HIGH = 3, _("high")
    URGENT = 4, _("urgent")


class Need(models.Model):
    person = models.ForeignKey(Person, models.CASCADE, related_name="needs")
    kind = models.CharField(_("kind"), max_length=12, choices=NeedKind.choices)
    description = models.TextField(_("description"), blank=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, null=True,
                                 blank=True)  # fmt: skip
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=NeedStatus.choices, default=NeedStatus.OPEN
    )
    urgency = models.PositiveSmallIntegerField(
        _("urgency"), choices=Urgency.choices, default=Urgency.NORMAL
    )
    # Parcels: the facility's rules and the last one sent.
    parcel_allowance_kg = models.DecimalField(
        _("parcel allowance (kg)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    parcel_period_days = models.PositiveSmallIntegerField(
        _("one parcel every (days)"), null=True, blank=True
    )
    parcel_rules = models.TextField(_("what is allowed"), blank=True)
    last_parcel_on = models.DateField(_("last parcel sent on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-urgency", "created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person}"

    def next_parcel_on(self) -> dt.date | None:
        if self.last_parcel_on and self.parcel_period_days:
            return self.last_parcel_on + dt.timedelta(days=self.parcel_period_days)
        return None


class EntryKind(models.TextChoices):
    INCOME = "income", _("money received")
    SPEND = "spend", _("money spent")
    CORRECTION = "correction", _("correction")


class IncomeSource(models.TextChoices):
    DONATION = "donation", _("donation")
    GRANT = "grant", _("grant")


class Entry(models.Model):
    """One movement of money. Never edited: corrections are entries of their own."""

    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices)
    # For income: donation or grant; for spending: the need's kind (lawyer, parcel, ...).
    category = models.CharField(_("category"), max_length=12)
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    rate = models.DecimalField(_("rate to the base currency"), max_digits=14, decimal_places=6)
    base_amount = models.DecimalField(max_digits=14, decimal_places=2)
    need = models.ForeignKey(Need, models.PROTECT, null=True, blank=True, related_name="entries")
    person = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="ledger_entries"
    )
    donor = EncryptedTextField(_("donor (private)"), blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    receipt = EncryptedTextField(blank=True)  # base64, encrypted like letter scans
    receipt_type = models.CharField(max_length=40, blank=True)
    corrects = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    overspend_confirmed = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name_plural = _("ledger entries")
        indexes = [models.Index(fields=["date"]), models.Index(fields=["kind", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.kind} {self.amount} {self.currency}"


class Rate(models.Model):
    """A currency's rate to the base currency on a day, as the group recorded it."""

    date = models.DateField()
    currency = models.CharField(max_length=3)
    rate = models.DecimalField(max_digits=14, decimal_places=6)

    class Meta:
        constraints = [models.UniqueConstraint("date", "currency", name="one_rate_a_day")]

    def __str__(self) -> str:
        return f"{self.date} {self.currency} {self.rate}"


class Evening(models.Model):
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    organisers = models.CharField(_("organisers"), max_length=300, blank=True)
    people = models.ManyToManyField(Person, blank=True, related_name="+")
    letters_registered = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date} {self.place}"
