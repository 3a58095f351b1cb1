"""Spreading attention: offer someone who has had few letters lately, not the famous few."""

import datetime as dt
import random

from django.db.models import Count, Q
from django.utils import timezone

from solidarity.registry.models import Person

RECENT_DAYS = 90


def few_letters_choice(rng: random.Random | None = None) -> Person | None:
    """A random person who accepts letters, weighted by 1 / (1 + letters in 90 days)."""
    since = timezone.now() - dt.timedelta(days=RECENT_DAYS)
    candidates = list(
        Person.objects.public()
        .filter(accepts_letters=True)
        .annotate(recent=Count("letters", filter=Q(letters__created_at__gte=since)))
        .only("pk", "slug", "name")
    )
    if not candidates:
        return None
    weights = [1 / (1 + person.recent) ** 2 for person in candidates]  # type: ignore[attr-defined]
    return (rng or random.SystemRandom()).choices(candidates, weights=weights, k=1)[0]
