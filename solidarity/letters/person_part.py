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
