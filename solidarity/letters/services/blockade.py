"""Blockade evidence: when did a prisoner's letters stop getting through, or stop being
answered?

For each prisoner, the dispatched letters whose fate is known (delivered or answered
against returned, withheld or lost) are put in dispatch order. Every point where at least
MIN_BEFORE letters came before and MIN_AFTER after is tried as the start of a blockade, and
the rates before and after are compared with a one-sided Fisher exact test (is "after"
worse than chance would make it?). The best split, after a Bonferroni correction for the
number of splits tried, is reported if it is significant. The prisoner's recent rate is
also compared with the rest of their facility over the same time, so a whole colony that
stopped delivering is told apart from one person being cut off.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from math import comb

from django.db.models import Min, Q

from solidarity.registry.models import Person

from ..models import Letter, State

DELIVERED = {State.DELIVERED, State.ANSWERED}
FAILED = {State.RETURNED, State.WITHHELD, State.LOST}
MIN_BEFORE, MIN_AFTER, ALPHA = 5, 4, 0.01


def fisher_less(a: int, b: int, c: int, d: int) -> float:
    """One-sided Fisher exact p: P(X <= c) for the after-group's delivered count.

    Table: before (a delivered, b failed), after (c delivered, d failed).
    """
    n_before, n_after, delivered = a + b, c + d, a + c
    total = n_before + n_after
    denominator = comb(total, delivered)
    low = max(0, delivered - n_before)
    return (
        sum(comb(n_after, k) * comb(n_before, delivered - k) for k in range(low, c + 1))
        / denominator
    )


@dataclass
class Finding:
    person_id: int
    measure: str  # "delivery": letters that arrived; "replies": letters answered
    since: dt.datetime
    before: tuple[int, int]  # delivered, total
    after: tuple[int, int]
    p_value: float
    facility_p_value: float | None

    @property
    def whole_facility(self) -> bool:
        """True when the facility as a whole fared as badly: not one person singled out."""
        return self.facility_p_value is not None and self.facility_p_value >= ALPHA


def _history(person_id: int, measure: str) -> list[tuple[dt.datetime, bool]]:
    letters = (
        Letter.objects.filter(person_id=person_id, state__in=DELIVERED | FAILED)
        .annotate(sent_at=Min("events__at", filter=Q(events__state=State.DISPATCHED)))
        .exclude(sent_at=None)
        .values_list("sent_at", "state")
        .order_by("sent_at")
    )
    good = DELIVERED if measure == "delivery" else {State.ANSWERED}
    return [(sent_at, state in good) for sent_at, state in letters]


def blockade_for(person_id: int) -> Finding | None:
    """The delivery finding if there is one, else the replies finding, else None."""
    return _finding(person_id, "delivery") or _finding(person_id, "replies")


def _finding(person_id: int, measure: str) -> Finding | None:
    history = _history(person_id, measure)
    splits = range(MIN_BEFORE, len(history) - MIN_AFTER + 1)
    if not splits:
        return None  # too few letters to say anything
    best: tuple[float, int] | None = None
    for split in splits:
        before, after = history[:split], history[split:]
        a = sum(ok for _t, ok in before)
        c = sum(ok for _t, ok in after)
        if c / len(after) >= a / len(before):
            continue
        p = fisher_less(a, len(before) - a, c, len(after) - c)
        if best is None or p < best[0]:
            best = (p, split)
    if best is None or best[0] * len(splits) >= ALPHA:
        return None
    p, split = best
    before, after = history[:split], history[split:]
    since = after[0][0]
    return Finding(
        person_id=person_id,
        measure=measure,
        since=since,
        before=(sum(ok for _t, ok in before), len(before)),
        after=(sum(ok for _t, ok in after), len(after)),
        p_value=min(1.0, p * len(splits)),
        facility_p_value=_facility_comparison(person_id, since, after, measure),
    )


def _facility_comparison(
    person_id: int, since: dt.datetime, after: list[tuple[dt.datetime, bool]], measure: str
) -> float | None:
    """This person's letters since `since` against the rest of their facility's."""
    facility_id = Person.objects.filter(pk=person_id).values_list("facility_id", flat=True).first()
    if facility_id is None:
        return None
    others = (
        Letter.objects.filter(person__facility_id=facility_id, state__in=DELIVERED | FAILED)
        .exclude(person_id=person_id)
        .annotate(sent_at=Min("events__at", filter=Q(events__state=State.DISPATCHED)))
        .filter(sent_at__gte=since)
        .values_list("state", flat=True)
    )
    good = DELIVERED if measure == "delivery" else {State.ANSWERED}
    outcomes = [state in good for state in others]
    if len(outcomes) < MIN_BEFORE:
        return None
    a, c = sum(outcomes), sum(ok for _t, ok in after)
    return fisher_less(a, len(outcomes) - a, c, len(after) - c)


def findings() -> list[Finding]:
    """Every prisoner whose letters probably stopped getting through."""
    people = (
        Letter.objects.filter(state__in=DELIVERED | FAILED)
        .values_list("person_id", flat=True)
        .distinct()
    )
    found = [blockade_for(person_id) for person_id in people]
    return sorted((f for f in found if f), key=lambda f: f.p_value)
