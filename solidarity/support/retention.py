"""Donors are named only as long as the group needs it (thanks, tax receipts): then forgotten."""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from .models import Entry, EntryKind


def donor_names() -> int:
    """Empty the donor of money received more than SUPPORT_DONOR_RETENTION_DAYS ago.

    The amount, date, currency and what it paid for stay: the reports do not change."""
    cutoff = timezone.localdate() - dt.timedelta(days=settings.SUPPORT_DONOR_RETENTION_DAYS)
    # Encrypted fields cannot be compared in SQL: empty them all past the cut-off.
    return Entry.objects.filter(kind=EntryKind.INCOME, date__lt=cutoff).update(donor="")
