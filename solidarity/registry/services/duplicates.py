"""Who in the registry a new or imported person most likely already is."""

from __future__ import annotations

from .. import hiding, names
from ..models import Person, PersonSearchTerm
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
    found = filter_by_name(Person.objects.all(), name, hidden=True).select_related("status")
    if exclude is not None:
        found = found.exclude(pk=exclude)
    people = list(found[: limit * 3])
    if birth_date is not None:
        year = birth_date.year
        people = [p for p in people if p.birth_date is None or p.birth_date.year == year]
        people.sort(key=lambda p: p.birth_date is None)
    return people[:limit]


def _same_year(known: PartialDate | None, given: PartialDate | None) -> bool:
    return known is None or given is None or known.year == given.year


def likely_duplicates_many(
    wanted: list[tuple[str, str, PartialDate | None]],
    *,
    chunk: int = 500,
    registered_before: int | None = None,
    most: int = 10,
) -> dict[str, list[Person]]:
    """For many new people at once (an import): {key: [people it most likely is]} for each
    (key, name, birth date) whose every name word meets a registered person's search keys
    (any script or language), the birth year not contradicting; at most `most` each. One
    query per `chunk` search keys, not one per person. `registered_before`: only people
    whose id is below it (those registered before an import began, not its own rows)."""
    words_of: dict[str, list[str]] = {}
    for key, name, _birth in wanted:
        keys = [names.name_key(w) for w in names.words(name)]
        words_of[key] = [k for k in keys if len(k) >= 2]
    every = sorted({k for keys in words_of.values() for k in keys})
    owners: dict[str, set[int]] = {}
    for start in range(0, len(every), chunk):
        part = every[start : start + chunk]
        plain_of = {hiding.blind(k): k for k in part}  # hidden people's keys are blind
        terms = PersonSearchTerm.objects.filter(term__in=[*part, *plain_of])
        if registered_before is not None:
            terms = terms.filter(person_id__lt=registered_before)
        for term, person_id in terms.values_list("term", "person_id"):
            owners.setdefault(plain_of.get(term, term), set()).add(person_id)
    candidates: dict[str, set[int]] = {}
    for key, keys in words_of.items():
        if not keys:
            continue
        found = set.intersection(*(owners.get(k, set()) for k in keys))
        if found:
            candidates[key] = set(sorted(found)[: most * 3])
    people = Person.objects.in_bulk({pk for ids in candidates.values() for pk in ids})
    births = {key: birth for key, _name, birth in wanted}
    result: dict[str, list[Person]] = {}
    for key, ids in candidates.items():
        birth = births[key]
        matches = [people[pk] for pk in sorted(ids) if _same_year(people[pk].birth_date, birth)]
        if matches:
            result[key] = matches
    return result
