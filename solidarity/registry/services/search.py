"""Find people by any spelling of any of their names (see names.py for the folding)."""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, QuerySet

from .. import hiding, names
from ..models import Charge, Person, PersonSearchTerm

# Up to this many matches per word, the ids are fetched first and passed as a list. The
# database then plans the page from a known, small set; given a subquery instead,
# PostgreSQL guessed its size badly and walked the whole name index (100 ms instead of 2).
ID_LIST_LIMIT = 5000
ROW_LIMIT = 4 * ID_LIST_LIMIT


def _prefix(key: str) -> Q:
    if connection.vendor == "sqlite":
        # SQLite's LIKE is case-insensitive and skips the index; keys are a-z only, so a
        # binary range is the same test and uses it. '{' sorts right after 'z' in ASCII.
        return Q(term__gte=key, term__lt=key + "{")
    # PostgreSQL: Django adds a varchar_pattern_ops index for LIKE 'key%' on this column.
    return Q(term__startswith=key)


def filter_by_name(
    people: QuerySet[Person], query: str, *, hidden: bool = False
) -> QuerySet[Person]:
    """Every word of the query must match one of the person's names (in any script).

    `hidden`: also hidden people, whose keys are blind (registry/hiding.py): they match
    whole words only. Staff pages ask for them; the public search never looks at a blind
    key, so a hidden person's name takes it no longer than a name nobody has."""
    for key, stems in names.query_tokens(query):
        condition = Q(term__in=hiding.query_keys(stems) if hidden else sorted(stems))
        if len(key) >= 2:
            condition |= _prefix(key)
        matches = PersonSearchTerm.objects.filter(condition).values_list("person_id", flat=True)
        # Rows, not DISTINCT people: given DISTINCT and LIMIT, PostgreSQL walked the
        # person_id index and tested every key (200 ms at a million people); a person has a
        # few matching keys at most, so a few times the limit in rows is the same test.
        rows = list(matches.order_by()[: ROW_LIMIT + 1])
        ids = sorted(set(rows))
        if len(rows) <= ROW_LIMIT and len(ids) <= ID_LIST_LIMIT:
            people = people.filter(id__in=ids)
        else:
            people = people.filter(id__in=matches)
    return people


# --- Articles in the search box, "did you mean" (added for the public list) ---------------

# "213", "ст. 213", "ч. 2 ст. 213", "205.2 ч. 2", "art. 280.3 part 1", "361-1": a number of
# two or three digits (with a point or a dash and more digits) is an article, not a name.
_PART = r"(?:ч\.?|часть|частью|part|pt\.?|p\.)\s*"
_ARTICLE = re.compile(
    rf"(?:{_PART}(?P<part_before>\d{{1,2}})\s*,?\s*)?"
    r"(?:(?:ст\.?|статья|статье|статьи|art\.?|article)\s*)?"
    r"(?<!\d)(?<!\d\.)(?P<number>\d{2,3}(?:[.]\d{1,2})?(?:-\d{1,2})?)(?!\d|\.\d)"
    rf"(?:\s*,?\s*{_PART}(?P<part>\d{{1,2}}))?",
    re.IGNORECASE,
)
SUGGESTION_CUTOFF = 75


@dataclass(frozen=True)
class ArticleQuery:
    number: str
    part: str = ""
    rest: str = ""  # what is left of the query: words of a name


def article_in_query(query: str) -> ArticleQuery | None:
    """The article a search names, if it names one ("ст. 205.2 ч. 2" -> 205.2, part 2)."""
    match = _ARTICLE.search(query)
    if match is None:
        return None
    rest = (query[: match.start()] + " " + query[match.end() :]).strip(" ,.;")
    return ArticleQuery(match["number"], match["part"] or match["part_before"] or "", rest)


def filter_by_article(people: QuerySet[Person], found: ArticleQuery) -> QuerySet[Person]:
    """People with a charge under the article (and part, when given)."""
    charges = Charge.objects.filter(article__number=found.number)
    if found.part:
        charges = charges.filter(part=found.part)
    return people.filter(id__in=charges.values("person_id"))


def filter_by_initials(people: QuerySet[Person], query: str) -> QuerySet[Person]:
    """One-letter words ("Kozyreva D.") as the start of a name: filter_by_name needs two."""
    for key, _stems in names.query_tokens(query):
        if len(key) == 1:
            matches = PersonSearchTerm.objects.filter(_prefix(key))
            people = people.filter(id__in=matches.values("person_id"))
    return people


def did_you_mean(query: str, public: QuerySet[Person], limit: int = 3) -> list[Person]:
    """Public people whose names are nearest to a query that found nobody (rapidfuzz over
    the folded keys, so "Скарякин" and "Skoryakn" both reach Skoryakin)."""
    from rapidfuzz import fuzz, process

    tokens = [key for key, _stems in names.query_tokens(query) if len(key) >= 3]
    if not tokens:
        return []
    scores: dict[int, float] = {}
    for key in tokens:
        # Candidates share the first letter (one indexed range, not every key of a large
        # registry); a slip in the first letter is rarer than one further on.
        terms: dict[str, set[int]] = {}
        candidates = PersonSearchTerm.objects.filter(_prefix(key[0]), person__in=public)
        for term, person_id in candidates.values_list("term", "person_id"):
            if abs(len(term) - len(key)) <= 3:
                terms.setdefault(term, set()).add(person_id)
        for term, score, _index in process.extract(
            key, list(terms), scorer=fuzz.ratio, score_cutoff=SUGGESTION_CUTOFF, limit=10
        ):
            for person_id in terms[term]:
                scores[person_id] = scores.get(person_id, 0) + score
    best = sorted(scores, key=lambda pk: -scores[pk])[:limit]
    found = {p.pk: p for p in public.filter(pk__in=best).only("slug", "name", "name_latin")}
    return [found[pk] for pk in best if pk in found]
