"""The letters' part of a public person page (registry.extensions): write, and blockades."""

from typing import Any

from django.http import HttpRequest


def person_part(request: HttpRequest, person: Any) -> tuple[str, dict[str, Any]] | None:
    if not person.accepts_letters:
        return None
    from .services.blockade import blockade_for

    # Where letters stop arriving says where the person is: only with address consent.
    blockade = blockade_for(person.pk) if person.consent_publish_address else None
    return "letters/person_part.html", {"person": person, "blockade": blockade}


def facility_part(request: HttpRequest, facility: Any) -> tuple[str, dict[str, Any]]:
    """The letters posted to a facility, by what became of them (staff page)."""
    from django.db.models import Count

    from .models import Letter, State

    by_state = dict(
        Letter.objects.filter(sent_to=facility).values_list("state").annotate(n=Count("id"))
    )
    counts = [(s.value, s.label, by_state[s.value]) for s in State if by_state.get(s.value)]
    arrived = sum(by_state.get(s, 0) for s in (State.DELIVERED, State.ANSWERED))
    return "letters/facility_part.html", {"counts": counts, "arrived": arrived,
                                         "sent": sum(by_state.values())}  # fmt: skip
