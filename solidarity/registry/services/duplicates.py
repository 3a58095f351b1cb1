"""Who in the registry a new or imported person most likely already is."""

from __future__ import annotations

from ..models import Person
from ..partial_date import PartialDate
from .search import filter_by_name


def likely_duplicates(
    name: str, *, birth_date: PartialDate | None = None, exclude: int | None = None, limit: int = 10
) -> list[Person]:
    """People whose names match every word of `name` in any script or spelling (the search
    index's folded keys: "Skoriakin" finds "Скорякин"), hidden people included. Those
    born in the same year come first; people with a different known birth year are left
    out, since the name alone then says they are someone else."""
    if not name.strip():
        return []
    found = filter_by_name(Person.objects.all(), name).select_related("status")
    if exclude is not None:
        found = found.exclude(pk=exclude)
    people = list(found[: limit * 3])
    if birth_date is not None:
        year = birth_date.year
        people = [p for p in people if p.birth_date is None or p.birth_date.year == year]
        people.sort(key=lambda p: p.birth_date is None)
    return people[:limit]
