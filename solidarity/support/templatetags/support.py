"""The open needs of a person, for their public page (only with consent, like the page)."""

from typing import Any

from django import template

from ..models import Need, NeedStatus

register = template.Library()


@register.inclusion_tag("support/open_needs.html")
def open_needs(person: Any) -> dict[str, Any]:
    needs = []
    if person.consent_publish_name:
        needs = list(
            Need.objects.filter(person=person).exclude(status=NeedStatus.CLOSED)
            .exclude(status=NeedStatus.COVERED)
        )  # fmt: skip
    return {"needs": needs}
