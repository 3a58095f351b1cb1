"""Find people by any spelling of any of their names (see names.py for the folding)."""

from django.db import connection
from django.db.models import Q, QuerySet

from .. import names
from ..models import Person, PersonSearchTerm


def _prefix(key: str) -> Q:
    if connection.vendor == "sqlite":
        # SQLite's LIKE is case-insensitive and skips the index; keys are a-z only, so a
        # binary range is the same test and uses it. '{' sorts right after 'z' in ASCII.
        return Q(term__gte=key, term__lt=key + "{")
    # PostgreSQL: Django adds a varchar_pattern_ops index for LIKE 'key%' on this column.
    return Q(term__startswith=key)


def filter_by_name(people: QuerySet[Person], query: str) -> QuerySet[Person]:
    """Every word of the query must match one of the person's names (in any script)."""
    tokens = names.query_tokens(query)
    if not tokens:
        return people
    for key, stems in tokens:
        condition = Q(term__in=sorted(stems))
        if len(key) >= 2:
            condition |= _prefix(key)
        people = people.filter(
            id__in=PersonSearchTerm.objects.filter(condition).values("person_id")
        )
    return people
