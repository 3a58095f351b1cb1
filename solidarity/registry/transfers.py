"""A prisoner moved to another facility ("etap"): recorded once, announced to other apps.

Letters listen (letters/apps.py): letters not yet sent simply go to the new address, and
the writers of letters already on their way are told they may not arrive.
"""

from typing import Any

from django.db import transaction
from django.dispatch import Signal

from solidarity.accounts import audit

from .models import Facility, Person

# Sent inside the transfer's transaction: sender=Person, person=..., previous=..., actor=...
person_transferred = Signal()


def record_transfer(actor: Any, person: Person, previous: Facility | None) -> None:
    """Call after person.facility was changed and saved."""
    with transaction.atomic():
        audit.record(
            actor,
            "registry.person.transfer",
            obj=person,
            details={"from": previous.pk if previous else None, "to": person.facility_id},
        )
        person_transferred.send(Person, person=person, previous=previous, actor=actor)
