"""Who is named in a text: one entry per person, in the nominative, with every mention.

Russian: natasha's NER finds the spans; pymorphy2 puts each name into the nominative,
keeping its gender ("Льва Скорякина" → "Лев Скорякин"). English: rules over a table of first
names (12,800 Russian first names from the OpenCorpora dictionary, matched on Latin spelling
skeletons, so Aleksei, Alexei and Alexey are one name) followed by a capitalised surname.
Later mentions by surname or first name alone join the person they name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from solidarity.registry.names import readable_latin
from solidarity.registry.names import skeleton as _skeleton

from . import models

DATA = Path(__file__).resolve().parent.parent / "data"

# Names repeat through a text; folding each spelling once is most of the English reader's time.
skeleton = lru_cache(maxsize=65536)(_skeleton)

# Capitalised words that start sentences or name things, never a first name here.
_EN_NOT_NAMES = {
    "the", "in", "on", "at", "and", "but", "for", "from", "with", "when", "after", "before",
    "since", "then", "there", "this", "that", "these", "those", "his", "her", "their", "our",
    "its", "she", "he", "they", "we", "you", "it", "a", "an", "as", "by", "of", "to", "or",
    "if", "so", "all", "both", "one", "two", "three", "also", "now", "later", "today",
    "mister", "russia", "russian", "moscow", "ukraine", "belarus", "berlin", "may", "march",
    "june", "july", "august", "april", "january", "october", "november", "december",
    "september", "february", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "court", "article", "criminal", "code", "federal", "district",
    "regional", "city", "state", "prison", "colony", "sizo", "fsb", "police", "left",
    "block", "telegram", "network", "free", "solidarity", "zone", "memorial", "mark",
    "will", "rose", "art", "grant", "page", "bill", "long", "young", "summer", "winter",
}  # fmt: skip
_EXTRA_LATIN_FIRST = {
    "alexander", "alexandra", "peter", "paul", "michael", "catherine", "helen", "julia",
    "maria", "mary", "george", "joseph", "jacob", "daniel", "david", "anna", "eva", "sophia",
    "victoria", "eugene", "elena", "alena", "alyona", "yegor", "egor", "yevgeny", "evgeny",
    "kirill", "kyrylo", "mykola", "oleksandr", "olena", "andriy", "serhiy", "dmytro",
}  # fmt: skip
_EN_TOKEN = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|[A-Z]\.")
# Surname endings of the region's languages in Latin spelling: Russian, Belarusian,
# Ukrainian, Polish, Georgian, Armenian, Turkic.
_LATIN_SURNAME = re.compile(
    r"(ov|ova|ev|eva|yov|yova|in|ina|yn|yna|sky|skiy|skaya|ski|skaia|tsky|tskaya|enka|enko|"
    r"uk|iuk|yuk|chuk|ich|vich|ko|dze|shvili|yan|ian|aev|iev|uly|kyzy|bekov|ovs|ok|ik)$"
)
_PATRONYMIC = re.compile(r"(ovich|evich|ich|ovna|evna|ichna|yevich|yevna)$")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    person: int = -1


@dataclass
class Person:
    name: str
    name_latin: str
    surname: str
    first: str
    female: bool | None
    mentions: list[Mention] = field(default_factory=list)

    def key(self) -> str:
        return skeleton(self.surname or self.first)


@cache
def first_name_skeletons() -> frozenset[str]:
    lines = (DATA / "first_names.txt").read_text(encoding="utf-8").splitlines()
    names = {skeleton(line) for line in lines if line and not line.startswith("#")}
    return frozenset(names | {skeleton(n) for n in _EXTRA_LATIN_FIRST})


def _is_first_name(token: str) -> bool:
    """A first name in Latin letters: Russian names in any romanisation (skeletons), or a
    name of any of gender-guesser's 54 countries as spelt there (Siarhei, Emir, Zarema)."""
    low = token.lower()
    if len(token) < 3 or low in _EN_NOT_NAMES:
        return False
    if skeleton(low) in first_name_skeletons():
        return True
    parts = low.split("-")
    return all(part in models.latin_first_names() for part in parts)


def sex_of_first_name(token: str) -> bool | None:
    """True for a woman's name, False for a man's, None when unknown or either."""
    sex = models.latin_first_names().get(token.lower().split("-")[0])
    return {"female": True, "male": False}.get(sex or "")


def _strip_possessive(token: str) -> str:
    return re.sub(r"['’]s?$", "", token)


# --- Russian -----------------------------------------------------------------------------


def _ru_nominative(words: list[str]) -> tuple[list[str], bool | None]:
    normal, female = _ru_nominative_cached(tuple(words))
    return list(normal), female


@lru_cache(maxsize=8192)
def _ru_nominative_cached(words: tuple[str, ...]) -> tuple[tuple[str, ...], bool | None]:
    """The nominative of a name's words, agreeing in gender and case across the words.

    Each word offers (gender, case) readings with pymorphy's probability; the reading all
    words share with the highest joint probability wins, so "Марину Смолину" is Марина
    Смолина (feminine accusative), not Марин Смолин (a rare masculine dative)."""
    morph = models.russian()["morph"]
    options: list[dict[tuple[str, str], tuple[str, float]]] = []
    for word in words:
        forms: dict[tuple[str, str], tuple[str, float]] = {}
        for parse in morph.parse(word):
            tag = parse.tag
            if tag.POS != "NOUN" and not {"Name", "Surn", "Patr"} & set(tag.grammemes):
                continue
            if tag.number == "plur":
                continue
            key = (tag.gender or "masc", str(tag.case))
            nominative = parse.inflect({"nomn"}) if tag.case != "nomn" else parse
            if nominative is None:
                continue
            # a name reading counts for more than a common noun with the same letters
            weight = parse.score * (2.0 if {"Name", "Surn", "Patr"} & set(tag.grammemes) else 1.0)
            if key not in forms or forms[key][1] < weight:
                forms[key] = (nominative.word, weight)
        options.append(forms)
    if not options or not all(options):
        return tuple(words), None
    shared = set(options[0])
    for forms in options[1:]:
        shared &= set(forms)
    if not shared:
        return tuple(max(forms.values(), key=lambda f: f[1])[0] for forms in options), None

    def joint(key: tuple[str, str]) -> float:
        score = 1.0
        for forms in options:
            score *= forms[key][1] + 1e-6
        return score

    best = max(sorted(shared), key=joint)
    return tuple(forms[best][0] for forms in options), best[0] == "femn"


def _ru_trim(words: list[str]) -> list[str]:
    """Drop a common noun the NER took in with a name: "Студентку Анну Смирнову"."""
    morph = models.russian()["morph"]

    def common(word: str) -> bool:
        parses = morph.parse(word.lower())
        return all(
            p.is_known and not {"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in parses
        )

    while len(words) > 1 and common(words[0]):
        words = words[1:]
    return words


def _ru_forms(word: str) -> list[str]:
    return list(_ru_forms_cached(word))


@lru_cache(maxsize=8192)
def _ru_forms_cached(word: str) -> tuple[str, ...]:
    """The nominatives a single inflected name may have, most likely first."""
    morph = models.russian()["morph"]
    forms = []
    for parse in morph.parse(word.lower()):
        if parse.tag.POS != "NOUN" or parse.tag.number == "plur":
            continue
        nominative = parse.inflect({"nomn"}) if parse.tag.case != "nomn" else parse
        if nominative is not None:
            forms.append(_restore_case(word, nominative.word))
    return tuple(dict.fromkeys(forms)) or (word,)


def _restore_case(original: str, word: str) -> str:
    return (
        "-".join(p[:1].upper() + p[1:] for p in word.split("-")) if original[:1].isupper() else word
    )


def _russian_people(text: str, entities: list[tuple[int, int, str]]) -> list[Mention]:
    mentions = []
    for start, end, kind in entities:
        if kind == "PER":
            mentions.append(Mention(start, end, text[start:end]))
    return mentions


# --- English -----------------------------------------------------------------------------


def _english_people(text: str) -> list[Mention]:
    """Names from spaCy's NER (two words or more) and from the first-name rule (a known first
    name, then capitalised words, a patronymic allowed between), the longer where they
    overlap. The rule finds the Belarusian, Crimean Tatar and Central Asian names the small
    model misses; the model finds surnames-first and unlisted first names."""
    spans = [(m.start, m.end) for m in _english_rule_people(text)]
    entities = models.english_entities(text)
    for start, end, label in entities:
        if label != "PERSON":
            continue
        found = list(_EN_TOKEN.finditer(text, start, end))
        raw = _strip_possessive(text[start:end])
        if len(found) < 2 or not raw[:1].isupper() or re.search(r"[^\w\s.'’-]", raw):
            continue
        words = [_strip_possessive(t.group(0)) for t in found]
        if any(w.lower() in _EN_NOT_NAMES for w in words):
            continue
        # the small model also calls groups and slogans people ("Antifa United"): keep a
        # span only where a word is a known first name or has a surname's ending
        if not any(_is_first_name(w) or _LATIN_SURNAME.search(w.lower()) for w in words):
            continue
        spans.append((start, start + len(raw)))
    spans.sort(key=lambda span: (span[0], -span[1]))
    mentions: list[Mention] = []
    for start, end in spans:
        if mentions and start < mentions[-1].end:
            if end > mentions[-1].end:
                mentions[-1] = Mention(mentions[-1].start, end, text[mentions[-1].start : end])
            continue
        mentions.append(Mention(start, end, text[start:end]))
    return mentions


def _english_rule_people(text: str) -> list[Mention]:
    tokens = list(_EN_TOKEN.finditer(text))
    mentions = []
    i = 0
    while i < len(tokens):
        first = tokens[i]
        if not _is_first_name(first.group(0)):
            i += 1
            continue
        parts = [first]
        j = i + 1
        while j < len(tokens) and len(parts) < 4:
            gap = text[parts[-1].end() : tokens[j].start()]
            if gap not in (" ", "\xa0"):
                break
            word = _strip_possessive(tokens[j].group(0))
            if word.lower() in _EN_NOT_NAMES or len(word) < 2:
                break
            parts.append(tokens[j])
            j += 1
            if not _PATRONYMIC.search(word.lower()) and not word.endswith("."):
                break
        # "Karimov Ruslan Ilyasovich": a surname before the first name and patronymic
        if (
            len(parts) >= 2
            and _PATRONYMIC.search(parts[-1].group(0).lower())
            and i > 0
            and text[tokens[i - 1].end() : first.start()] in (" ", "\xa0")
            and tokens[i - 1].group(0).lower() not in _EN_NOT_NAMES
            and not _is_first_name(tokens[i - 1].group(0))
        ):
            parts.insert(0, tokens[i - 1])
        if len(parts) >= 2:
            end = parts[-1].end()
            raw = _strip_possessive(text[parts[0].start() : end])
            mentions.append(Mention(parts[0].start(), parts[0].start() + len(raw), raw))
            i = j
        else:
            i += 1
    return mentions


# --- Grouping ----------------------------------------------------------------------------


def _person_from(words: list[str], latin: bool, female: bool | None) -> Person:
    name = " ".join(words)
    first = words[0] if len(words) > 1 else ""
    surname = words[-1]
    if len(words) == 1:
        first, surname = "", words[0]
    return Person(
        name=name,
        name_latin=name if latin else readable_latin(name),
        surname=surname,
        first=first,
        female=female,
    )


def find(
    text: str, language: str, entities: list[tuple[int, int, str]] | None = None
) -> tuple[list[Person], list[Mention]]:
    """The people a text names and every mention of each, in text order."""
    if language == "ru":
        raw = _russian_people(text, entities or models.russian_entities(text))
    else:
        raw = _english_people(text)
    people: list[Person] = []
    singles: list[tuple[Mention, list[str], bool | None]] = []
    for mention in raw:
        words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*\.?", mention.text)
        if not words:
            continue
        female = None
        if language == "ru":
            words = _ru_trim(words)
            if not words:
                continue
            if len(words) == 1:
                singles.append((mention, _ru_forms(words[0]), None))
                continue
            normal, female = _ru_nominative([w.lower() for w in words])
            words = [_restore_case(o, n) for o, n in zip(words, normal, strict=False)]
        else:
            words = [_strip_possessive(w) for w in words]
        if len(words) == 1:
            singles.append((mention, words, female))
            continue
        candidate = _person_from(words, language != "ru", female)
        index = _same_person(people, candidate)
        if index is None:
            people.append(candidate)
            index = len(people) - 1
        elif len(candidate.name) > len(people[index].name):
            # the fullest form (with a patronymic) names the person
            mentions = people[index].mentions
            people[index] = candidate
            people[index].mentions = mentions
        mention.person = index
        people[index].mentions.append(mention)
    for mention, words, female in singles:
        index = next(
            (i for i in (_single_word_owner(people, w) for w in words) if i is not None), None
        )
        if index is None:
            if language != "ru" or not _looks_like_surname(words[0]):
                continue
            people.append(_person_from(words[:1], False, female))
            index = len(people) - 1
        mention.person = index
        people[index].mentions.append(mention)
    if language != "ru":
        _english_short_mentions(text, people)
    else:
        _russian_short_mentions(text, people)
    for person in people:
        person.mentions.sort(key=lambda m: m.start)
    mentions = sorted((m for p in people for m in p.mentions), key=lambda m: m.start)
    return people, mentions


def _same_person(people: list[Person], candidate: Person) -> int | None:
    for i, person in enumerate(people):
        if skeleton(person.surname) == skeleton(candidate.surname) and (
            not person.first
            or not candidate.first
            or skeleton(person.first)[:3] == skeleton(candidate.first)[:3]
        ):
            return i
    return None


def _single_word_owner(people: list[Person], word: str) -> int | None:
    key = skeleton(word)
    by_surname = [i for i, p in enumerate(people) if skeleton(p.surname) == key]
    if len(by_surname) == 1:
        return by_surname[0]
    by_first = [i for i, p in enumerate(people) if p.first and skeleton(p.first) == key]
    if len(by_first) == 1:
        return by_first[0]
    return None


def _looks_like_surname(word: str) -> bool:
    morph = models.russian()["morph"]
    return any("Surn" in p.tag for p in morph.parse(word.lower())) or bool(
        re.search(r"(ов|ев|ин|ын|ский|цкий|ая|ова|ева|ина|ко|ук|юк|ич)$", word.lower())
    )


def _covered(people: list[Person]) -> set[int]:
    return {i for p in people for m in p.mentions for i in range(m.start, m.end)}


def _english_short_mentions(text: str, people: list[Person]) -> None:
    """Surname or first name alone ("Lev was lucky", "Skoryakin's lawyer")."""
    taken = _covered(people)
    for token in _EN_TOKEN.finditer(text):
        start = token.start()
        if start in taken:
            continue
        word = _strip_possessive(token.group(0))
        if word.lower() in _EN_NOT_NAMES:
            continue
        index = _single_word_owner(people, word)
        if index is not None:
            people[index].mentions.append(Mention(start, start + len(word), word, index))


def _russian_short_mentions(text: str, people: list[Person]) -> None:
    """A surname alone in any case form that the NER passed over ("Васильеву предъявили")."""
    taken = _covered(people)
    surnames = {skeleton(p.surname)[:4] for p in people}
    for token in re.finditer(r"\b[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?", text):
        start = token.start()
        if start in taken or skeleton(token.group(0))[:4] not in surnames:
            continue
        for form in _ru_forms(token.group(0)):
            index = _single_word_owner(people, form)
            if index is not None:
                people[index].mentions.append(Mention(start, token.end(), token.group(0), index))
                break
