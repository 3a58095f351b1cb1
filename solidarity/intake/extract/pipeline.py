"""One document in, one JSON-ready dict out: people, charges, sentences, events and more.

Sentence by sentence: find the people named (or referred to: "he", "both", "all three"),
the dates (carrying the year and the last date forward for relative phrases), and the
charges, sentences and events, each tied to the nearest person and carrying its quote.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import razdel
from django.utils.translation import gettext_noop

from solidarity.errors import Refusal
from solidarity.language import detect_language

from . import dates as d
from . import facts, models
from . import people as p


class LanguageError(Refusal):
    """A text in a language the extractor does not read."""


_GROUPS = [
    # everyone the text has named as accused so far
    (
        re.compile(
            r"\b(the defendants|the accused|all of them|each of them|every one of them|"
            r"подсудимы[ехм]\w*|осужденны[ехм]\w*|осуждённы[ехм]\w*|обвиняемы[ехм]\w*|"
            r"каждому из них|каждый из них|каждого из них|все они|всех их|им всем)\b",
            re.I,
        ),
        -1,
    ),
    # everyone named so far but those this sentence names: "the others", «остальные»
    (
        re.compile(
            r"\b(the others|the other defendants|the rest|other defendants|остальны[еxм]\w*|"
            r"другие фигуранты|других фигурантов)\b",
            re.I,
        ),
        -2,
    ),
    (re.compile(r"\b(all three|the three|все трое|всех троих|всем троим|троих)\b", re.I), 3),
    (re.compile(r"\b(all four|все четверо|всех четверых)\b", re.I), 4),
    (re.compile(r"\b(both|the two|the pair|оба|обоих|обоим|обе|обеим|двоих|оба они)\b", re.I), 2),
    (re.compile(r"\b(they|them|their|они|их|им|у них)\b", re.I), 0),
]
_EN_PLACE = re.compile(r"\b(?:in|to|from|near) (?P<place>[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?)")
_NOT_PLACES = {"Russia's", "Article", "Part", "The", "A"}


def language_of(text: str) -> str:
    language = detect_language(text)
    if language not in ("ru", "en"):
        raise LanguageError(
            gettext_noop(
                "the text is in '%(language)s'; only Russian (ru) and English (en) can be read"
            ),
            language=language,
        )
    return language


def _quote(text: str, start: int, end: int) -> str:
    return re.sub(r"\s+", " ", text[start:end]).strip()


def extract(text: str, source: str = "", published: datetime.date | None = None) -> dict[str, Any]:
    """The facts a document tells (shape: docs/intake.md). `published`, the document's date,
    gives dates written without a year their year; such events carry "inferred": true."""
    language = language_of(text)
    entities = models.russian_entities(text) if language == "ru" else []
    persons, mentions = p.find(text, language, entities)
    result: dict[str, Any] = {
        "source": source, "language": language,
        "persons": [], "charges": [], "sentences": [], "events": [],
        "organizations": [], "cases": [], "facilities": [], "places": [],
    }  # fmt: skip
    anchor: d.DateMention | None = None
    recent: list[int] = []  # people in the order last mentioned
    seen_charges: dict[tuple[str, str], dict[str, Any]] = {}
    seen_sentences: set[tuple[str, int]] = set()
    seen_events: set[tuple[str, str, str | None]] = set()
    facility_names: dict[str, None] = {}
    places: dict[str, None] = {}
    context = _Context(recent)
    context.female = {i: person.female for i, person in enumerate(persons)}
    code = facts.criminal_code(text)  # the code the text's articles are under
    last_dated: dict[int, d.DateMention] = {}  # person → their last event's date
    last_article: str | None = None
    starts = [m.start for m in mentions]
    for start, stop, stext, paragraph in _sentences(text):
        here = mentions[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, stop)]
        if paragraph != context.paragraph:
            # a sentencing line ending in ":" announces a list: "sentenced as follows:"
            previous_text = text[context.paragraph_start : start].rstrip()
            if previous_text.endswith(":") and facts.is_sentencing(previous_text[-300:]):
                context.list_of_terms = True
            elif len(stext) > 200 or previous_text.endswith("."):
                context.list_of_terms = False
            context.paragraph, context.topic = paragraph, None
            context.paragraph_start = start
        if here and _is_heading(stext, here[0], start):
            context.speaker = here[0].person
        found_dates = d.find_absolute(stext)
        d.fill_years(stext, found_dates, published)
        relative = d.resolve_relative(stext, anchor)
        sentence_places = _places(text, start, stop, entities, stext, language, persons)
        places.update(dict.fromkeys(name for name, _at in sentence_places))
        sentence_facilities = facts.facilities(stext)
        facility_names.update(dict.fromkeys(f.value["name"] for f in sentence_facilities))

        def who(
            offset: int, _here: list[p.Mention] = here, _stext: str = stext, _start: int = start
        ) -> list[int]:
            owners = _owners(_start + offset, _here, _stext, _start, context, text)
            if len(owners) == 1:
                context.topic = owners[0]
            return owners

        for event in facts.events(stext):
            owners = who(event.start)
            for owner in owners:
                # "two days later" counts from this person's last dated event, not from
                # whatever date the text gave last (another person's, another occasion's)
                own = last_dated.get(owner)
                own_relative = d.resolve_relative(stext, own) if own is not None else relative
                if own_relative is not None:
                    # "через три месяца, 14 ноября": the day told right after takes the
                    # year the relative phrase gives
                    for x in found_dates:
                        if x.year is None and x.month and _explicit_follows(own_relative, [x]):
                            x.year, x.inferred = own_relative.year, own_relative.inferred
                when = _dates_for(event, found_dates, own_relative, stext)
                for date in when:
                    if date is not None and date.year is not None:
                        last_dated[owner] = date
                    value = date.value() if date else None
                    ekey = (persons[owner].name, event.value["type"], value)
                    if ekey in seen_events:
                        continue
                    seen_events.add(ekey)
                    result["events"].append({
                        "person": persons[owner].name, "type": event.value["type"],
                        "date": value, "inferred": bool(date and value and date.inferred),
                        "place": _nearest(sentence_places, event.start),
                        "facility": sentence_facilities[0].value["name"]
                        if sentence_facilities else None,
                        "evidence": _quote(stext, *_evidence_span(stext, event.start, event.end)),
                        "start": start + event.start, "end": start + event.end,
                        "sentence": [start, stop],
                    })  # fmt: skip
        for charge in facts.charges(stext, code):
            if charge.value["article"] == "=":
                if last_article is None:
                    continue
                charge.value["article"] = last_article
            last_article = charge.value["article"]
            for owner in who(charge.start):
                key = (persons[owner].name, charge.value["article"])
                previous = seen_charges.get(key)
                if previous is not None:
                    if previous["part"] is None and charge.value["part"]:
                        previous["part"] = charge.value["part"]
                    if not previous.get("stage") and charge.value.get("stage"):
                        previous["stage"] = charge.value["stage"]
                    continue
                row = {
                    "person": persons[owner].name, "code": code,
                    "article": charge.value["article"], "part": charge.value["part"],
                    "stage": charge.value.get("stage"),
                    "evidence": _quote(stext, charge.start, charge.end),
                    "start": start + charge.start, "end": start + charge.end,
                    "sentence": [start, stop],
                }  # fmt: skip
                seen_charges[key] = row
                result["charges"].append(row)
        found_terms = facts.sentences(stext, listed_after=context.list_of_terms)
        owners_of_terms = [who(term.start) for term in found_terms]
        # "X and Y were sentenced to 9 and 7 years (respectively)": one term each, in order
        if (
            len(found_terms) >= 2
            and all(o == owners_of_terms[0] for o in owners_of_terms)
            and len(owners_of_terms[0]) == len(found_terms)
        ):
            owners_of_terms = [[o] for o in owners_of_terms[0]]
        for term, term_owners in zip(found_terms, owners_of_terms, strict=True):
            for owner in term_owners:
                skey = (persons[owner].name, term.value["months"])
                if skey in seen_sentences:
                    continue
                seen_sentences.add(skey)
                result["sentences"].append({
                    "person": persons[owner].name, "months": term.value["months"],
                    "regime": term.value["regime"], "suspended": term.value["suspended"],
                    "evidence": _quote(stext, term.start, term.end),
                    "start": start + term.start, "end": start + term.end,
                    "sentence": [start, stop],
                })  # fmt: skip
        dated = [x for x in found_dates if x.year is not None]
        if dated:
            anchor = dated[-1]
        elif relative is not None:
            anchor = relative
        for mention in here:
            if mention.person in recent:
                recent.remove(mention.person)
            recent.append(mention.person)
            context.topic = mention.person
        named = list(dict.fromkeys(m.person for m in here))
        if named:
            context.previous = named
    # A surname alone, never with a first name, that nothing is told of (Ницше, Гитлер in
    # an essay) is not proposed: nobody could be recorded from it.
    told = {row["person"] for facet in ("charges", "sentences", "events") for row in result[facet]}
    for person in persons:
        if not person.first and not person.patronymic and person.name not in told:
            continue
        result["persons"].append({
            "name": person.name, "name_latin": person.name_latin,
            "mentions": [[m.start, m.end] for m in person.mentions],
        })  # fmt: skip
    result["facilities"] = [{"name": name} for name in facility_names]
    result["places"] = [{"name": name} for name in places]
    result["organizations"] = _organizations(text, entities, language)
    result["cases"] = _cases(text)
    return result


@dataclass
class _Context:
    """What the reader remembers between sentences, to know who "he" or "they" is."""

    recent: list[int]  # people in the order last mentioned
    speaker: int | None = None  # the interviewee, for "I"
    previous: list[int] = field(default_factory=list)  # named in the last sentence naming any
    topic: int | None = None  # whom this paragraph is about so far
    paragraph: int = -1
    paragraph_start: int = 0
    female: dict[int, bool | None] = field(default_factory=dict)  # person → sex, if known
    list_of_terms: bool = False  # in the lines after "sentenced as follows:"


def _sentences(text: str) -> list[tuple[int, int, str, int]]:
    """Sentences within paragraphs: a title line without a full stop is a sentence too."""
    found = []
    for number, paragraph in enumerate(re.finditer(r"[^\n]+", text)):
        pieces: list[list[int]] = []
        for item in razdel.sentenize(paragraph.group(0)):
            # razdel ends a sentence at ";", where the clauses share their date and subject
            if pieces and paragraph.group(0)[: pieces[-1][1]].rstrip().endswith(";"):
                pieces[-1][1] = item.stop
            else:
                pieces.append([item.start, item.stop])
        for a, b in pieces:
            start = paragraph.start() + a
            found.append((start, paragraph.start() + b, paragraph.group(0)[a:b], number))
    return found


def _is_heading(stext: str, first: p.Mention, start: int) -> bool:
    """A short line that starts with a name and ends without a full stop: who speaks next."""
    return first.start == start and len(stext) < 100 and not stext.rstrip().endswith((".", "»"))


_PRONOUN = re.compile(
    r"\b(he|she|him|his|her|он|она|его|ее|её|ему|ей|ним|ней|нее|него)\b", re.IGNORECASE
)
# Nouns a text uses for the person it is about, in place of their name.
_THE_PERSON = re.compile(
    r"\b(активист\w*|анархист\w*|антифашист\w*|политзаключ\w*|политузни\w*|фигурант\w*|"
    r"осужденн\w*|осуждённ\w*|обвиняем\w*|подсудим\w*|задержанн\w*|журналист\w*|"
    r"the (activist|anarchist|anti-?fascist|political prisoner|prisoner|defendant|accused|"
    r"journalist|student|blogger))\b",
    re.IGNORECASE,
)
_EACH = re.compile(
    r"(each of them|every one of them|каждому из них|каждый из них|каждого из них|им всем)", re.I
)
_FEMININE = {"she", "her", "она", "ее", "её", "ей", "ней", "нее", "неё"}
_FIRST_PERSON = re.compile(r"\b(i|me|my|я|меня|мне|мной|мой|моя|моё|мое|мою)\b", re.IGNORECASE)
_JOINT = re.compile(
    r"^\s*(,|and|и|, and|,\s*и)\s*((her|his|their|их|ее|её|его)\s+)?([^\W\d_]+\s+){0,2}?$",
    re.IGNORECASE,
)


_TOGETHER = re.compile(
    r"(together with|along with|as well as|вместе с[о]?|а также)\s+((his|her|their|своим|своей|"
    r"его|ее|её)\s+)?([^\W\d_]+\s+){0,2}$",
    re.IGNORECASE,
)


def _coordinated(here: list[p.Mention], chosen: p.Mention, text: str) -> list[int]:
    """The people listed together with the chosen one: "X and Y", "X, Y и Z"."""
    index = here.index(chosen)
    group = [index]
    for step in (-1, 1):
        i = index
        while 0 <= i + step < len(here):
            a, b = (here[i], here[i + step]) if step == 1 else (here[i + step], here[i])
            between = text[a.end : b.start]
            if len(between) > 25 or not _JOINT.match(between):
                break
            i += step
            group.append(i)
    # "detained in November 2021 together with his friend Andrei Volkov"
    for i, other in enumerate(here):
        if i not in group and other.start > chosen.end:
            before = text[max(chosen.end, other.start - 40) : other.start]
            if _TOGETHER.search(before):
                group.append(i)
    return list(dict.fromkeys(here[i].person for i in sorted(group)))


def _owners(
    absolute: int,
    here: list[p.Mention],
    stext: str,
    start: int,
    context: _Context,
    text: str,
) -> list[int]:
    """Who a fact at this offset of the text is about: the nearest name and those listed
    with it, a group ("both", "all three") said before it, the person last named (for "he",
    "она"), or the speaker of an interview (for "I")."""
    local = absolute - start
    recent = context.recent
    for pattern, count in _GROUPS:
        if count < 0:
            for match in pattern.finditer(stext):
                named_between = [m for m in here if match.end() <= m.start - start < local]
                # "Приговор вынесли 12 мая: суд назначил каждому из них…": in a sentence
                # naming nobody the group word counts wherever it stands
                later = match.start() > local
                if (later and (here or not _EACH.match(match.group(0)))) or named_between:
                    continue
                # "…Мордасову и Сидорову, осужденным на…": the word describes those just named
                if count == -1 and any(m.start - start < match.start() for m in here):
                    continue
                everyone = sorted(set(recent) | {m.person for m in here})
                if count == -2:
                    excluded = {m.person for m in here if m.start - start < match.start()}
                    everyone = [p for p in everyone if p not in excluded]
                if len(everyone) >= 2 or (count == -2 and everyone):
                    return everyone
            continue
        if count == 0:
            if not here and len(context.previous) >= 2 and pattern.search(stext):
                return context.previous
            continue
        for match in pattern.finditer(stext):
            named_between = [m for m in here if match.end() <= m.start - start < local]
            if match.start() > local or named_between:
                continue
            named = list(dict.fromkeys(m.person for m in here))
            group = named if len(named) >= count else recent[-count:]
            if len(group) >= 2:
                return group[-count:]
    if here:
        before = [m for m in here if m.end <= absolute]
        after = [m for m in here if m.start >= absolute]
        # the subject usually comes first: "Skoryakin was detained"; a passive Russian
        # sentence puts the person after the verb: "задержали Льва Скорякина".
        if before and (not after or absolute - before[-1].end <= after[0].start - absolute + 40):
            return _coordinated(here, before[-1], text)
        if after:
            return _coordinated(here, after[0], text)
        return [here[-1].person]
    pronoun = _PRONOUN.search(stext)
    if pronoun and recent:
        # "she" is the last woman named, "he" the last man: not simply the last person
        wanted = pronoun.group(0).lower() in _FEMININE
        # the last person named not known to be of the other sex
        for i in reversed(recent):
            if context.female.get(i) in (wanted, None):
                return [i]
        return [recent[-1]]
    if context.speaker is not None and _FIRST_PERSON.search(stext):
        return [context.speaker]
    # "The appeal was rejected on 14 February." in a paragraph about one person
    if context.topic is not None:
        return [context.topic]
    # "суд приговорил активиста к 6 годам": the person the text last named
    if recent and _THE_PERSON.search(stext):
        return [recent[-1]]
    return []


def _dates_for(
    event: facts.Found, found: list[d.DateMention], relative: d.DateMention | None, stext: str
) -> list[d.DateMention | None]:
    # a date that names another occasion is not the event's: "protests on 26 March",
    # "the 2021 protests", «революции» — 5 ноября»
    dated = [
        x
        for x in found
        if x.year is not None
        and not _OCCASION_BEFORE.search(stext[max(0, x.start - 50) : x.start])
        and not _OCCASION_AFTER.match(stext[x.end : x.end + 30])
    ]
    if dated:
        # a list of dates joined by commas and "and" → one event each
        groups: list[list[d.DateMention]] = [[dated[0]]]
        for prev, nxt in itertools.pairwise(dated):
            if re.fullmatch(r"\s*(,|и|and|,\s*and|,\s*и)\s*", stext[prev.end : nxt.start]):
                groups[-1].append(nxt)
            else:
                groups.append([nxt])

        def distance(date: d.DateMention) -> int:
            gap = (
                stext[date.end : event.start]
                if date.end <= event.start
                else stext[event.end : date.start]
            )
            return len(gap) + 30 * len(re.findall(r"[,;:—]", gap))

        nearest = min(groups, key=lambda g: min(distance(x) for x in g))
        if (
            relative is not None
            and abs(relative.start - event.start) < min(abs(x.start - event.start) for x in nearest)
            and not _explicit_follows(relative, nearest)
        ):
            return [relative]
        return list(nearest)
    if relative is not None:
        return [relative]
    return [None]


_OCCASION = (
    r"(protests?|rall(?:y|ies)|demonstrations?|marches|elections?|revolution|"
    r"акци\w*|митинг\w*|протест\w*|шестви\w*|выбор\w*|революци\w*)"
)
_OCCASION_BEFORE = re.compile(_OCCASION + r"»?(?:\s+[^\s.;]+){0,3}?\s*(?:on|of|—|–|-)\s*$", re.I)
_OCCASION_AFTER = re.compile(r"^\s*(?:года?\s+)?" + _OCCASION, re.I)


def _explicit_follows(relative: d.DateMention, group: list[d.DateMention]) -> bool:
    return any(0 <= x.start - relative.end <= 3 for x in group)


def _evidence_span(stext: str, start: int, end: int) -> tuple[int, int]:
    left = max(stext.rfind(",", 0, max(start - 60, 0)), 0)
    left = max(left, start - 80)
    right = min(len(stext), end + 80)
    return max(left, 0), right


def _nearest(options: list[tuple[str, int]], offset: int) -> str | None:
    """The place named nearest to the event's words in its sentence."""
    if not options:
        return None
    return min(options, key=lambda o: abs(o[1] - offset))[0]


@lru_cache(maxsize=8192)
def _ru_place_word(word: str) -> str:
    """One word of a place name in the nominative: "Тверской области" → "Тверская область"."""
    parse = models.russian()["morph"].parse(word.lower())[0]
    nominative = parse.inflect({"nomn"}) if parse.tag.case else None
    form = nominative.word if nominative else word.lower()
    return form[:1].upper() + form[1:] if word[:1].isupper() else form


def _places(
    text: str,
    start: int,
    stop: int,
    entities: list[tuple[int, int, str]],
    stext: str,
    language: str,
    persons: list[p.Person],
) -> list[tuple[str, int]]:
    """Places named in the sentence (nominative in Russian), with their offsets in it."""
    if language == "ru":
        names = []
        first = bisect.bisect_left(entities, (start, -1, ""))
        for s, e, kind in entities[first:]:
            if s >= stop:
                break
            if kind == "LOC" and not text[s:e].isupper():
                normal = " ".join(_ru_place_word(word) for word in text[s:e].split())
                names.append((normal, s - start))
        return names
    skip = {x.surname for x in persons} | {x.first for x in persons}
    found = []
    for match in _EN_PLACE.finditer(stext):
        place = match.group("place")
        first_word = place.split()[0]
        if (
            first_word in skip
            or first_word in _NOT_PLACES
            or first_word.lower() in d.MONTHS_EN
            or p._is_first_name(first_word)
        ):
            continue
        found.append((place, match.start("place")))
    return found


_QUOTED_NAME = re.compile(r"[«“\"](?P<name>[^»”\"]{2,60})[»”\"]")
_ORG_WORDS = re.compile(
    r"(organi[sz]ation|group|movement|community|party|collective|union|network|"
    r"организаци\w*|групп\w*|движени\w*|сообществ\w*|парти\w*|коллектив\w*|союз\w*)\W*$",
    re.IGNORECASE,
)


def _organizations(
    text: str, entities: list[tuple[int, int, str]], language: str
) -> list[dict[str, Any]]:
    names: dict[str, list[list[int]]] = {}
    for s, e, kind in entities:
        if kind == "ORG":
            names.setdefault(text[s:e], []).append([s, e])
    for match in _QUOTED_NAME.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        if _ORG_WORDS.search(before) or re.search(r"(from|of|in|из|в) (the )?$", before):
            name = match.group("name").strip()
            if name[:1].isupper() and len(name.split()) <= 6:
                names.setdefault(name, []).append([match.start("name"), match.end("name")])
    return [{"name": n, "mentions": m} for n, m in names.items()]


_CASE = re.compile(
    r"(?:the )?[«“\"](?P<a>[^»”\"]{2,40})[»”\"] case|дел[оау] [«“\"](?P<b>[^»”\"]{2,40})[»”\"]|"
    r"\bthe case of (?P<c>[A-Z][\w-]+(?: [A-Z][\w-]+){0,3})",
)


def _cases(text: str) -> list[dict[str, Any]]:
    names: dict[str, list[list[int]]] = {}
    for match in _CASE.finditer(text):
        name = match.group("a") or match.group("b") or match.group("c")
        names.setdefault(name.strip(), []).append([match.start(), match.end()])
    return [{"name": n, "mentions": m} for n, m in names.items()]
