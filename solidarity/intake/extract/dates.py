"""Dates as precise as the text gives them: "2023-05-03", "2022-10", "2024", never a made-up day.

A day and month without a year take the year of a later date in the same list ("12 января,
3 февраля и 20 марта 2026 года"), or else the year the document was published in (the last
such date on or before publication), marked `inferred`. A year named elsewhere in the text is
never borrowed: it is as often a birth year or the year of the offence as the year of the
event ("Мария, 2004 г. р., задержана 14 апреля"). Relative phrases
("two days later", "the same day", "через три месяца") count from the last date given; an
explicit date right after one ("через три месяца, 14 апреля") wins.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from .quantities import word_value

MONTHS_EN = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS_EN |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m and m != "May"}
_RU_MONTH_STEMS = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август",
                   "сентябр", "октябр", "ноябр", "декабр"]  # fmt: skip


def ru_month(word: str) -> int | None:
    word = word.lower()
    for i, stem in enumerate(_RU_MONTH_STEMS, 1):
        if stem == "ма":
            if word in ("май", "мая", "мае", "маю", "маем"):
                return 5
        elif word.startswith(stem) and len(word) - len(stem) <= 3:
            if stem == "март" and word not in ("март", "марта", "марте", "марту", "мартом"):
                continue
            return i
    return None


_EN_MONTH = "|".join(sorted(MONTHS_EN, key=len, reverse=True))
_RU_MONTH = (
    r"(?:январ[ьяюе]|феврал[ьяюе]|март[аеу]?|апрел[ьяюе]|ма[йяюе]|июн[ьяюе]|"
    r"июл[ьяюе]|август[аеу]?|сентябр[ьяюе]|октябр[ьяюе]|ноябр[ьяюе]|декабр[ьяюе])"
)
_YEAR = r"(?:1[89]\d\d|20\d\d)"

PATTERNS = [
    # ISO and dotted numeric dates
    ("ymd", re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("dmy_num", re.compile(rf"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>{_YEAR})\b")),
    # 3 May 2023, 3rd of May, 2023
    (
        "d_month_y",
        re.compile(
            rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?: of)? (?P<mon>{_EN_MONTH})\b\.?"
            rf"(?:,? (?P<y>{_YEAR}))?",
            re.IGNORECASE,
        ),
    ),
    # May 3, 2023
    (
        "month_d_y",
        re.compile(
            rf"\b(?P<mon>{_EN_MONTH}) (?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,? (?P<y>{_YEAR}))?",
            re.IGNORECASE,
        ),
    ),
    # 3 мая 2023 года
    (
        "ru_d_month_y",
        re.compile(
            rf"\b(?P<d>[0-3]?\d)(?:-?го)? (?P<mon>{_RU_MONTH})\b"
            rf"(?: (?P<y>{_YEAR})(?:\s*(?:года|г\.?|-го))?)?",
            re.IGNORECASE,
        ),
    ),
    # in October 2022, October of 2022
    ("month_y", re.compile(rf"\b(?P<mon>{_EN_MONTH})(?:,| of)? (?P<y>{_YEAR})\b", re.IGNORECASE)),
    # в августе 2024-го, в октябре 2022 года
    (
        "ru_month_y",
        re.compile(
            rf"\b(?P<mon>{_RU_MONTH}) (?P<y>{_YEAR})(?:\s*(?:года|г\.?|-го|-м))?", re.IGNORECASE
        ),
    ),
    # in October (no year)
    (
        "month",
        re.compile(
            rf"\b(?:in|since|by|until|early|late|mid-?) (?P<mon>{_EN_MONTH})\b", re.IGNORECASE
        ),
    ),
    (
        "ru_month",
        re.compile(rf"\b(?:в|с|до|к|конце|начале|середине) (?P<mon>{_RU_MONTH})\b", re.IGNORECASE),
    ),
    # in 2021, в 2021 году, 2024-го
    ("year", re.compile(rf"\b(?P<y>{_YEAR})(?:\s*(?:год[ау]?|г\.|-го|-м))?\b")),
]

_BIRTH_AFTER = re.compile(
    r"\s*(?:г\.\s*р\.|года рождения|г\.р\.|-?го года рождения|year of birth|born)", re.I
)
_BIRTH_BEFORE = re.compile(r"(?:born(?: in| on)?|родил\w*(?: в)?|рожд[её]н\w*(?: в)?)\s*$", re.I)
_MAY_HAVE_DATE = re.compile(rf"\d|\b(?:{_EN_MONTH})\b|{_RU_MONTH}", re.IGNORECASE)
_NUM = r"(?:\d+|[a-z]+|[а-яё]+)"
RELATIVE = [
    (
        "same",
        re.compile(
            r"\b(the same day|that same day|same day|on that day|в тот же день|"
            r"в этот же день|тем же днем|тем же днём)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "next",
        re.compile(
            r"\b(the next day|the following day|a day later|next day|"
            r"на следующий день|на другой день|через день|спустя день)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "later",
        re.compile(
            rf"\b(?P<n>{_NUM})(?:[- ](?P<n2>{_NUM}))? "
            r"(?P<unit>days?|weeks?|months?|years?) later\b",
            re.IGNORECASE,
        ),
    ),
    (
        "after",
        re.compile(
            rf"\b(?:через|спустя) (?P<n>{_NUM})?\s*(?P<unit>д(?:ень|ня|ней)|недел[юиь]|"
            r"месяц(?:а|ев)?|год(?:а)?|лет)\b",
            re.IGNORECASE,
        ),
    ),
]


@dataclass
class DateMention:
    start: int
    end: int
    year: int | None
    month: int | None = None
    day: int | None = None
    relative: bool = False
    inferred: bool = False  # the year came from the publication date, not from the text

    def value(self) -> str | None:
        if self.year is None:
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _month(raw: str) -> int | None:
    raw = raw.lower().rstrip(".")
    return MONTHS_EN.get(raw) or ru_month(raw)


def find_absolute(text: str) -> list[DateMention]:
    """Every explicit date, longest first where they overlap; years may still be missing."""
    if not _MAY_HAVE_DATE.search(text):
        return []  # most sentences have no date; one search rules them out
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for _kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            groups = match.groupdict()
            year = int(groups["y"]) if groups.get("y") else None
            month = None
            if groups.get("mon"):
                month = _month(groups["mon"])
            elif groups.get("m"):
                month = int(groups["m"])
            day = int(groups["d"]) if groups.get("d") else None
            if month is not None and not 1 <= month <= 12:
                continue
            if day is not None and not 1 <= day <= 31:
                continue
            # "May" alone is mostly the verb; a bare English month needs its preposition.
            taken.append((start, end))
            # a birth year is nobody's event date: "2004 г. р.", "born in 1999", "(1987)"
            if _BIRTH_AFTER.match(text[end : end + 20]) or _BIRTH_BEFORE.search(
                text[max(0, start - 20) : start]
            ):
                continue
            found.append(DateMention(start, end, year, month, day))
    found.sort(key=lambda d: d.start)
    return found


def fill_years(text: str, dates: list[DateMention], published: datetime.date | None = None) -> None:
    """Give year-less dates the year of a later date in their list ("12 и 20 марта 2026
    года"), or else the year of publication: the latest such day on or before `published`
    (14 December in a text of 10 January is last year's), marked inferred. Without a
    publication date they stay year-less, and so dateless."""
    for i, date in enumerate(dates):
        if date.year is None and date.month is not None:
            # a later date in the same list: only separators between them
            j = i
            while j + 1 < len(dates) and re.fullmatch(
                r"\s*(,|и|and|,\s*and|,\s*и|&|or|или|-|–|—|по|to|until)?\s*",
                text[dates[j].end : dates[j + 1].start],
            ):
                j += 1
                if dates[j].year is not None:
                    date.year = dates[j].year
                    date.inferred = dates[j].inferred
                    break
            if date.year is None and published is not None:
                later = (date.month, date.day or 1) > (published.month, published.day)
                date.year = published.year - 1 if later else published.year
                date.inferred = True


def _shift(anchor: DateMention, unit: str, count: int) -> DateMention | None:
    if anchor.year is None:
        return None
    unit = unit.lower()
    if unit.startswith(("day", "д")) or unit.startswith(("week", "недел")):
        days = count * (7 if unit.startswith(("week", "недел")) else 1)
        if anchor.day is None or anchor.month is None:
            return None  # a day from a month is a guess
        moved = datetime.date(anchor.year, anchor.month, anchor.day) + datetime.timedelta(days)
        return DateMention(
            0, 0, moved.year, moved.month, moved.day, relative=True, inferred=anchor.inferred
        )
    if unit.startswith(("month", "месяц")):
        if anchor.month is None:
            return None
        index = anchor.year * 12 + anchor.month - 1 + count
        return DateMention(
            0, 0, index // 12, index % 12 + 1, None, relative=True, inferred=anchor.inferred
        )
    if unit.startswith(("year", "год", "лет")):
        return DateMention(
            0, 0, anchor.year + count, None, None, relative=True, inferred=anchor.inferred
        )
    return None


def resolve_relative(sentence: str, anchor: DateMention | None) -> DateMention | None:
    """A date the sentence gives relative to the anchor (the last date told), if any."""
    if anchor is None:
        return None
    for kind, pattern in RELATIVE:
        match = pattern.search(sentence)
        if not match:
            continue
        if kind == "same":
            return DateMention(
                match.start(), match.end(), anchor.year, anchor.month, anchor.day,
                relative=True, inferred=anchor.inferred,
            )  # fmt: skip
        if kind == "next":
            shifted = _shift(anchor, "day", 1)
        else:
            raw = match.group("n")
            count = word_value(raw) if raw else 1
            if match.groupdict().get("n2"):
                extra = word_value(match.group("n2"))
                count = (count or 0) + (extra or 0)
            if count is None:
                continue
            shifted = _shift(anchor, match.group("unit"), int(count))
        if shifted is not None:
            shifted.start, shifted.end = match.span()
            return shifted
    return None
