"""The citations of registry rows, fetched together for a page."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q

from ..models import Citation


def citations_for(objects: list[Model]) -> dict[tuple[int, int], list[Citation]]:
    """All citations of these rows in one query, keyed by (content type id, object id)."""
    wanted: dict[int, list[int]] = defaultdict(list)
    for obj in objects:
        ct = ContentType.objects.get_for_model(obj)
        wanted[ct.id].append(obj.pk)
    found: dict[tuple[int, int], list[Citation]] = defaultdict(list)
    if not wanted:
        return found
    condition = Q()
    for ct_id, ids in wanted.items():
        condition |= Q(content_type_id=ct_id, object_id__in=ids)
    for citation in Citation.objects.filter(condition).select_related("source"):
        found[(citation.content_type_id, citation.object_id)].append(citation)
    return found


def attach_citations(objects: list[Model]) -> None:
    """Set `.citations` (a list) on each row: one query for all of them."""
    citations = citations_for(objects)
    for obj in objects:
        ct = ContentType.objects.get_for_model(obj)
        obj.citations = citations.get((ct.id, obj.pk), [])  # type: ignore[attr-defined]
