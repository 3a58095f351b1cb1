"""Dates as sources give them: a day, a month or only a year, never a day that was not said."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from django.utils import formats
from django.utils.translation import gettext as _


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


_ISO = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?$")
_DOTTED = re.compile(r"^(?:(?P<d>\d{1,2})\.)?(?P<m>\d{1,2})\.(?P<y>\d{4})$")


class PartialDateError(ValueError):
    pass


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1000 <= self.year <= 2999:
            raise PartialDateError(_("year %(year)s is out of range") % {"year": self.year})
        if self.day is not None and self.month is None:
            raise PartialDateError(_("a day needs a month"))
        if self.month is not None and not 1 <= self.month <= 12:
            raise PartialDateError(_("month %(month)s does not exist") % {"month": self.month})
        if self.day is not None and self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise PartialDateError(
                    _("%(year)s-%(month)02d has no day %(day)s")
                    % {"year": self.year, "month": self.month, "day": self.day}
                )

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Accept YYYY, YYYY-MM, YYYY-MM-DD, MM.YYYY and DD.MM.YYYY."""
        value = (text or "").strip()
        match = _ISO.match(value) or _DOTTED.match(value)
        if not match:
            raise PartialDateError(
                _("%(value)r is not a date: write YYYY, YYYY-MM or YYYY-MM-DD") % {"value": value}
            )
        parts = match.groupdict()
        return cls(
            int(parts["y"]),
            int(parts["m"]) if parts.get("m") else None,
            int(parts["d"]) if parts.get("d") else None,
        )

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day is not None:
            return self.first_day()
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def isoformat(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def display(self) -> str:
        """In the active language: '3 May 2023', 'May 2023' or '2023'."""
        if self.precision is Precision.DAY:
            return formats.date_format(self.first_day(), "j E Y")
        if self.precision is Precision.MONTH:
            return formats.date_format(self.first_day(), "F Y")
        return str(self.year)

    def sort_key(self) -> tuple[int, int, int]:
        """A year-only date sorts before the months of that year, as it does in the database."""
        return (self.year, self.month or 0, self.day or 0)

    def __str__(self) -> str:
        return self.isoformat()
