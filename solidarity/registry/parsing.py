"""Reading the law as lists write it: articles in prose, terms, penalties, facilities.

Each parser takes the text of one cell and returns structured values, or raises ValueError
with a message that says what was expected. The codes' own conventions (which articles
are preparation and attempt, how a sub-article is written) are data in
data/reference.json, not rules here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import cache, lru_cache

from .reference import REFERENCE_FILE


@dataclass(frozen=True)
class ChargeSpec:
    code: str
    number: str  # as stored: 361.1, 205.2
    part: str = ""
    stage: str = ""  # "", "preparation", "attempt"
    title: str = ""  # the list's own words for the crime, after the dash


@cache
def _stage_parts() -> dict[str, dict[str, dict[str, str]]]:
    data = json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))
    return {c["code"]: c.get("stage_parts", {}) for c in data["codes"]}


_REFERENCE = re.compile(
    r"(?:(?:part|ч\.?|часть|частью|части)\s*(?P<part>\d{1,2})\s*(?:of\s+)?)?"
    r"(?:art(?:icle)?s?\.?|ст(?:атья|атьи|атье)?\.?)\s*(?P<number>\d{1,4}(?:[-.]\d{1,2})?)",
    re.IGNORECASE,
)
_TITLE_DASH = re.compile(r"\s[—–-]\s|\s[—–]")


@lru_cache(maxsize=8192)
def charges_in(text: str, code: str) -> tuple[ChargeSpec, ...]:
    """'Part 1 of Article 13 and Article 293 of the Criminal Code — Preparation for mass
    riots' (code BY) -> [ChargeSpec('BY', '293', '', 'preparation')]: preparation and
    attempt (BY art. 13 and 14, RU art. 30, KZ art. 24) modify the charge they go with.
    The title after the dash is ignored. Raises ValueError when no article is named."""
    head, *rest = _TITLE_DASH.split(text.replace(": ", " — ", 1), maxsplit=1)
    title = rest[0].strip() if rest else ""
    found = [(m["number"].replace("-", "."), m["part"] or "") for m in _REFERENCE.finditer(head)]
    if not found:
        raise ValueError(f"no article number in {text[:80]!r} (expected e.g. 'Part 2 of Art. 293')")
    modifiers = _stage_parts().get(code, {})
    stage = ""
    charges = []
    for number, part in found:
        if number in modifiers:
            parts = modifiers[number]
            stage = parts.get(part, parts.get("", "")) or stage
            continue
        charges.append((number, part))
    if not charges:
        raise ValueError(f"only preparation or attempt is named in {text[:80]!r}, not the crime")
    title = title if len(charges) == 1 else ""
    return tuple(ChargeSpec(code, number, part, stage, title) for number, part in charges)


_NUMBER = r"(\d+(?:[.,]\d+)?)(?:\s+(\d+)/(\d+))?|(\d+)/(\d+)"
_UNITS = {
    "year": 12, "years": 12, "yr": 12, "год": 12, "года": 12, "лет": 12,
    "month": 1, "months": 1, "мес": 1, "месяц": 1, "месяца": 1, "месяцев": 1,
}  # fmt: skip
_TERM = re.compile(rf"(?:{_NUMBER})\s*(?P<unit>years?|yrs?|months?|год[а]?|лет|мес\w*)", re.I)
_DAYS = re.compile(r"(\d+)\s*(?:days?|дн\w*|сут\w*)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def term_of(text: str) -> tuple[int, int, int] | None:
    """'4 1/2 years' -> (4, 6, 0); '2 years 6 months' -> (2, 6, 0); '18 months' -> (1, 6, 0);
    '15 days' -> (0, 0, 15); '100 base rates' (a fine) -> None. Raises ValueError for a
    fraction of a month."""
    months = Fraction(0)
    matched = False
    for m in _TERM.finditer(text):
        whole, num, den, alone_num, alone_den, unit = m.groups()
        if alone_num:
            value = Fraction(int(alone_num), int(alone_den))
        else:
            value = Fraction(whole.replace(",", ".")) + (
                Fraction(int(num), int(den)) if num else Fraction(0)
            )
        key = unit.lower()
        factor = next((f for u, f in _UNITS.items() if key.startswith(u[:3])), 1)
        months += value * factor
        matched = True
    days_match = _DAYS.search(text)
    days = int(days_match.group(1)) if days_match else 0
    if not matched and not days:
        return None
    if months.denominator != 1:
        raise ValueError(f"{text!r} is not a whole number of months")
    years, rest = divmod(int(months), 12)
    return years, rest, days


# (phrase, sentence kind, regime): the first phrase found in the cell decides. Belarusian
# regimes: general, enhanced (усиленный, "medium-security"), strict ("maximum-security"),
# special; "prison" is imprisonment in a prison.
_PENALTIES = (
    ("suspended", "suspended", ""), ("условн", "suspended", ""),
    ("open penal facility", "restriction_open", ""), ("open correctional", "restriction_open", ""),
    ("khimiya", "restriction", ""), ("исправительном учреждении открытого", "restriction_open", ""),
    ("с направлением", "restriction_open", ""), ("restricted freedom", "restriction", ""),
    ("restriction of freedom", "restriction", ""), ("ограничени", "restriction", ""),
    ("general-security", "imprisonment", "general"), ("общего режима", "imprisonment", "general"),
    ("medium-security", "imprisonment", "enhanced"), ("усиленного", "imprisonment", "enhanced"),
    ("maximum-security", "imprisonment", "strict"), ("strict", "imprisonment", "strict"),
    ("строгого", "imprisonment", "strict"), ("special", "imprisonment", "special"),
    ("особого", "imprisonment", "special"), ("prison", "imprisonment", "prison"),
    ("тюрьм", "imprisonment", "prison"), ("settlement", "imprisonment", "settlement"),
    ("поселени", "imprisonment", "settlement"), ("psychiatric", "treatment", ""),
    ("принудительн", "treatment", ""), ("correctional labour", "corr_labour", ""),
    ("исправительные работы", "corr_labour", ""), ("forced labour", "forced_labour", ""),
    ("принудительные работы", "forced_labour", ""), ("arrest", "arrest", ""),
    ("арест", "arrest", ""), ("fine", "fine", ""), ("штраф", "fine", ""),
    ("imprisonment", "imprisonment", ""), ("лишени", "imprisonment", ""),
)  # fmt: skip


@lru_cache(maxsize=1024)
def penalty_of(text: str) -> tuple[str, str]:
    """'imprisonment in a medium-security penal colony' -> ('imprisonment', 'enhanced');
    'restricted freedom in an open penal facility ("khimiya")' -> ('restriction_open', '').
    Raises ValueError for a penalty it does not know."""
    low = text.lower()
    for phrase, kind, regime in _PENALTIES:
        if phrase in low:
            return kind, regime
    raise ValueError(f"unknown penalty {text[:80]!r}")


_FACILITY_KINDS = (
    ("temporary detention", "ivs"), ("ивс", "ivs"), ("ізалятар часовага", "ivs"),
    ("pre-trial", "sizo"), ("detention cent", "sizo"), ("сизо", "sizo"), ("сіза", "sizo"),
    ("open correctional", "open"),
    ("ису", "open"), ("penal colony", "ik"), ("correctional colony", "ik"), ("колония", "ik"),
    ("ик-", "ik"), ("prison", "prison"), ("тюрьма", "prison"), ("juvenile", "vk"),
    ("psychiatric", "psychiatric"),
)  # fmt: skip


@lru_cache(maxsize=4096)
def facility_kind_of(title: str) -> tuple[str, str]:
    """(kind, number) from a facility's title: 'Penal colony No. 15' -> ('ik', '15')."""
    low = title.lower()
    kind = next((k for phrase, k in _FACILITY_KINDS if phrase in low), "other")
    number = re.search(r"(?:no\.?|№|-)\s*(\d{1,3})\b", low)
    return kind, number.group(1) if number else ""
