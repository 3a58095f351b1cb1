"""Every CSV the project writes goes through here, so that no cell runs as a formula.

A spreadsheet opening a CSV runs a text cell that starts with =, +, -, @, a tab or a
carriage return as a formula (`=HYPERLINK(...)`, `@SUM(...)`, DDE). Such text gets a
leading single quote (OWASP's rule), which the spreadsheet shows and the formula loses.
Numbers stay numbers: ints, floats and Decimals are never touched, nor is text that is a
plain number ("-12", "+7.5"), which a spreadsheet reads as a number and cannot run.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def safe_cell(value: Any) -> Any:
    """`value`, or for formula-like text "'" + value. Non-text values come back as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        if not PLAIN_NUMBER.fullmatch(value):
            return "'" + value
    return value


def unsafe_cell(value: str) -> str:
    """What safe_cell was given: the leading quote it adds taken off again on reading a CSV
    (so that an export imports back as it was). Only before a formula's first character."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


class SafeWriter:
    """csv.writer whose rows (iterables of cells) are written through safe_cell."""

    def __init__(self, handle: Any, **options: Any) -> None:
        self._writer = csv.writer(handle, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class SafeDictWriter(csv.DictWriter):  # type: ignore[type-arg]
    """csv.DictWriter whose rows (mappings of column to cell) are written through safe_cell."""

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        return super().writerow({k: safe_cell(v) for k, v in rowdict.items()})

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]) -> None:
        for row in rowdicts:
            self.writerow(row)
