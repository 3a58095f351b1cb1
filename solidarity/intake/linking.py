"""Is a person in a text someone the registry already has? Across scripts and spellings.

Candidates come from the registry's own name index (any script, case endings folded, see
registry/names.py), searched by surname; each is then scored with rapidfuzz on the folded
skeletons of every name the registry knows for them (name, Latin name, aliases).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from solidarity.registry import names
from solidarity.registry.models import Person
from solidarity.registry.services.search import filter_by_name

# At or above this score (0-100) the proposal is "link to X"; below, "new person" with the
# candidates shown.
LINK_THRESHOLD = 88.0


@dataclass
class Candidate:
    person_id: int
    name: str
    score: float


def folded(name: str) -> str:
    return " ".join(names.skeleton(word) for word in names.words(name))


def _score(extracted: str, known: list[str]) -> float:
    mine = folded(extracted)
    best = 0.0
    for name in known:
        theirs = folded(name)
        if not theirs:
            continue
        # token_set: "Lev Skoryakin" against "Lev Andreyevich Skoryakin" is a full match;
        # a surname alone is weaker evidence than a surname and a first name.
        score = fuzz.token_set_ratio(mine, theirs)
        if len(mine.split()) == 1 or len(theirs.split()) == 1:
            score = min(score, 80.0)
        best = max(best, score)
    return best


def candidates(name: str, limit: int = 5) -> list[Candidate]:
    words = names.words(name)
    if not words:
        return []
    people = filter_by_name(Person.objects.all(), words[-1], hidden=True).prefetch_related(
        "aliases"
    )[:50]
    scored = []
    for person in people:
        known = [person.name, person.name_latin, *(a.name for a in person.aliases.all())]
        scored.append(Candidate(person.pk, person.name, _score(name, [k for k in known if k])))
    scored.sort(key=lambda c: -c.score)
    return scored[:limit]


def best_match(name: str) -> tuple[Candidate | None, list[Candidate]]:
    found = candidates(name)
    if found and found[0].score >= LINK_THRESHOLD:
        return found[0], found
    return None, found
