"""Charges, sentences, events and facilities found in one sentence, by rules kept as data."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .quantities import terms

DATA = Path(__file__).resolve().parent.parent / "data"


def _normal(text: str) -> str:
    return text.lower().replace("ё", "е")


@cache
def article_names(code: str = "RU") -> list[tuple[str, re.Pattern[str]]]:
    """(article, pattern of its names in English and Russian) for one criminal code."""
    # One expression per article: measured faster than one alternation over the whole
    # table, whose leading \w* defeats the regex engine's literal-prefix search.
    data = json.loads((DATA / "article_names.json").read_text(encoding="utf-8"))
    return [
        (
            row["article"],
            re.compile("|".join(f"(?:{p})" for lang in ("en", "ru") for p in row[lang])),
        )
        for row in data["articles"]
        if row.get("code", "RU") == code
    ]


_BELARUS = re.compile(
    r"belarus|беларус|белорус|білорус|\bminsk\b|минск|ук рб|lukashenk|лукашенк|viasna|вясна",
    re.IGNORECASE,
)
_RUSSIA = re.compile(
    r"\bук рф\b|russian criminal code|criminal code of russia|\bфсб\b|\bfsb\b", re.I
)


def criminal_code(text: str) -> str:
    """The criminal code a text's charges are under: "BY" where it is about Belarus (more
    Belarusian signals than Russian ones), else "RU"."""
    by, ru = len(_BELARUS.findall(text)), len(_RUSSIA.findall(text))
    return "BY" if by > ru else "RU"


@cache
def event_patterns() -> tuple[list[tuple[str, re.Pattern[str], re.Pattern[str] | None]],
                                list[re.Pattern[str]]]:  # fmt: skip
    data = json.loads((DATA / "events.json").read_text(encoding="utf-8"))
    # One alternation per type: the table's order between types is kept, and one pass
    # per type is several times faster than one per pattern.
    table = [
        (
            row["type"],
            re.compile("|".join(f"(?:{p})" for lang in ("en", "ru") for p in row[lang])),
            re.compile("|".join(f"(?:{p})" for p in row["not"])) if row.get("not") else None,
        )
        for row in data["types"]
    ]
    cancel = [re.compile(p) for lang in ("en", "ru") for p in data["not"][lang]]
    return table, cancel


_ART = r"(?P<article>\d{2,3}(?:\.\d{1,2}|-\d(?!\d))?)"
_PART = r"(?P<part>\d{1,2})"
ARTICLE_PATTERNS = [
    # ч. 2 ст. 205.2 УК РФ; части 1 статьи 280; part 2 of Article 205.2
    re.compile(
        rf"\b(?:ч\.|часть|части|частью|частям|part|section|paragraph)\s*{_PART},?\s*(?:of\s+)?"
        rf"(?:ст\.|статьи|статья|статье|статью|статьей|article|art\.|statute)\s*{_ART}",
        re.IGNORECASE,
    ),
    # ст. 205.2 ч. 2; Article 205.2, part 2; статья 280
    re.compile(
        rf"\b(?:ст\.|статьи|статья|статье|статью|статьей|статей|статьям|articles?|art\.|"
        rf"statutes?)\s*{_ART}(?:\s*,?\s*(?:ч\.|часть|части|part|section|paragraph)\s*{_PART})?",
        re.IGNORECASE,
    ),
    # по 205.2 УК; 205.2 УК РФ; 280.3 of the Criminal Code
    re.compile(
        rf"\b{_ART}(?:-?[йиоя]{{1,2}})?\s+(?:УК|of the (?:russian )?criminal code|"
        rf"of the cc|cc rf)",
        re.IGNORECASE,
    ),
]
# "Section 2 of the same Article", «ч. 2 той же статьи»: the article named last
SAME_ARTICLE = re.compile(
    rf"\b(?:ч\.|часть|части|part|section|paragraph)\s*{_PART}\s*(?:of\s+)?"
    r"(?:the same article|that article|той же статьи|этой же статьи|этой статьи)",
    re.IGNORECASE,
)
_LIST_MORE = re.compile(r"^\s*(?:,|и|and|,\s*and)\s*(?P<article>\d{2,3}(?:\.\d{1,2})?)\b")


_MOTIVE = re.compile(r"(motivated by|motive[sd]? of|out of|by motives? of|по мотив\w*|из)\s+$")
_MOTIVE_AFTER = re.compile(r"\w*\s+(побуждени\w*|мотив\w*|motives?)")


@dataclass
class Found:
    start: int
    end: int
    value: dict[str, Any]


@cache
def _not_criminal() -> tuple[list[re.Pattern[str]], dict[str, re.Pattern[str]]]:
    data = json.loads((DATA / "article_names.json").read_text(encoding="utf-8"))["not_criminal"]
    return (
        [re.compile(p) for p in data["after"]],
        {number: re.compile(p) for number, p in data["articles"].items()},
    )


def _is_charge(sentence: str, article: str, end: int) -> bool:
    """Not an administrative offence, not the Constitution's article 51."""
    after_patterns, by_number = _not_criminal()
    after = _normal(sentence[end : end + 60])
    if any(p.search(after) for p in after_patterns):
        return False
    named = by_number.get(article)
    return not (named and named.search(_normal(sentence)))


# Articles of the general part that modify a charge rather than make one: preparation and
# attempt (RU art. 30, BY art. 13 and 14), complicity (RU art. 33, BY art. 16). The charge
# is the article they go with; they give its stage. Sources: УК РФ ст. 30, 33; УК РБ ст. 13,
# 14, 16.
_STAGE_ARTICLES = {"30", "33", "13", "14", "16"}
_STAGES = {("30", "1"): "preparation", ("30", "3"): "attempt", ("13", None): "preparation",
           ("14", None): "attempt"}  # fmt: skip


def _apply_stages(found: list[Found]) -> list[Found]:
    """Drop the general-part articles, giving their stage to the next article named."""
    kept: list[Found] = []
    stage: str | None = None
    for item in found:
        article, part = item.value["article"], item.value["part"]
        if article in _STAGE_ARTICLES:
            stage = _STAGES.get((article, part)) or _STAGES.get((article, None)) or stage
            continue
        if stage:
            item.value["stage"] = stage
            stage = None
        kept.append(item)
    return kept


def charges(sentence: str, code: str = "RU") -> list[Found]:
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for pattern in ARTICLE_PATTERNS:
        for match in pattern.finditer(sentence):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            if not _is_charge(sentence, match.group("article"), end):
                continue
            part = match.groupdict().get("part")
            found.append(Found(start, end, {"article": match.group("article"), "part": part}))
            # "статьям 205.2 и 280", "Articles 280 and 282.1"
            rest = sentence[end:]
            while more := _LIST_MORE.match(rest):
                found.append(
                    Found(
                        end + more.start("article"),
                        end + more.end(),
                        {"article": more.group("article"), "part": None},
                    )
                )
                end += more.end()
                rest = sentence[end:]
    for match in SAME_ARTICLE.finditer(sentence):
        if not any(s < match.end() and match.start() < e for s, e in taken):
            taken.append(match.span())
            found.append(Found(match.start(), match.end(), {"article": "=", "part": match["part"]}))
    found = _apply_stages(sorted(found, key=lambda f: f.start))
    low = _normal(sentence)
    for article, pattern in article_names(code):
        for match in pattern.finditer(low):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            # a motive, not a charge: "motivated by hooliganism", «из хулиганских побуждений»
            if _MOTIVE.search(low[max(0, start - 30) : start]) or _MOTIVE_AFTER.match(low[end:]):
                continue
            taken.append((start, end))
            found.append(Found(start, end, {"article": article, "part": None}))
    return sorted(found, key=lambda f: f.start)


_SENTENCING = re.compile(
    r"\b(sentenced|sentence[sd]?|convicted|given|got|received|jailed for|term of|"
    r"приговор\w*|осужд\w*|осуди\w*|получил\w*|дали|назначил\w*|наказани\w*|"
    r"к\s+\S+\s+(годам|года|лет|месяцам))\b",
    re.IGNORECASE,
)
_SPENT_BEFORE = re.compile(
    r"(spent|served|spending|провел\w*|провела|отбыл\w*|продлил\w*|продлили|продлен\w*)"
    r"\W+(\S+\W+){0,3}$",
    re.IGNORECASE,
)
_REMAND_AFTER = re.compile(
    r"^\W*(in (pre-?trial )?(detention|custody|remand|sizo)|under (house )?arrest|"
    r"в сизо|под стражей|под арестом|под домашним арестом|домашнего ареста|ареста|"
    r"в изоляторе|of (pre-?trial )?(detention|custody|house arrest))",
    re.IGNORECASE,
)
_REGIMES = [
    ("general", re.compile(r"general[- ]regime|общего режима|общем режиме", re.IGNORECASE)),
    (
        "strict",
        re.compile(
            r"strict[- ]regime|maximum[- ]security|строгого режима|строгом режиме", re.IGNORECASE
        ),
    ),
    ("special", re.compile(r"special[- ]regime|особого режима|особом режиме", re.IGNORECASE)),
    (
        "settlement",
        re.compile(
            r"colony[- ]settlement|settlement colony|колони\w*[- ]поселени\w*", re.IGNORECASE
        ),
    ),
    ("juvenile", re.compile(r"juvenile|воспитательн\w* колони\w*", re.IGNORECASE)),
    ("prison", re.compile(r"тюрьм\w*|тюремн\w*|in a prison \(not a colony\)", re.IGNORECASE)),
]
_SUSPENDED = re.compile(r"suspended|probation|условн\w*", re.IGNORECASE)
_CUSTODY_VERB = re.compile(
    r"\b(remanded|arrested (him|her|them) for|placed under|house arrest|pre-?trial|custody|"
    r"арестовал\w*|под страж\w*|домашн\w* арест\w*|продлил\w*|продлен\w*)",
    re.IGNORECASE,
)


_IN_PARENTHESES = (re.compile(r"[^\W\d_]\s*\(\s*$"), re.compile(r"^[^()]{0,30}\)"))
# Not a term given: part of one ("including 3 years in prison"), what the prosecutor asked
# for, an added restriction of freedom after the prison term.
_PART_OR_ASKED = re.compile(
    r"(including|of which|(?<!каждому )(?<!каждой )(?<!каждого )из них|в том числе|"
    r"asked for|demanded|requested|sought|"
    r"запросил\w*|просил\w*|потребовал\w*|требовал\w*)\W+(\S+\W+){0,3}$",
    re.IGNORECASE,
)
# A term in a punishment cell is a prison's penalty, not a court's: "в ЕПКТ на 12 месяцев"
_CELL_BEFORE = re.compile(
    r"(шизо|пкт|епкт|сус|карцер\w*|одиночн\w+ камер\w*|punishment cells?|solitary|shizo|pkt)"
    r"\W+(\S+\W+){0,2}$",
    re.IGNORECASE,
)
_ADDED_PENALTY = re.compile(
    r"^\W*(ограничени\w+ свободы|restriction of freedom|of restricted freedom)", re.IGNORECASE
)


def is_sentencing(text: str) -> bool:
    """Whether the words tell of a court giving terms ("sentenced", «приговорил»)."""
    return bool(_SENTENCING.search(text))


def sentences(sentence: str, listed_after: bool = False) -> list[Found]:
    """Prison terms handed down by a court; time in remand or detention is not one. A term in
    parentheses right after a name is that person's ("Ivan Petrov (4 years) is…"), and so is
    each line of a list announced by a sentencing line ("sentenced as follows:" then "Karimov
    Ruslan to 9 years"): `listed_after`."""
    sentence = sentence.replace("ё", "е").replace("Ё", "Е")  # same length: offsets hold
    told = listed_after or bool(_SENTENCING.search(sentence))
    found: list[Found] = []
    for term in terms(sentence):
        before = sentence[max(0, term.start - 40) : term.start]
        after = sentence[term.end : term.end + 40]
        listed = bool(_IN_PARENTHESES[0].search(before) and _IN_PARENTHESES[1].match(after))
        if not told and not listed:
            continue
        if _SPENT_BEFORE.search(before) or _REMAND_AFTER.match(after):
            continue
        if _PART_OR_ASKED.search(before) or _CELL_BEFORE.search(before):
            continue
        if found and _ADDED_PENALTY.match(after):
            continue
        if _CUSTODY_VERB.search(before) and not _SENTENCING.search(before):
            continue
        if term.months <= 0 or term.months > 12 * 30:
            continue
        regime = None
        tail = sentence[term.end : term.end + 80]
        for name, pattern in _REGIMES:
            if pattern.search(tail):
                regime = name
                break
        suspended = bool(_SUSPENDED.search(sentence[max(0, term.start - 40) : term.end + 40]))
        found.append(
            Found(
                term.start,
                term.end,
                {
                    "months": term.months,
                    "regime": None if suspended else regime,
                    "suspended": suspended,
                },
            )
        )
    return found


def events(sentence: str) -> list[Found]:
    low = _normal(sentence)
    table, cancel = event_patterns()
    blocked = [m.span() for pattern in cancel for m in pattern.finditer(low)]
    taken: list[tuple[int, int]] = []
    found = []
    for kind, pattern, not_this in table:
        own = [m.span() for m in not_this.finditer(low)] if not_this else []
        for match in pattern.finditer(low):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken + blocked + own):
                continue
            taken.append((start, end))
            found.append(Found(start, end, {"type": kind}))
    return sorted(found, key=lambda f: f.start)


FACILITY = re.compile(
    r"\b(?:(?:ИК|СИЗО|ЛИУ|ЕПКТ|КП|ВК|ПФРСИ|IK|SIZO|LIU|penal colony|prison colony|colony|"
    r"pre-?trial detention (?:centre|center)|detention (?:centre|center)|колони\w*|"
    r"следственн\w+ изолятор\w*)[-‑ ]?(?:(?:№|No\.?|number)\s*)?\d{1,3}"
    r"(?:\s*(?:«[^»]{2,30}»|\"[^\"]{2,30}\"|“[^”]{2,30}”))?)"
    r"|\b(?:СИЗО|SIZO)\s*(?:«[^»]{2,30}»|\"[^\"]{2,30}\"|“[^”]{2,30}”)",
)


def facilities(sentence: str) -> list[Found]:
    return [Found(m.start(), m.end(), {"name": m.group(0)}) for m in FACILITY.finditer(sentence)]
