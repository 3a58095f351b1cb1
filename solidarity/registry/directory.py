"""Seeding the facility directory from a list of penal facilities (issue 14).

The input is a JSON list of objects with the facility's official name (in English, as
FSIN's translated names go: 'Federal Governmental Institution "Penal colony no. 7 of the
Russian Penitentiary Directorate of Kostroma region"') and its approximate coordinates
(`latitude`, `longitude`); a town may stand before the name ('п. Kharp | Federal ...').
`../shared/data/fsin-facilities.json` has this shape. From each name this module reads:

- the kind and number (registry.parsing.facility_kind_of, with the forms of these names:
  "CP No. 3" and "Settlement colony" are colony-settlements, "T No. 2" a prison, a
  "Psychiatric ... Hospital" a psychiatric hospital; "Federal Penitentiary Institution
  No. 17" says no kind, and stays "other" rather than a guess);
- the region, only when registry/data/places.json knows it (its Russian name then comes
  with it); otherwise none;
- a short name ("IK-7, Kostroma region"; "ИК-7, Костромская область"), the official name
  kept as another name of the facility (an alias, found by search and the import).

`plan()` returns what would be created and skips
facilities the directory has (the same kind, number and region, or the same official
name among the aliases). `seed()` writes them through registry.actions.create_facilities:
one statement, one audit entry. Unreadable items are named by number and nothing is
written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from solidarity.untrusted import UnreadableJson, load_json

from . import models as m
from .names import slugify_name
from .parsing import facility_kind_of
from .places import region_names

# Forms of the translated FSIN names that facility_kind_of does not know.
_KINDS = (
    (re.compile(r"\b(?:cp|kp)\s*(?:no\.?|№|-)\s*\d", re.I), "ik", "settlement"),
    (re.compile(r"\bsettlement colony\b", re.I), "ik", "settlement"),
    (re.compile(r"(?:^|\")\s*t\s*(?:no\.?|№)\s*\d", re.I), "prison", ""),
    (re.compile(r"\bpsychiatric\b.*\bhospital\b", re.I), "psychiatric", ""),
)
_WORD = re.compile(r"[\w'()-]+")
_REGION_WORDS = {"region", "oblast", "krai", "kray", "territory", "republic", "okrug", "city"}
SHORT = {"ik": "IK", "prison": "Prison", "sizo": "SIZO", "ivs": "IVS", "vk": "VK"}
SHORT_RU = {"ik": "ИК", "prison": "Тюрьма", "sizo": "СИЗО", "ivs": "ИВС", "vk": "ВК"}


class DirectoryError(ValueError):
    """Items that cannot be read; `problems` holds (item number, message) pairs."""

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"item {n}: {message}" for n, message in problems))


@dataclass
class Planned:
    """One facility to create: its values and other names."""

    values: dict[str, Any]
    aliases: list[str] = field(default_factory=list)


def read_item(item: Any, number: int) -> Planned:
    """The facility one item of the list describes; DirectoryError naming the item."""
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise DirectoryError([(number, "an item is an object with a 'name'")])
    raw = " ".join(item["name"].split())
    town, _bar, official = raw.rpartition(" | ")
    official = official.strip()
    if not official:
        raise DirectoryError([(number, "the name is empty")])
    kind, number_text = facility_kind_of(official)
    regime = ""
    for pattern, found_kind, found_regime in _KINDS:
        if pattern.search(official):
            kind, regime = found_kind, found_regime
            break
    region_en, region_ru = _region(official)
    short = SHORT.get(kind, "")
    label = f"{short}-{number_text}" if short and number_text else official[:120]
    label_ru = f"{SHORT_RU[kind]}-{number_text}" if kind in SHORT_RU and number_text else ""
    town = town.strip()
    where_en = region_en or town  # a town the list puts first, when no region is known
    # "IK-1" alone says nothing: without a place the official name is the name.
    name_en = f"{label}, {where_en}" if where_en and label != official[:120] else official[:200]
    name_ru = f"{label_ru}, {region_ru}" if label_ru and region_ru else label_ru
    values: dict[str, Any] = {
        "kind": kind, "number": number_text, "name_en": name_en[:200], "name_ru": name_ru[:200],
        "regime": regime, "country": "RU", "region": region_en,
        "latitude": _coordinate(item.get("latitude"), 90, number, "latitude"),
        "longitude": _coordinate(item.get("longitude"), 180, number, "longitude"),
    }  # fmt: skip
    aliases = [official[:200]] if official[:200] != values["name_en"] else []
    return Planned(values, aliases)


def _region(text: str) -> tuple[str, str]:
    """The (English, Russian) names of the first region places.json knows in `text`: each
    word like "region", "krai" or "republic" is tried with up to three words before it
    ("Kostroma region", "Khanty-Mansi Autonomous Okrug") and after it ("Republic of
    Mordovia"), the longest first."""
    words = _WORD.findall(text)
    for n, word in enumerate(words):
        if word.lower() not in _REGION_WORDS:
            continue
        candidates = [" ".join(words[max(0, n - k) : n + 1]) for k in (3, 2, 1)]
        if n + 2 < len(words) and words[n + 1].lower() == "of":
            candidates = [" ".join(words[n : n + 3]), " ".join(words[n : n + 4]), *candidates]
        for candidate in candidates:
            names = region_names(candidate)
            if names is not None:
                return names["en"], names["ru"]
    return "", ""


def _coordinate(value: Any, limit: int, number: int, name: str) -> Decimal | None:
    if value is None:
        return None
    try:
        found = Decimal(str(value)).quantize(Decimal("0.00001"))
    except InvalidOperation:
        raise DirectoryError([(number, f"{name} is not a number: {value!r}")]) from None
    if not -limit <= found <= limit:
        raise DirectoryError([(number, f"{name} {found} is out of range")])
    return found


def plan(items: list[Any]) -> tuple[list[Planned], int]:
    """(the facilities to create, how many the directory has already). DirectoryError
    names every unreadable item."""
    planned, problems = [], []
    for number, item in enumerate(items, start=1):
        try:
            planned.append(read_item(item, number))
        except DirectoryError as error:
            problems += error.problems
    if problems:
        raise DirectoryError(problems)
    known = set(
        m.Facility.objects.exclude(number="").values_list("kind", "number", "region")
    )  # fmt: skip
    names = set(m.FacilityAlias.objects.values_list("name", flat=True))
    names |= set(m.Facility.objects.values_list("name_en", flat=True))
    fresh = []
    for facility in planned:
        v = facility.values
        # Kind, number and region say which facility it is, when all three are known; the
        # directory's and those planned before it count alike (a list may repeat one).
        known_by = v["number"] and v["kind"] != "other" and v["region"]
        key = (v["kind"], v["number"], v["region"])
        if (known_by and key in known) or any(
            name in names for name in (v["name_en"], *facility.aliases)
        ):
            continue
        known.add(key)
        names |= {v["name_en"], *facility.aliases}
        fresh.append(facility)
    return fresh, len(planned) - len(fresh)


def load(path: Path) -> list[Any]:
    """The list in a JSON file; DirectoryError (item 0) when it is not one."""
    try:
        data = load_json(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, UnreadableJson) as error:
        raise DirectoryError([(0, f"{path}: {error}")]) from error
    if not isinstance(data, list):
        raise DirectoryError([(0, f"{path}: expected a JSON list of facilities")])
    return data


def seed(actor: Any, planned: list[Planned]) -> list[m.Facility]:
    """Create the planned facilities (one statement, one audit entry); slugs made from
    their short names, unique among themselves and the directory."""
    from . import actions

    taken = set(m.Facility.objects.values_list("slug", flat=True))
    batch = []
    for facility in planned:
        base = slugify_name(facility.values["name_en"])[:70] or "facility"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        batch.append((m.Facility(slug=slug, **facility.values), facility.aliases))
    return actions.create_facilities(actor, batch)
