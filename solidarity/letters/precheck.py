"""The letter pre-check: what the censor is likely to withhold, said before sending.

The rules are data (data/precheck_rules.json): word stems, whole words and patterns in
English and Russian, matched on lower-cased word forms, so that inflections (войны, войне,
войной) and spelling variants are caught. The check says which language the letter is in
(anything but Russian needs a volunteer translation), and returns one flag per category
with the words that raised it and advice in the writer's language.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from solidarity.language import detect_language

from . import glyphs

RULES_FILE = Path(__file__).parent / "data" / "precheck_rules.json"
CATEGORIES = ("war", "case", "insult", "swearing", "foreign", "code", "length", "print")

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+[^\W_]*", re.UNICODE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
_ORDINAL_OR_UNIT = re.compile(r"^\d+(st|nd|rd|th|s|am|pm|kg|km|cm|mm|g|m|h|min|x)$")


@dataclass
class Flag:
    category: str
    evidence: str
    advice: str


@dataclass
class Result:
    language: str
    needs_translation: bool
    flags: list[Flag] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def categories(self) -> set[str]:
        return {f.category for f in self.flags}


@cache
def rules() -> dict[str, Any]:
    data = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    for category in data["categories"].values():
        for lang in ("ru", "en"):
            if lang in category:
                for key in ("patterns", "exceptions"):
                    category[lang][f"_{key}"] = [
                        re.compile(p, re.IGNORECASE) for p in category[lang].get(key, [])
                    ]
    return dict(data)


def _normal(text: str) -> str:
    return text.lower().replace("ё", "е")


def _stem_hits(words: list[str], stems: list[str], max_suffix: int) -> list[str]:
    return [w for w in words for s in stems if w.startswith(s) and len(w) - len(s) <= max_suffix]


def _matches(text: str, words: list[str], table: dict[str, Any], max_suffix: int) -> list[str]:
    if table.get("_exceptions"):
        for exception in table["_exceptions"]:
            text = exception.sub(lambda m: " " * len(m.group(0)), text)
        words = _WORD.findall(text)
    found = _stem_hits(words, table.get("stems", []), max_suffix)
    exact = set(table.get("words", []))
    found += [w for w in words if w in exact]
    for pattern in table.get("_patterns", []):
        found += [m.group(0).strip() for m in pattern.finditer(text)]
    return found


def _insults(words: list[str], table: dict[str, Any], window: int, max_suffix: int) -> list[str]:
    found = [w for w in words if w in set(table.get("words", []))]
    targets = [i for i, w in enumerate(words) if _stem_hits([w], table["targets"], max_suffix)]
    for i, word in enumerate(words):
        if _stem_hits([word], table["insults"], max_suffix) and any(
            abs(i - t) <= window for t in targets
        ):
            nearest = min(targets, key=lambda t: abs(i - t))
            found.append(" ".join(words[min(i, nearest) : max(i, nearest) + 1]))
    return found


def _codes(original: str, words: list[str], category: dict[str, Any]) -> list[str]:
    allowed = set(category["allowed_caps"])
    found = []
    letters_only = re.sub(r"[^\w]", "", original)
    shouting = letters_only.isupper()
    for token in _WORD.findall(original):
        low = _normal(token)
        if any(ch.isdigit() for ch in token) and any(ch.isalpha() for ch in token):
            if not _ORDINAL_OR_UNIT.match(low):
                found.append(token)
        elif not shouting and 2 <= len(token) <= 4 and token.isupper() and low not in allowed:
            found.append(token)
    return found


def _unique(items: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(_normal(item), item)
    return list(seen.values())


def read_by_censor(country: str) -> list[str]:
    """The languages the censor of a facility in `country` reads (data: censors_read)."""
    table = rules()["censors_read"]
    return list(table.get((country or "").upper(), table["default"]))


def check(
    text: str,
    *,
    channel: str = "post",
    advice_language: str | None = None,
    country: str = "RU",
    signature: str = "",
) -> Result:
    """Flags for the words a censor of `country` withholds letters for, and whether the
    letter needs translating (its language is not one the censor reads).

    "print": characters the printed letter's font cannot draw (emoji, Chinese...), in the
    signature, and in the text when it is printed as written (not translated)."""
    data = rules()
    readable = read_by_censor(country)
    language = detect_language(text, prefer=tuple(readable))
    advice_lang = advice_language or ("ru" if language in ("ru", "be", "uk") else "en")
    normal = _normal(text)
    words = [_normal(w) for w in _WORD.findall(text)]
    max_suffix = int(data["max_suffix"])
    categories = data["categories"]
    hits: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    for lang in ("ru", "en"):
        for name in ("war", "case", "swearing"):
            hits[name] += _matches(normal, words, categories[name][lang], max_suffix)
        hits["insult"] += _insults(
            words, categories["insult"][lang], int(categories["insult"]["window"]), max_suffix
        )
        hits["code"] += _matches(
            normal,
            words,
            {k: v for k, v in categories["code"][lang].items() if k != "stems"},
            max_suffix,
        )
    hits["code"] += _codes(text, words, categories["code"])
    if language in readable and language != "und":
        hits["foreign"] = [
            w
            for w in _WORD.findall(text)
            if _LATIN.search(w)
            and len(w) > 1
            and _normal(w) not in categories["code"]["allowed_caps"]
        ]
    limit = data["channels"].get(channel, data["channels"]["post"])["max_chars"]
    if len(text) > limit:
        hits["length"] = [f"{len(text)} characters > {limit}"]
    printed = signature if language not in readable else f"{text}{signature}"
    hits["print"] = glyphs.unprintable(printed)
    flags = []
    for category in CATEGORIES:
        evidence = _unique(hits[category])
        if evidence:
            flags.append(
                Flag(category, ", ".join(evidence)[:500], _advice(category, advice_lang, limit))
            )
    return Result(language, language not in readable, flags)


def _advice(category: str, lang: str, limit: int) -> str:
    lang = "ru" if lang == "ru" else "en"
    if category == "foreign":
        return {
            "en": "The censor withholds letters with foreign words: write everything in Russian.",
            "ru": "Письма с иностранными словами цензор задерживает: пишите всё по-русски.",
        }[lang]
    if category == "print":
        return {
            "en": "These characters cannot be printed (emoji, Chinese and some other "
            "scripts): write them in words, or leave them out.",
            "ru": "Эти знаки нельзя напечатать (эмодзи, китайские иероглифы и некоторые "
            "другие письменности): напишите их словами или уберите.",
        }[lang]
    if category == "length":
        return {
            "en": f"This is longer than the channel takes ({limit} characters). "
            "Shorten it or split it into two letters.",
            "ru": f"Письмо длиннее, чем позволяет канал ({limit} знаков). "
            "Сократите его или разделите на два.",
        }[lang]
    return str(rules()["categories"][category][f"advice_{lang}"])
