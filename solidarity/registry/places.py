"""Place names in the reader's language: countries from CLDR (through Babel), regions
and cities from data/places.json (Russian federal subjects and Belarusian regions with
their Russian and Belarusian names, and the cities prisoners are most often held in).

Rows keep what the source or the editor wrote ("Rostov region", "RU"); these functions
only translate for display. A name the table does not know is shown as written.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from django.utils.translation import get_language

DATA = Path(__file__).parent / "data" / "places.json"
_SUFFIX = re.compile(r"\s+(region|oblast|oblast'|krai|kray|territory|province|republic)$")
_PREFIX = re.compile(r"^(republic of)\s+")


def _fold(name: str) -> str:
    return " ".join(name.lower().replace("ё", "е").replace("’", "'").split())


def _stem(name: str) -> str:
    return _PREFIX.sub("", _SUFFIX.sub("", _fold(name)))


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """(exact folded name -> names by language, stem of a region -> names by language)."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    exact: dict[str, dict[str, str]] = {}
    stems: dict[str, dict[str, str]] = {}
    by_code: dict[str, dict[str, str]] = {}
    for row in data["regions"]:
        code, en, ru, *rest = row
        names = {"en": en, "ru": ru, "be": rest[0] if rest else ru}
        by_code[code] = names
        for name in (en, ru, names["be"]):
            exact[_fold(name)] = names
        if _SUFFIX.search(_fold(en)):
            stems[_stem(en)] = names
    for alias, code in data["aliases"].items():
        exact[_fold(alias)] = by_code[code]
    for en, ru in data["cities"] + data["fictional"]:
        names = {"en": en, "ru": ru, "be": ru}
        exact.setdefault(_fold(en), names)
        exact.setdefault(_fold(ru), names)
    return exact, stems


def _language(language: str | None) -> str:
    return (language or get_language() or "en").split("-")[0]


def place_name(name: str, language: str | None = None) -> str:
    """A region or city name in the language (the active one by default)."""
    if not name:
        return name
    exact, stems = _tables()
    names = exact.get(_fold(name)) or stems.get(_stem(name))
    if names is not None:
        return names.get(_language(language), name)
    code = _countries_by_english_name().get(_fold(name))
    return country_name(code, language) if code else name


def region_names(name: str) -> dict[str, str] | None:
    """The names ({"en", "ru", "be"}) of a region or city the table knows, else None."""
    exact, stems = _tables()
    # "Republic of Mordovia", "Tatarstan Republic": the bare name is the table's.
    return exact.get(_fold(name)) or stems.get(_stem(name)) or exact.get(_stem(name))


@lru_cache(maxsize=1)
def _countries_by_english_name() -> dict[str, str]:
    """An event's place may be a whole country ("Kyrgyzstan"): CLDR's English names."""
    from babel import Locale

    territories = Locale.parse("en").territories
    return {_fold(str(n)): code for code, n in territories.items() if code.isalpha()}


def country_name(code: str, language: str | None = None) -> str:
    """An ISO 3166 country code as CLDR names it in the language ("KG" -> "Киргизия")."""
    if not code:
        return code
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(_language(language))
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en")
    return str(locale.territories.get(code.upper(), code))
