"""Expected release under art. 72 of the Russian Criminal Code, with every step explained.

The term runs from the day the sentence enters into force; time held before that is
credited at the ratios of the rule set in force then (data/art72.json). Where a date is
known only to the month or year, the answer is the range of release dates those bounds
allow, never an invented day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .partial_date import PartialDate

RULES_FILE = Path(__file__).parent / "data" / "art72.json"
# Each criminal code's own credit rules: Russia's art. 72, Belarus' art. 75.
RULES_FILES = {"RU": RULES_FILE, "BY": Path(__file__).parent / "data" / "by_art75.json"}


@dataclass(frozen=True)
class RuleSet:
    valid_from: dt.date
    reference: str
    reference_ru: str
    remand: dict[str, Fraction]
    house_arrest: Fraction | None
    ban_on_leaving: Fraction | None  # days of remand per day of the ban
    one_to_one: tuple[tuple[str, tuple[str, ...]], ...]
    # For sentences other than imprisonment: days of the sentence per day in custody.
    remand_by_kind: dict[str, Fraction] = field(default_factory=dict)

    def is_one_to_one(self, article: str, part: str) -> bool:
        for number, parts in self.one_to_one:
            if number == article and (not parts or part in parts):
                return True
        return False


@cache
def rule_sets(code: str = "RU") -> tuple[RuleSet, ...]:
    """The dated rule sets of `code` (RU, BY), oldest first; () for a code without rules."""
    path = RULES_FILES.get(code)
    if path is None:
        return ()
    data = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for raw in data["rule_sets"]:
        ban = raw["ban_on_leaving"]
        found.append(
            RuleSet(
                valid_from=dt.date.fromisoformat(raw["valid_from"]),
                reference=raw["reference"],
                reference_ru=raw.get("reference_ru", raw["reference"]),
                remand={k: Fraction(v) for k, v in raw["remand"].items()},
                house_arrest=Fraction(raw["house_arrest"]) if raw["house_arrest"] else None,
                ban_on_leaving=Fraction(ban.split()[0]) if ban else None,
                one_to_one=tuple(
                    (a["article"], tuple(a.get("parts", []))) for a in raw["one_to_one_articles"]
                ),
                remand_by_kind={k: Fraction(v) for k, v in raw.get("remand_by_kind", {}).items()},
            )
        )
    return tuple(sorted(found, key=lambda r: r.valid_from))


def rules_for(day: dt.date, code: str = "RU") -> RuleSet:
    applicable = [r for r in rule_sets(code) if r.valid_from <= day]
    return applicable[-1] if applicable else rule_sets(code)[0]


def add_term(start: dt.date, years: int, months: int, days: int) -> dt.date:
    month_index = start.month - 1 + months + 12 * years
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day) + dt.timedelta(days=days)


class Period(Protocol):
    kind: str
    start: PartialDate
    end: PartialDate | None


@dataclass(frozen=True)
class ChargeRef:
    code: str
    article: str
    part: str = ""


@dataclass
class Computation:
    release: dt.date | None = None
    release_latest: dt.date | None = None
    steps: list[str] = field(default_factory=list)
    problem: str = ""

    @property
    def is_range(self) -> bool:
        return bool(self.release and self.release_latest and self.release_latest != self.release)


def _days(start: dt.date, end: dt.date) -> int:
    return max(0, (end - start).days + 1)


def expected_release(
    *,
    years: int,
    months: int,
    days: int,
    regime: str,
    in_force_on: PartialDate | None,
    pronounced_on: PartialDate | None,
    charges: list[ChargeRef],
    periods: list[Any],
    code: str = "RU",
    kind: str = "imprisonment",
) -> Computation:
    """The last day of the term: from entry into force (else the pronouncement), less the
    custody before it credited by the code's rules (`code`: RU art. 72, BY art. 75) for
    the regime (imprisonment) or the kind of sentence (BY: arrest, restricted freedom,
    correctional labour)."""
    result = Computation()
    if not (years or months or days):
        result.problem = _("The sentence has no term.")
        return result
    if not rule_sets(code):
        result.problem = _("No credit rules are encoded for this criminal code.")
        return result
    if kind == "imprisonment" and not regime and periods:
        result.problem = _("The regime is not known, so time in custody cannot be credited.")
        return result
    start = in_force_on or pronounced_on
    if start is None:
        result.problem = _("The date of the sentence is not known.")
        return result
    if in_force_on is None:
        result.steps.append(
            _(
                "The date the sentence entered into force is not known; the date it was pronounced "
                "(%(date)s) is used."
            )
            % {"date": start.display()}
        )
    rules = rules_for(start.first_day(), code)
    one_to_one = [c for c in charges if c.code == "RU" and rules.is_one_to_one(c.article, c.part)]
    if kind == "imprisonment":
        remand_ratio = rules.remand.get(regime) if regime else Fraction(1)
    else:
        remand_ratio = rules.remand_by_kind.get(kind)
    if remand_ratio is None:
        result.problem = _("No credit rule for this regime.")
        return result
    if one_to_one:
        remand_ratio = Fraction(1)
        result.steps.append(
            _(
                "Art. %(article)s is listed in part 3.2 of art. 72: custody counts one day for one "
                "day whatever the regime."
            )
            % {"article": one_to_one[0].article}
        )
    result.steps.append(
        _("Rules: %(reference)s. One day in custody counts as %(ratio)s days here.")
        % {
            "reference": rules.reference_ru
            if (get_language() or "").startswith("ru")
            else rules.reference,
            "ratio": _ratio(remand_ratio),
        }
    )
    credit_min = Fraction(0)
    credit_max = Fraction(0)
    for period in periods:
        until_min = period.end.first_day() if period.end else start.first_day() - dt.timedelta(1)
        until_max = period.end.last_day() if period.end else start.last_day() - dt.timedelta(1)
        low = _days(period.start.last_day(), until_min)
        high = _days(period.start.first_day(), until_max)
        if period.kind == "house_arrest":
            if rules.house_arrest is None:
                result.problem = _("No credit rule for house arrest is encoded for this code.")
                result.steps = []
                return result
            ratio = rules.house_arrest
        elif period.kind == "ban_on_leaving":
            ratio = (rules.ban_on_leaving or Fraction(0)) * remand_ratio
        else:
            ratio = remand_ratio
        credit_min += low * ratio
        credit_max += high * ratio
        span = str(low) if low == high else f"{low}–{high}"
        result.steps.append(
            _("%(kind)s from %(start)s to %(end)s: %(days)s days × %(ratio)s")
            % {
                "kind": _kind_label(period.kind),
                "start": period.start.display(),
                "end": period.end.display() if period.end else _("the sentence"),
                "days": span,
                "ratio": _ratio(ratio),
            }
        )
    # A part day of credit is not a day served: round the credit down (the later date).
    earliest = add_term(start.first_day(), years, months, days) - dt.timedelta(
        days=1 + math.floor(credit_max)
    )
    latest = add_term(start.last_day(), years, months, days) - dt.timedelta(
        days=1 + math.floor(credit_min)
    )
    result.release, result.release_latest = earliest, latest
    credit_text = (
        str(math.floor(credit_max))
        if math.floor(credit_min) == math.floor(credit_max)
        else f"{math.floor(credit_min)}–{math.floor(credit_max)}"
    )
    result.steps.append(
        _("Term from %(start)s, less %(credit)s days of credit: the last day is %(release)s.")
        % {
            "start": start.display(),
            "credit": credit_text,
            "release": PartialDate.from_date(earliest).display()
            if earliest == latest
            else f"{PartialDate.from_date(earliest).display()} – "
            f"{PartialDate.from_date(latest).display()}",
        }
    )
    return result


def _ratio(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):g}"


def _kind_label(kind: str) -> str:
    return {
        "remand": _("Custody"),
        "house_arrest": _("House arrest"),
        "ban_on_leaving": _("Ban on leaving home"),
    }.get(kind, kind)


def for_sentence(
    sentence: Any, person_charges: Sequence[Any], periods: list[Any] | None = None
) -> Computation:
    """The computation for a Sentence row, given the person's charges (any case) and, when
    already read, the sentence's custody periods."""
    charges = [
        ChargeRef(c.article.code.code, c.article.number, c.part)
        for c in person_charges
        if c.case_id == sentence.case_id and c.status in ("charged", "convicted")
    ]
    code = charges[0].code if charges else (getattr(sentence.case, "country", "") or "RU")
    kinds = {"imprisonment"} | set(rule_sets(code)[-1].remand_by_kind if rule_sets(code) else {})
    if sentence.kind not in kinds:
        return Computation(problem=_("Only a sentence of imprisonment has a release date."))
    return expected_release(
        code=code,
        kind=sentence.kind,
        years=sentence.years,
        months=sentence.months,
        days=sentence.days,
        regime=sentence.regime,
        in_force_on=sentence.in_force_on,
        pronounced_on=sentence.pronounced_on,
        charges=charges,
        periods=list(sentence.custody_periods.all()) if periods is None else periods,
    )
