"""Find people by any spelling of any of their names (see names.py for the folding)."""

from django.db import connection
from django.db.models import Q, QuerySet

from .. import names
from ..models import Person, PersonSearchTerm

# Up to this many matches per word, the ids are fetched first and passed as a list. The
# database then plans the page from a known, small set; given a subquery instead,
# PostgreSQL guessed its size badly and walked the whole name index (100 ms instead of 2).
ID_LIST_LIMIT = 5000


def _prefix(key: str) -> Q:
    if connection.vendor == "sqlite":
        # SQLite's LIKE is case-insensitive and skips the index; keys are a-z only, so a
        # binary range is the same test and uses it. '{' sorts right after 'z' in ASCII.
        return Q(term__gte=key, term__lt=key + "{")
    # PostgreSQL: Django adds a varchar_pattern_ops index for LIKE 'key%' on this column.
    return Q(term__startswith=key)


def filter_by_name(people: QuerySet[Person], query: str) -> QuerySet[Person]:
    """Every word of the query must match one of the person's names (in any script)."""
    for key, stems in names.query_tokens(query):
        condition = Q(term__in=sorted(stems))
        if len(key) >= 2:
            condition |= _prefix(key)
        matches = PersonSearchTerm.objects.filter(condition).values_list("person_id", flat=True)
        ids = list(matches.order_by().distinct()[: ID_LIST_LIMIT + 1])
        if len(ids) <= ID_LIST_LIMIT:
            people = people.filter(id__in=ids)
        else:
            people = people.filter(id__in=matches)
    return people
