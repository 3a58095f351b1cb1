"""A Russian name in the nominative, with its sex, from any case form and any word order.

pymorphy2's dictionary knows Russian first names, patronymics and common surnames; for the
rest (Crimean Tatar, Bashkir, Chechen, Kazakh names: Сервета, Рината, Байсуакова) the
regular endings of Russian surnames and patronymics give the readings, and an unknown first
name declines as a noun of its ending would. The reading all words of the name share
(gender, case) wins, weighed by the words around the mention: after a noun in apposition,
its case and sex ("жену Марину", "анархиста Кирилла Смолина"); after a preposition or a
transitive verb, or before a plural verb ("Рината Хайруллина задержали"), a name is not in
the nominative; before a past-tense verb of one sex ("задержана") it is, and of that sex.
Source of the endings: the declension of Russian surnames (Розенталь, «Справочник по
правописанию и литературной правке», § 176).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import models

Key = tuple[str, str]  # (gender, case)

# ending of the form → (gender, case, ending of the nominative)
_SURNAME_ENDINGS: list[tuple[str, list[tuple[str, str, str]]]] = [
    ("ского", [("masc", "gent", "ский"), ("masc", "accs", "ский")]),
    ("цкого", [("masc", "gent", "цкий"), ("masc", "accs", "цкий")]),
    ("скому", [("masc", "datv", "ский")]),
    ("цкому", [("masc", "datv", "цкий")]),
    ("ской", [("femn", "gent", "ская"), ("femn", "datv", "ская"), ("femn", "ablt", "ская")]),
    ("ского", [("masc", "gent", "ский")]),
    ("ого", [("masc", "gent", "ой"), ("masc", "accs", "ой")]),
    ("ому", [("masc", "datv", "ой")]),
    ("ову", [("masc", "datv", "ов"), ("femn", "accs", "ова")]),
    ("еву", [("masc", "datv", "ев"), ("femn", "accs", "ева")]),
    ("ину", [("masc", "datv", "ин"), ("femn", "accs", "ина")]),
    ("ыну", [("masc", "datv", "ын"), ("femn", "accs", "ына")]),
    ("ова", [("masc", "gent", "ов"), ("masc", "accs", "ов"), ("femn", "nomn", "ова")]),
    ("ева", [("masc", "gent", "ев"), ("masc", "accs", "ев"), ("femn", "nomn", "ева")]),
    ("ина", [("masc", "gent", "ин"), ("masc", "accs", "ин"), ("femn", "nomn", "ина")]),
    ("ына", [("masc", "gent", "ын"), ("masc", "accs", "ын"), ("femn", "nomn", "ына")]),
    ("овой", [("femn", "gent", "ова"), ("femn", "datv", "ова"), ("femn", "ablt", "ова")]),
    ("евой", [("femn", "gent", "ева"), ("femn", "datv", "ева"), ("femn", "ablt", "ева")]),
    ("иной", [("femn", "gent", "ина"), ("femn", "datv", "ина"), ("femn", "ablt", "ина")]),
    ("овым", [("masc", "ablt", "ов")]),
    ("евым", [("masc", "ablt", "ев")]),
    ("иным", [("masc", "ablt", "ин")]),
    ("ове", [("masc", "loct", "ов")]),
    ("еве", [("masc", "loct", "ев")]),
    ("ине", [("masc", "loct", "ин")]),
    ("ский", [("masc", "nomn", "ский")]),
    ("цкий", [("masc", "nomn", "цкий")]),
    ("ская", [("femn", "nomn", "ская")]),
    ("цкая", [("femn", "nomn", "цкая")]),
    ("ов", [("masc", "nomn", "ов")]),
    ("ев", [("masc", "nomn", "ев")]),
    ("ин", [("masc", "nomn", "ин")]),
    ("ын", [("masc", "nomn", "ын")]),
    ("ой", [("masc", "nomn", "ой")]),
]
_PATRONYMIC_ENDINGS: list[tuple[str, list[tuple[str, str, str]]]] = [
    ("ича", [("masc", "gent", "ич"), ("masc", "accs", "ич")]),
    ("ичу", [("masc", "datv", "ич")]),
    ("ичем", [("masc", "ablt", "ич")]),
    ("иче", [("masc", "loct", "ич")]),
    ("ич", [("masc", "nomn", "ич")]),
    ("вну", [("femn", "accs", "вна")]),
    ("вны", [("femn", "gent", "вна")]),
    ("вне", [("femn", "datv", "вна"), ("femn", "loct", "вна")]),
    ("вной", [("femn", "ablt", "вна")]),
    ("вна", [("femn", "nomn", "вна")]),
    ("чну", [("femn", "accs", "чна")]),
    ("чны", [("femn", "gent", "чна")]),
    ("чне", [("femn", "datv", "чна")]),
    ("чна", [("femn", "nomn", "чна")]),
]
_PATRONYMIC = re.compile(r"(ович|евич|ьич|инич|овн|евн|ичн)\w{0,3}$")
_LABELS = {"Name": "first", "Surn": "surname", "Patr": "patronymic"}
# An unknown first name declines as a noun of its ending: Сервет, Сервета, Сервету.
_FIRST_ENDINGS: list[tuple[str, list[tuple[str, str, str]]]] = [
    ("ом", [("masc", "ablt", "")]),
    ("ем", [("masc", "ablt", "")]),
    ("а", [("masc", "gent", ""), ("masc", "accs", ""), ("femn", "nomn", "а")]),
    ("я", [("masc", "gent", "ь"), ("femn", "nomn", "я")]),
    ("у", [("masc", "datv", ""), ("femn", "accs", "а")]),
    ("ю", [("masc", "datv", "ь"), ("femn", "accs", "я")]),
    ("е", [("masc", "loct", ""), ("femn", "datv", "а")]),
    ("ой", [("femn", "ablt", "а")]),
]


@dataclass
class Word:
    role: str  # first, surname, patronymic or "" when the dictionary cannot tell
    forms: dict[Key, tuple[str, float]]  # (gender, case) → (nominative, weight)


def _by_endings(
    word: str, table: list[tuple[str, list[tuple[str, str, str]]]], weight: float
) -> dict[Key, tuple[str, float]]:
    forms: dict[Key, tuple[str, float]] = {}
    for ending, readings in table:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            for gender, case, nominative in readings:
                forms.setdefault((gender, case), (word[: -len(ending)] + nominative, weight))
            break
    return forms


# «Ключарёв»: the endings table is written with е; ё takes the same readings.
_SURNAME_ENDINGS += [
    (ending.replace("ев", "ёв"), [(g, c, n.replace("ев", "ёв")) for g, c, n in readings])
    for ending, readings in list(_SURNAME_ENDINGS)
    if ending.startswith("ев")
]


@lru_cache(maxsize=8192)
def analyse(word: str) -> Word:
    """The readings of one lower-cased word of a name: dictionary first, endings after.

    A double surname («Светлову-Ключарёву») is read part by part, and only the readings
    both parts share are kept: the parts agree in sex and case («Светлова-Ключарёва»)."""
    if "-" in word.strip("-"):
        parts = [analyse(part) for part in word.split("-") if part]
        shared = set(parts[0].forms)
        for part in parts[1:]:
            shared &= set(part.forms)
        if shared:
            joined = {
                key: ("-".join(p.forms[key][0] for p in parts),
                      min(p.forms[key][1] for p in parts))
                for key in shared
            }  # fmt: skip
            return Word("surname", joined)
    morph = models.russian()["morph"]
    forms: dict[Key, tuple[str, float]] = {}
    roles: dict[str, float] = {}
    for parse in morph.parse(word):
        tag = parse.tag
        grammemes = set(tag.grammemes)
        label = next((_LABELS[g] for g in ("Name", "Surn", "Patr") if g in grammemes), "")
        if tag.POS != "NOUN" or tag.number == "plur" or not tag.case:
            continue
        nominative = parse.inflect({"nomn"}) if tag.case != "nomn" else parse
        if nominative is None:
            continue
        weight = parse.score * (2.0 if label else 0.5)
        if label:
            roles[label] = roles.get(label, 0) + parse.score
        genders = ["masc", "femn"] if "ms-f" in grammemes else [str(tag.gender or "masc")]
        for gender in genders:
            key = (gender, str(tag.case))
            if key not in forms or forms[key][1] < weight:
                forms[key] = (nominative.word, weight)
    role = max(roles, key=lambda r: roles[r]) if roles else ""
    if _PATRONYMIC.search(word):
        role = "patronymic"
        for key, value in _by_endings(word, _PATRONYMIC_ENDINGS, 1.5).items():
            forms.setdefault(key, value)
    elif role != "first":
        for key, value in _by_endings(word, _SURNAME_ENDINGS, 0.8).items():
            if key not in forms or forms[key][1] < value[1]:
                forms[key] = value
                role = role or "surname"
    if role in ("", "first") and not any(v[1] >= 1.0 for v in forms.values()):
        # a first name the dictionary does not know as one (Сервета, Рушат)
        for key, value in _by_endings(word, _FIRST_ENDINGS, 0.6).items():
            forms.setdefault(key, value)
        if re.search(r"[бвгджзклмнпрстфхцчшщ]$", word):
            forms.setdefault(("masc", "nomn"), (word, 0.6))
    return Word(role, forms)


def context_weights(before: str, after: str) -> dict[Key, float]:
    """How the words around a mention weigh its readings: see the module's docstring."""
    morph = models.russian()["morph"]
    weights: dict[Key, float] = {}
    prev = re.findall(r"[а-яё]+", before.lower())[-1:]
    nxt = re.findall(r"[а-яё]+", after.lower())[:2]

    def tag_of(word: str) -> object:
        return morph.parse(word)[0].tag

    oblique = False
    if prev:
        # a noun in apposition agrees with the name: "жену Марину", "анархиста Кирилла"
        for parse in morph.parse(prev[0]):
            tag = parse.tag
            if tag.POS == "NOUN" and "anim" in tag and tag.number == "sing" and tag.case:
                gender = str(tag.gender)
                if gender in ("masc", "femn"):
                    weights[(gender, str(tag.case))] = 3.0
        tag = tag_of(prev[0])
        if tag.POS == "PREP" or (tag.POS == "VERB" and "tran" in tag):  # type: ignore[attr-defined,operator]
            oblique = True
    for word in nxt:
        tag = tag_of(word)
        if tag.POS in ("VERB", "PRTS"):  # type: ignore[attr-defined]
            if tag.number == "plur":  # type: ignore[attr-defined]
                oblique = True
            elif str(tag.gender) in ("masc", "femn"):  # type: ignore[attr-defined]
                gender = str(tag.gender)  # type: ignore[attr-defined]
                weights[(gender, "nomn")] = 4.0
                weights[("femn" if gender == "masc" else "masc", "nomn")] = 0.1
            break
    if oblique:
        for gender in ("masc", "femn"):
            weights[(gender, "nomn")] = 0.05
    return weights


def nominative(
    words: list[str], before: str = "", after: str = "", gender: str | None = None
) -> tuple[list[str], str | None, dict[Key, float]]:
    """(the words in the nominative, "masc"/"femn"/None, score of each shared reading).

    `gender`, when given, is the person's sex as decided from all their mentions."""
    analysed = [analyse(w.lower()) for w in words]
    options = [a.forms for a in analysed]
    if not options or not all(options):
        return words, None, {}
    shared = set(options[0])
    for forms in options[1:]:
        shared &= set(forms)
    if gender:
        shared = {k for k in shared if k[0] == gender} or shared
    if not shared:
        return [max(f.values(), key=lambda v: v[1])[0] for f in options], None, {}
    context = context_weights(before, after)
    scores = {}
    for key in shared:
        score = context.get(key, 1.0)
        for forms in options:
            score *= forms[key][1] + 1e-6
        scores[key] = score
    best = max(sorted(shared), key=lambda k: scores[k])
    return [forms[best][0] for forms in options], best[0], scores


def roles(words: list[str]) -> list[str]:
    """first / patronymic / surname for each word, in the order the name gives them:
    "Хабибуллин Ильдар Маратович" is surname, first, patronymic."""
    found = [analyse(w.lower()).role for w in words]
    if len(words) == 3:
        if found[2] == "patronymic":
            return ["surname", "first", "patronymic"]
        return ["first", "patronymic", "surname"] if found[1] == "patronymic" else found
    if len(words) == 2:
        if found[1] == "patronymic":
            return ["first", "patronymic"]
        if found[0] == "surname" and found[1] == "first":
            return ["surname", "first"]
        return ["first", "surname"]
    return ["surname"] if len(words) == 1 else found
