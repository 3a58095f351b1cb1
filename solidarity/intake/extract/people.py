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
    patronymic: str = ""
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
    # a double name counts by its first part: Emir-Usein, Anna-Maria (not "Anti-fascist")
    if re.search(r"-[a-z]", token):
        return False
    return low.split("-")[0] in models.latin_first_names()


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
        # the model takes in a title before the name: "Anti-fascist Yegor Lavrov"
        while (
            len(found) > 2
            and not _is_first_name(found[0].group(0))
            and _is_first_name(found[1].group(0))
        ):
            found = found[1:]
        start = found[0].start()
        raw = _strip_possessive(text[start:end])
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


def _person_from(
    words: list[str], latin: bool, female: bool | None, order: list[str] | None = None
) -> Person:
    """A person from the words of a name and their roles (first, patronymic, surname)."""
    order = order or (
        ["surname"] if len(words) == 1 else ["first"] + ["surname"] * (len(words) - 1)
    )
    first = " ".join(w for w, r in zip(words, order, strict=False) if r == "first")
    patronymic = " ".join(w for w, r in zip(words, order, strict=False) if r == "patronymic")
    surname = " ".join(w for w, r in zip(words, order, strict=False) if r == "surname")
    if not surname and not patronymic and first:
        surname, first = first, ""
    name = " ".join(x for x in (first, surname) if x) or patronymic
    return Person(
        name=name,
        name_latin=name if latin else readable_latin(name),
        surname=surname or (first if not patronymic else ""),
        first=first,
        female=female,
        patronymic=patronymic,
    )


# Words that make the name after them someone other than a persecuted person: officials,
# lawyers, journalists, authors quoted, photo credits, a street or monument named after
# someone. Within the few words before the name. (Relatives and journalists are not among
# them: a wife put on the wanted list, or a journalist jailed, is persecuted herself.)
_ROLE_BEFORE = re.compile(
    r"(?i:\b(?:judges?|prosecutors?|investigators?|officers?|operatives?|lawyers?|attorneys?|"
    r"advocates?|defen[cs]e counsel|consuls?|ambassadors?|ministers?|president|governor|"
    r"spokes(?:man|woman|person)|poets?|writers?|author|(?:poem|poems|book|song|novel|verses?|"
    r"essay|quote|words)(?: \w+)? by|photographers?|photo(?: by)?|"
    r"credit|monument to|statue of|street|avenue|named after|chairman|head of|deputy|"
    r"colonel|major|captain|lieutenant|general|"
    r"sergeant|agent|official|(?:his|her|their) lawyer)"
    r"|(?:судь\w*|прокурор\w*|следовател\w*|адвокат\w*|защитни\w*|консул\w*|посол|послом|"
    r"министр\w*|президент\w*|губернатор\w*|пресс-секретар\w*|поэт\w*|писател\w*|"
    r"фото\w*|памятник\w*|стих\w*|книг\w*|песн\w*|ул\.|улиц\w*|проспект\w*|пр-т|переул\w*|пер\.|площад\w*|"
    r"имени|им\.|руководител\w*|начальник\w*|"
    r"полковник\w*|майор\w*|капитан\w*|лейтенант\w*|генерал\w*|оперуполномоченн\w*|"
    r"сотрудник\w*|депутат\w*|чиновник\w*))"
    r"(?:\s+(?:[a-zа-яё][\w.-]*|[A-ZА-ЯЁ][а-яё]+(?:ского|цкого|ного|ого|ой|его)|Court|"
    r"Regional|District|City|Supreme|Military|of|the)){0,5}\s*[:,]?\s*$",
)
_ALIAS_BEFORE = re.compile(
    r"(?:\(|,)\s*(?:он же|она же|также известн\w+ как|also known as|aka|a\.k\.a\.|known as|"
    r"(?:фамилия )?по паспорту\s*[—–-]?|née|урожд[её]нн\w*)\s*$",
    re.IGNORECASE,
)


def _is_role(text: str, mention: Mention) -> bool:
    first_word = mention.text.split()[0] if mention.text.split() else ""
    if _ROLE_BEFORE.search(first_word + " "):
        return True  # the model took the title in: "Judge Pavel Sorokin"
    before = text[max(0, mention.start - 60) : mention.start]
    before = re.split(r"[.!?;\n]\s", before)[-1]
    return bool(_ROLE_BEFORE.search(before) or _ALIAS_BEFORE.search(before))


@cache
def diminutives() -> dict[str, tuple[str, ...]]:
    """Short forms of Russian first names → the full names they stand for (data file)."""
    import json

    data = json.loads((DATA / "diminutives.json").read_text(encoding="utf-8"))
    table: dict[str, tuple[str, ...]] = {}
    for short, full in data["names"].items():
        table[skeleton(short)] = tuple(skeleton(f) for f in full)
    return table


def _same_first(a: str, b: str) -> bool:
    ka, kb = skeleton(a), skeleton(b)
    if ka[:3] == kb[:3]:
        return True
    table = diminutives()
    return kb in table.get(ka, ()) or ka in table.get(kb, ())


def _russian_words(
    text: str, mentions: list[Mention]
) -> list[tuple[Mention, list[str], list[str]]]:
    """Each mention's name words (a common noun taken in dropped) and their roles; a
    patronymic-ended name joins the surname written before it, across a parenthesis
    ("Хабибуллин (по паспорту — Хабибулин) Ильдар Маратович")."""
    from . import russian_names as rn

    found: list[tuple[Mention, list[str], list[str]]] = []
    for mention in mentions:
        words = _ru_trim(re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", mention.text))
        if not words:
            continue
        order = rn.roles(words)
        if order == ["first", "patronymic"]:
            before = text[max(0, mention.start - 90) : mention.start]
            joined = re.search(
                r"([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)\s*(\([^()]{0,70}\))?\s*$", before
            )
            if joined and rn.analyse(joined.group(1).lower()).role != "first":
                start = mention.start - len(before) + joined.start(1)
                # the names inside the parenthesis are the same person's other spellings
                found = [f for f in found if not start <= f[0].start < mention.start]
                mention = Mention(start, mention.end, text[start : mention.end])
                words = [joined.group(1), *words]
                order = ["surname", "first", "patronymic"]
        found.append((mention, words, order))
    return found


def find(
    text: str, language: str, entities: list[tuple[int, int, str]] | None = None
) -> tuple[list[Person], list[Mention]]:
    """The people a text names and every mention of each, in text order.

    Officials, lawyers, relatives, authors quoted, photo credits and streets named after
    someone (see _ROLE_BEFORE) are not proposed, nor is a second name given as an alias
    ("он же", "also known as"). Namesakes told apart by patronymic stay two people, named
    with it."""
    if language == "ru":
        raw = _russian_people(text, entities or models.russian_entities(text))
    else:
        raw = _english_people(text)
    raw = [m for m in raw if not _is_role(text, m)]
    people: list[Person] = []
    singles: list[tuple[Mention, list[str], bool | None]] = []
    named: list[tuple[Mention, list[str], list[str], bool | None]] = []
    if language == "ru":
        for mention, words, (roles, female) in _decline(text, _russian_words(text, raw)):
            if len(words) == 1:
                singles.append((mention, _ru_forms(words[0]), None))
            else:
                named.append((mention, words, roles, female))
    else:
        for mention in raw:
            words = [
                _strip_possessive(w)
                for w in re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?", mention.text)
            ]
            if len(words) == 1:
                singles.append((mention, words, None))
                continue
            order = _english_order(words)
            sex = sex_of_first_name(words[order.index("first")]) if "first" in order else None
            named.append((mention, words, order, sex))
    for mention, words, order, female in named:
        candidate = _person_from(words, language != "ru", female, order)
        index = _same_person(people, candidate)
        if index is None:
            people.append(candidate)
            index = len(people) - 1
        else:
            people[index] = _fuller(people[index], candidate)
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
    _name_namesakes(people, language != "ru")
    for person in people:
        person.mentions.sort(key=lambda m: m.start)
    mentions = sorted((m for p in people for m in p.mentions), key=lambda m: m.start)
    return people, mentions


def _english_order(words: list[str]) -> list[str]:
    """Roles of the words of a Latin-script name: "Karimov Ruslan Ilyasovich" is surname,
    first, patronymic; "Ruslan Ilyasovich Karimov" first, patronymic, surname."""
    patronymic = [bool(_PATRONYMIC.search(w.lower())) and len(w) > 5 for w in words]
    if len(words) == 3 and patronymic[2]:
        return ["surname", "first", "patronymic"]
    if len(words) == 3 and patronymic[1]:
        return ["first", "patronymic", "surname"]
    if (
        len(words) == 2
        and not _is_first_name(words[0])
        and _is_first_name(words[1])
        and _LATIN_SURNAME.search(words[0].lower())
    ):
        return ["surname", "first"]
    return ["first"] + ["surname"] * (len(words) - 1)


def _decline(
    text: str, found: list[tuple[Mention, list[str], list[str]]]
) -> list[tuple[Mention, list[str], tuple[list[str], bool | None]]]:
    """Each Russian mention in the nominative, with the sex decided per person: mentions
    that share a surname stem and a first name's first letters are one person, whose
    readings are summed ("Рината Хайруллина задержали", "Ринату Хайруллину вменяют")."""
    from . import russian_names as rn

    scored = []
    single = [(m, w, o) for m, w, o in found if len(w) == 1]
    found = [(m, w, o) for m, w, o in found if len(w) > 1]
    for mention, words, order in found:
        before = text[max(0, mention.start - 40) : mention.start]
        after = text[mention.end : mention.end + 40]
        _normal, _gender, scores = rn.nominative(words, before, after)
        surname = next((w for w, r in zip(words, order, strict=False) if r == "surname"), words[-1])
        first = next((w for w, r in zip(words, order, strict=False) if r == "first"), "")
        group = (skeleton(surname)[:4], skeleton(first)[:3])
        scored.append((mention, words, order, before, after, scores, group))
    totals: dict[tuple[str, str], dict[str, float]] = {}
    for *_rest, scores, group in scored:
        by_sex = totals.setdefault(group, {"masc": 0.0, "femn": 0.0})
        # Each mention votes once, split by how likely each sex is in it: «Евгении Беловой»
        # (only feminine) outweighs «Евгению Белову» (a likelier masculine dative, or a
        # feminine accusative), however large the raw scores of the ambiguous one.
        mention_total = sum(v for (sex_, _case), v in scores.items() if sex_ in by_sex)
        for (reading_sex, _case), value in scores.items():
            if reading_sex in by_sex and mention_total > 0:
                by_sex[reading_sex] += value / mention_total
    result = []
    for mention, words, order, before, after, _scores, group in scored:
        by_sex = totals[group]
        sex: str | None = None
        if by_sex["masc"] != by_sex["femn"]:
            sex = max(by_sex, key=lambda k: by_sex[k])
        normal, gender, _ = rn.nominative(words, before, after, gender=sex)
        normal = [_restore_case(o, n) for o, n in zip(words, normal, strict=False)]
        result.append((mention, normal, (order, None if gender is None else gender == "femn")))
    # a surname alone keeps its own spelling: its forms are tried against the people later
    result += [(m, w, (o, None)) for m, w, o in single]
    return sorted(result, key=lambda r: r[0].start)


def _fuller(known: Person, candidate: Person) -> Person:
    """The same person named again: keep the fullest form (patronymic, full first name)."""
    mentions = known.mentions
    best = known
    if candidate.first and known.first and skeleton(known.first) in diminutives():
        best = candidate
    elif candidate.patronymic and not known.patronymic:
        best = candidate
    elif not known.first and candidate.first:
        best = candidate
    if best is candidate:
        candidate.mentions = mentions
        if candidate.female is None:
            candidate.female = known.female
    return best


def _name_namesakes(people: list[Person], latin: bool) -> None:
    """Two people with the same first name and surname are named with their patronymics."""
    for person in people:
        twins = [
            p for p in people
            if p is not person and skeleton(p.surname) == skeleton(person.surname)
            and p.first and person.first and _same_first(p.first, person.first)
        ]  # fmt: skip
        if twins and person.patronymic:
            person.name = f"{person.first} {person.patronymic} {person.surname}"
            person.name_latin = person.name if latin else readable_latin(person.name)


def _same_person(people: list[Person], candidate: Person) -> int | None:
    for i, person in enumerate(people):
        if skeleton(person.surname) != skeleton(candidate.surname):
            continue
        if (
            person.patronymic
            and candidate.patronymic
            and (skeleton(person.patronymic)[:5] != skeleton(candidate.patronymic)[:5])
        ):
            continue
        if not person.first or not candidate.first or _same_first(person.first, candidate.first):
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
