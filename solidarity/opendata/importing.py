"""Bringing lists in: CSV or JSON rows into the registry, all of them or none.

Rows are matched by identifier (the same slugs the export writes): a known id updates the
columns the file has, a new one creates the record. Every bad row is reported with its
table, row number, column and problem; if there is any, nothing is written. --dry-run
does all the work and rolls it back, reporting what would change.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from solidarity.accounts import audit
from solidarity.registry import actions
from solidarity.registry import models as m
from solidarity.registry.partial_date import PartialDate, PartialDateError
from solidarity.registry.services.duplicates import likely_duplicates_many
from solidarity.spreadsheets import unsafe_cell
from solidarity.untrusted import UnreadableJson, load_json

from .columns import PRIVATE_COLUMNS, SEPARATOR

ORDER = ["facilities", "cases", "people", "charges", "sentences", "events"]
_SLUG = re.compile(r"^[-a-z0-9_]{1,80}$")


@dataclass
class Problem:
    table: str  # the file's name, with the table when the file is not named after it
    row: int  # as a spreadsheet numbers it: the header is row 1
    column: str
    message: str

    def __str__(self) -> str:
        if self.row == 0:
            return f"{self.table}: {self.message}"
        where = f"{self.table} row {self.row}"
        return (
            f"{where}, column '{self.column}': {self.message}"
            if self.column != "-"
            else (f"{where}: {self.message}")
        )


class Rows(list[Any]):
    """A table's rows as read, with the row number each had in its file (spreadsheet
    numbering, the header being row 1), the file's name, and how many empty rows were
    skipped."""

    def __init__(self, rows: list[Any], numbers: list[int], where: str, skipped: int = 0):
        super().__init__(rows)
        self.numbers, self.where, self.skipped = numbers, where, skipped


# Columns each table reads; a file's other columns are refused unless mapped or ignored.
# Read-only columns the export writes (updated_at) are accepted and left alone.
COLUMNS: dict[str, frozenset[str]] = {
    "facilities": frozenset({"id", "kind", "number", "name_en", "name_ru", "regime", "country",
                             "region", "postal_address", "aliases"}),
    "cases": frozenset({"id", "name_en", "name_ru", "country", "region", "description_en",
                        "description_ru"}),
    "people": frozenset(PRIVATE_COLUMNS),
    "charges": frozenset({"person", "case", "code", "article", "part", "date", "status"}),
    "sentences": frozenset({"person", "case", "kind", "years", "months", "days", "regime",
                            "court", "pronounced_on", "in_force_on"}),
    "events": frozenset({"person", "type", "date", "order", "place", "case", "facility",
                         "text_en", "text_ru"}),
}  # fmt: skip
# Control characters no text field may hold (XML forbids them; they break feeds and
# PostgreSQL refuses NUL). Tab, line feed and carriage return are text.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ImportFailed(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.summary = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        summary = str(problems[0]) if len(problems) == 1 else self.summary
        super().__init__(f"{summary}; nothing was written")


@dataclass
class Report:
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    dry_run: bool = False
    skipped: dict[str, int] = field(default_factory=dict)  # empty rows, per table
    duplicates: list[str] = field(default_factory=list)  # rows most likely already here

    def add(self, table: str, outcome: str) -> None:
        self.counts.setdefault(table, {"created": 0, "updated": 0, "unchanged": 0})[outcome] += 1

    def __str__(self) -> str:
        verb = "would be created" if self.dry_run else "created"
        text = (
            "; ".join(
                f"{table}: {c['created']} {verb}, {c['updated']} updated, "
                f"{c['unchanged']} unchanged"
                for table, c in self.counts.items()
            )
            or "nothing to import"
        )
        for table, count in self.skipped.items():
            text += f"; {table}: {count} empty row{'s' if count != 1 else ''} skipped"
        if self.duplicates:
            count = len(self.duplicates)
            text += (f"; of those to create, {count} would be refused by a real run "
                     "(most likely already registered):")  # fmt: skip
        for line in self.duplicates:
            text += f"\n{line}"
        return text


class RowError(Exception):
    def __init__(self, column: str, message: str) -> None:
        self.column, self.message = column, message


# --- reading files -------------------------------------------------------------------------


def _check_size(size: int, name: str) -> None:
    limit = settings.IMPORT_MAX_BYTES
    if size > limit:
        raise ImportFailed([Problem(name, 0, "-", f"{size:,} bytes is over the limit of "
                                                  f"{limit:,} (IMPORT_MAX_BYTES)")])  # fmt: skip


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = "the file is not UTF-8 (save it as 'CSV UTF-8'); the first bad byte is here"
        raise ImportFailed([Problem(name, line, "-", message)]) from error


def parse_mapping(lines: list[str]) -> tuple[dict[str, str], frozenset[str]]:
    """'THEIRS=OURS' lines: a column read as another; 'THEIRS=' (nothing after '='): a
    column left out on purpose."""
    mapping, ignore = {}, set()
    for line in lines:
        theirs, sep, ours = line.partition("=")
        if not sep or not theirs.strip():
            continue
        if ours.strip():
            mapping[theirs.strip()] = ours.strip()
        else:
            ignore.add(theirs.strip())
    return mapping, frozenset(ignore)


def _dialect(text: str, where: str) -> Any:
    """The file's delimiter and quoting, detected by clevercsv (what Excel writes in a
    Russian locale is ';'-separated)."""
    import clevercsv

    sample = _sniff_sample(text)
    try:
        dialect = clevercsv.Sniffer().sniff(sample, delimiters=",;\t|")
    except clevercsv.Error:
        dialect = None
    if dialect is None or not dialect.delimiter:
        first = (sample or text[:SNIFF_LINE]).splitlines()[0] if text.strip() else ""
        counts = {d: first.count(d) for d in ",;\t|"}
        best = max(counts, key=lambda d: counts[d])
        return {"delimiter": best if counts[best] else ",", "quotechar": '"'}
    return {"delimiter": dialect.delimiter, "quotechar": dialect.quotechar or '"',
            "escapechar": dialect.escapechar or None}  # fmt: skip


SNIFF_CHARS = 16_384
SNIFF_LINE = 4_000


def _sniff_sample(text: str) -> str:
    """Whole lines from the start of `text`, up to SNIFF_CHARS characters in all, leaving
    out lines longer than SNIFF_LINE. clevercsv's URL filter is quadratic in the length of
    an unbroken run of characters: a 200 KB cell cut at a 64 KB sample held a worker for
    45 s (bench: 16 KB of such lines, under 1 s). The dialect shows in ordinary lines."""
    kept: list[str] = []
    size = 0
    head = text[: SNIFF_CHARS * 8]
    for line in head.splitlines(keepends=True):
        if len(head) < len(text) and not line.endswith(("\n", "\r")):
            break  # cut off by the slice: not a whole line
        if len(line) > SNIFF_LINE:
            continue
        if size + len(line) > SNIFF_CHARS:
            break
        kept.append(line)
        size += len(line)
    return "".join(kept)


def parse_csv(
    text: str,
    table: str,
    mapping: dict[str, str],
    *,
    where: str = "",
    ignore: frozenset[str] = frozenset(),
) -> Rows:
    """The rows of one CSV table, keyed by our column names.

    Refuses (ImportFailed, naming the file, row and column) a header with the same column
    twice and a column nobody reads unless it is mapped (`mapping`) or ignored (`ignore`).
    Rows of empty cells (Excel leaves them at the end) are skipped and counted.
    """
    where = where or table
    reader = csv.reader(io.StringIO(text), **_dialect(text, where))
    try:
        return _csv_rows(reader, table, mapping, where, ignore)
    except csv.Error as error:
        # A cell over the csv module's limit (131,072 characters), a quote never closed
        # before the end, a NUL where the dialect forbids it: one problem at that line.
        raise ImportFailed([Problem(where, reader.line_num, "-",
                                    f"not readable as CSV: {error}")]) from error  # fmt: skip


def _csv_rows(
    reader: Any, table: str, mapping: dict[str, str], where: str, ignore: frozenset[str]
) -> Rows:
    header = next(reader, None)
    if not header:
        raise ImportFailed([Problem(where, 1, "-", "the file is empty")])
    header = [h.strip() for h in header]
    problems = _header_problems(header, table, mapping, ignore, where)
    if problems:
        raise ImportFailed(problems)
    keys = [mapping.get(h, h) for h in header]
    kept = [(i, k) for i, k in enumerate(keys) if k not in ignore]
    every = len(kept) == len(keys)
    rows, numbers, skipped = [], [], 0
    for cells in reader:
        if not "".join(cells).strip():
            skipped += 1
            continue
        if len(cells) > len(header):
            raise ImportFailed([Problem(where, reader.line_num, "-",
                                        "more cells than columns in the header")])  # fmt: skip
        # A plain dict of the row's cells (zip stops at a short row's last cell); only the
        # rare cell that starts with a quote goes through unsafe_cell.
        row = dict(zip(keys, cells, strict=False)) if every else {
            k: cells[i] for i, k in kept if i < len(cells)
        }  # fmt: skip
        for k, v in row.items():
            if v[:1] == "'":
                row[k] = unsafe_cell(v)
        rows.append(row)
        numbers.append(reader.line_num)
    return Rows(rows, numbers, where, skipped)


def _header_problems(
    header: list[str], table: str, mapping: dict[str, str], ignore: frozenset[str], where: str
) -> list[Problem]:
    problems = []
    first: dict[str, int] = {}
    for n, name in enumerate(header, start=1):
        ours = mapping.get(name, name)
        if ours in first:
            problems.append(Problem(where, 1, name, f"columns {first[ours]} and {n} are both "
                                    f"'{ours}': keep one"))  # fmt: skip
        first.setdefault(ours, n)
    if table not in COLUMNS:
        return problems  # another group's list: its profile says which columns it reads
    known = COLUMNS[table] | {"updated_at"}
    for name in header:
        ours = mapping.get(name, name)
        if name in ignore or ours in known or not name:
            continue
        close = difflib.get_close_matches(ours, sorted(known), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        message = f"no field is called '{ours}'{hint}; map it (THEIRS=OURS) or ignore it"
        problems.append(Problem(where, 1, name, message))
    return problems


def read_bytes(
    data: bytes,
    name: str,
    *,
    table: str | None = None,
    mapping: dict[str, str] | None = None,
    ignore: frozenset[str] = frozenset(),
) -> dict[str, Rows]:
    """The same as read(), for an upload held in memory."""
    mapping = mapping or {}
    _check_size(len(data), name)
    text = _decode(data, name)
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        return _json_tables(text, name, table, mapping, ignore)
    if suffix != ".csv":
        raise ImportFailed([Problem(name, 0, "-", "use a .csv or .json file")])
    stem = Path(name).stem
    chosen = table or (stem if stem in ORDER else "people")
    where = name if stem == chosen else f"{name} ({chosen})"
    return {chosen: parse_csv(text, chosen, mapping, where=where, ignore=ignore)}


def _json_rows(
    items: Any, table: str, mapping: dict[str, str], ignore: frozenset[str], where: str
) -> Rows:
    if not isinstance(items, list):
        raise ImportFailed([Problem(where, 0, "-", f"'{table}' must be a list of rows")])
    keys: dict[str, None] = {}
    for item in items:
        if isinstance(item, dict):
            keys.update(dict.fromkeys(str(k) for k in item))
    problems = _header_problems(list(keys), table, mapping, ignore, where)
    if problems:
        raise ImportFailed(problems)
    rows = [
        {mapping.get(str(k), str(k)): v for k, v in item.items() if str(k) not in ignore}
        if isinstance(item, dict) else item
        for item in items
    ]  # fmt: skip
    return Rows(rows, list(range(1, len(rows) + 1)), where)


def _json_tables(
    text: str, name: str, table: str | None, mapping: dict[str, str], ignore: frozenset[str]
) -> dict[str, Rows]:
    try:
        data = load_json(text)
    except UnreadableJson as error:
        raise ImportFailed([Problem(name, error.line, "-", error.reason)]) from error
    if isinstance(data, list):
        chosen = table or "people"
        return {chosen: _json_rows(data, chosen, mapping, ignore, f"{name} item")}
    if isinstance(data, dict) and any(t in data for t in ORDER):
        return {t: _json_rows(data[t], t, mapping, ignore, f"{name} {t} item")
                for t in ORDER if t in data}  # fmt: skip
    raise ImportFailed([Problem(name, 1, "-", "expected a list of rows or an export")])


def read(
    path: Path,
    *,
    table: str | None = None,
    mapping: dict[str, str] | None = None,
    ignore: frozenset[str] = frozenset(),
) -> dict[str, Rows]:
    """Tables of rows from a JSON export, a CSV file or a folder of CSV files."""
    mapping = mapping or {}
    if path.is_dir():
        found = {t: path / f"{t}.csv" for t in ORDER if (path / f"{t}.csv").exists()}
        if not found:
            raise ImportFailed([Problem(str(path), 0, "-", "no <table>.csv files here: "
                                        + ", ".join(ORDER))])  # fmt: skip
        return {t: read(p, table=t, mapping=mapping, ignore=ignore)[t] for t, p in found.items()}
    if not path.is_file():
        raise ImportFailed([Problem(str(path), 0, "-", "no such file")])
    _check_size(path.stat().st_size, path.name)
    return read_bytes(path.read_bytes(), path.name, table=table, mapping=mapping, ignore=ignore)


# --- cleaning values -----------------------------------------------------------------------


def _text(row: dict[str, Any], column: str, limit: int, required: bool = False) -> str:
    value = row.get(column)
    value = "" if value is None else str(value).strip()
    if required and not value:
        raise RowError(column, "required, and empty")
    if len(value) > limit:
        raise RowError(column, f"longer than {limit} characters")
    return value


def _slug(row: dict[str, Any], column: str) -> str:
    value = _text(row, column, 80, required=True)
    if not _SLUG.match(value):
        raise RowError(column, f"'{value}' is not an identifier (a-z, 0-9, '-')")
    return value


def _date(row: dict[str, Any], column: str) -> PartialDate | None:
    value = _text(row, column, 10)
    if not value:
        return None
    try:
        return PartialDate.parse(value)
    except PartialDateError as error:
        raise RowError(column, f"'{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from error


def _int(row: dict[str, Any], column: str) -> int:
    value = _text(row, column, 6) or "0"
    if not value.isdigit():
        raise RowError(column, f"'{value}' is not a whole number")
    return int(value)


def _bool(row: dict[str, Any], column: str) -> bool:
    value = row.get(column)
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in ("true", "1", "yes", "да"):
        return True
    if text in ("false", "0", "no", "нет", ""):
        return False
    raise RowError(column, f"'{value}' is not true or false")


def _choice(row: dict[str, Any], column: str, choices: list[str], required: bool = True) -> str:
    value = _text(row, column, 20, required=required)
    if value and value not in choices:
        raise RowError(column, f"'{value}' is not one of: {', '.join(choices)}")
    return value


def _country(row: dict[str, Any], column: str, required: bool = False) -> str:
    value = _text(row, column, 2, required=required).upper()
    if value and not re.fullmatch("[A-Z]{2}", value):
        raise RowError(column, f"'{value}' is not a two-letter country code")
    return value


def _list(row: dict[str, Any], column: str) -> list[str]:
    value = row.get(column) or ""
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).split(SEPARATOR.strip()) if v.strip()]


# --- rows -------------------------------------------------------------------------------------


def _present(
    row: dict[str, Any], values: dict[str, Any], columns: dict[str, str]
) -> dict[str, Any]:
    """Only the fields whose column the file has: an update never blanks a missing column."""
    return {field: values[field] for field, column in columns.items() if column in row}


def facility(row: dict[str, Any], context: dict[str, Any]) -> str:
    slug = _slug(row, "id")
    values = {
        "kind": _choice(row, "kind", list(m.FacilityKind.values)),
        "number": _text(row, "number", 20), "name_en": _text(row, "name_en", 200, True),
        "name_ru": _text(row, "name_ru", 200),
        "regime": _choice(row, "regime", list(m.Regime.values), required=False),
        "country": _country(row, "country", True), "region": _text(row, "region", 100),
        "postal_address": _text(row, "postal_address", 1000),
    }  # fmt: skip
    obj = _registered(context, m.Facility, slug)
    aliases = _list(row, "aliases") if "aliases" in row else None
    if obj is None:
        # Written with the other new facilities of the file by actions.create_facilities.
        new = m.Facility(slug=slug, **values)
        _write(lambda: actions.check_new(new))
        _queue_new(context, "Facility", new, aliases or [])
        return "created"
    values = actions.differing(obj, _present(row, values, {k: k for k in values}))
    if aliases is not None and sorted(a.name for a in obj.aliases.all()) == sorted(aliases):
        aliases = None
    if not values and aliases is None:
        return "unchanged"
    saved = _write(lambda: actions.save_facility(context["actor"], obj, values, aliases=aliases))
    context["Facility"][slug] = saved
    return "updated"


def case(row: dict[str, Any], context: dict[str, Any]) -> str:
    slug = _slug(row, "id")
    values = {
        "name_en": _text(row, "name_en", 200, True), "name_ru": _text(row, "name_ru", 200),
        "country": _country(row, "country", True), "region": _text(row, "region", 100),
        "description_en": _text(row, "description_en", 10000),
        "description_ru": _text(row, "description_ru", 10000),
    }  # fmt: skip
    obj = _registered(context, m.Case, slug)
    if obj is None:
        # Written with the other new cases of the file by actions.create_cases.
        new = m.Case(slug=slug, **values)
        _write(lambda: actions.check_new(new))
        _queue_new(context, "Case", new, [])
        return "created"
    changes = actions.differing(obj, _present(row, values, {k: k for k in values}))
    if changes:
        _write(lambda: actions.save_case(context["actor"], obj, changes))
    return "updated" if changes else "unchanged"


def _queue_new(context: dict[str, Any], kind: str, obj: Any, aliases: list[str]) -> None:
    """A new facility or case, kept for one INSERT with the others of its table; later rows
    refer to the same object, whose primary key the flush sets."""
    context[kind][obj.slug] = obj
    context["new"].append((obj, aliases, context["row"]))


def _flush_new(context: dict[str, Any], table: str) -> None:
    """Write the new facilities or cases of `table` (see _queue_new); a row the action
    refuses is named as a problem of its own."""
    new, context["new"] = context["new"], []
    if not new:
        return
    actor = context["actor"]
    try:
        if table == "facilities":
            actions.create_facilities(actor, [(obj, aliases) for obj, aliases, _row in new])
        else:
            actions.create_cases(actor, [obj for obj, _aliases, _row in new])
    except ValidationError as error:
        where, n = new[0][2]
        field = next(iter(error.message_dict)) if hasattr(error, "error_dict") else "id"
        column = "id" if field == "slug" else field
        context["problems"].append(Problem(where, n, column, " ".join(error.messages)))


def _write(action: Callable[[], Any]) -> Any:
    """Run a registry action; its ValidationError becomes this row's problem."""
    try:
        return action()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            field, problems = next(iter(error.message_dict.items()))
            raise RowError(field, " ".join(problems)) from error
        raise RowError("-", " ".join(error.messages)) from error


PERSON_COLUMNS = {
    "name": "name", "name_latin": "name_latin", "status": "status", "country": "country",
    "region": "region", "birth_date": "birth_date", "facility": "facility",
    "full_name": "letter_name", "accepts_letters": "accepts_letters", "story_en": "story_en",
    "story_ru": "story_ru", "consent_publish_name": "consent_publish_name",
    "consent_publish_address": "consent_publish_address",
    "consent_publish_photo": "consent_publish_photo",
    "consent_publish_birthday": "consent_publish_birthday", "letter_address": "letter_address",
    "private_notes": "private_notes",
}  # fmt: skip


_BIRTHDAY_LEVELS = {"": "none", "none": "none", "no": "none", "false": "none",
                    "year": "year", "day_month": "day_month", "full": "day_month",
                    "true": "day_month", "yes": "day_month"}  # fmt: skip


def _birthday_level(row: dict[str, Any]) -> str:
    """consent_publish_birthday: none, year (the year of birth only) or day_month (the whole
    date); yes/true mean the whole date, no/false/empty none."""
    raw = str(row.get("consent_publish_birthday") or "").strip().lower()
    if raw not in _BIRTHDAY_LEVELS:
        raise RowError("consent_publish_birthday", f"'{raw}' is not one of: none, year, day_month")
    return _BIRTHDAY_LEVELS[raw]


def person(row: dict[str, Any], context: dict[str, Any]) -> str:
    own = _slug(row, "id")
    # --same THEIRS=OURS: the row is a person the registry has under another id.
    slug = context["same"].get(own, own)
    obj = context["people"].get(slug)
    creating = obj is None
    # A new person needs a name and a status; an update may carry only the columns it changes.
    status_code = _text(row, "status", 20, required=creating)
    status = context["statuses"].get(status_code) if status_code else None
    if status_code and status is None:
        raise RowError("status", f"unknown status '{status_code}' (one of: "
                       + ", ".join(sorted(context["statuses"])) + ")")  # fmt: skip
    facility_slug = _text(row, "facility", 80)
    values: dict[str, Any] = {
        "name": _text(row, "name", 200, creating), "name_latin": _text(row, "name_latin", 200),
        "status": status, "country": _country(row, "country"),
        "region": _text(row, "region", 100), "birth_date": _date(row, "birth_date"),
        "facility": _known(context, m.Facility, "facility", facility_slug)
        if facility_slug else None,
        "full_name": _text(row, "letter_name", 300),
        "accepts_letters": _bool(row, "accepts_letters"),
        "story_en": _text(row, "story_en", 20000), "story_ru": _text(row, "story_ru", 20000),
        "consent_publish_name": _bool(row, "consent_publish_name"),
        "consent_publish_address": _bool(row, "consent_publish_address"),
        "consent_publish_photo": _bool(row, "consent_publish_photo"),
        "consent_publish_birthday": _birthday_level(row),
        "letter_address": _text(row, "letter_address", 2000),
        "private_notes": _text(row, "private_notes", 20000),
    }  # fmt: skip
    tags = [context["tags"].get(t) or _missing_tag(t) for t in _list(row, "tags")]
    cases = [_known(context, m.Case, "cases", c) for c in _list(row, "cases")]
    articles = [] if context["has_charges"] else _list(row, "articles")
    charges = []
    for item in articles:
        match = ARTICLE_ITEM.fullmatch(item)
        if not match:
            raise RowError("articles", f"'{item}' is not CODE:NUMBER[/part], e.g. RU:205.2/2")
        if not cases:
            raise RowError("articles", "charges need a case: fill the 'cases' column")
        charges.append((_article_cached(context, "articles", match[1] or "RU", match[2]),
                        match[3] or ""))  # fmt: skip
    aliases = _list(row, "aliases")
    if creating:
        # Written in batches by actions.create_people: one INSERT per thousand people, not
        # five statements per person.
        context["pending"].append(actions.NewPerson(
            m.Person(slug=slug, **values), aliases, tags, cases,
            [(article, part, "") for article, part in charges],
        ))  # fmt: skip
        context["rows_of"][slug] = context["row"]
        return "created"
    actor = context["actor"]
    # Through the registry's actions: a new facility is a transfer (timeline event, writers
    # told, audited), a consent flag a consent record, every field change audited.
    changes = actions.differing(obj, _present(row, values, PERSON_COLUMNS))
    outcome = "unchanged"
    if changes:
        method = m.ConsentMethod.IMPORT
        obj = _write(lambda: actions.update_person(actor, obj, changes, consent_method=method))
        context["people"][slug] = obj
        outcome = "updated"
    if "aliases" in row and sorted(a.name for a in obj.aliases.all()) != sorted(aliases):
        for alias in obj.aliases.all():
            actions.remove_alias(actor, alias)
        for name in aliases:
            actions.add_alias(actor, obj, name)
        outcome = "updated"
    if "tags" in row and {t.pk for t in obj.tags.all()} != {t.pk for t in tags}:
        _write(lambda: actions.set_tags(actor, obj, tags))
        outcome = "updated"
    for linked in cases:
        if actions.add_defendant(actor, linked, obj):
            outcome = "updated"
    for article, part in charges:
        if not m.Charge.objects.filter(person=obj, case=cases[0], article=article,
                                       part=part).exists():  # fmt: skip
            _add_charge(actor, obj, cases[0], article, part)
            outcome = "updated"
    return outcome


def _add_charge(actor: Any, person: m.Person, case: m.Case, article: m.Article, part: str) -> None:
    _write(lambda: actions.add_charge(actor, person, case, article, part=part))


def _flush_people(context: dict[str, Any]) -> None:
    _check_duplicates(context)
    actions.create_people(context["actor"], context["pending"], method=m.ConsentMethod.IMPORT)
    for new in context["pending"]:
        context["people"][new.person.slug] = new.person
    context["pending"].clear()


def _registered(context: dict[str, Any], model: Any, slug: str) -> Any:
    """The `model` row with this slug, or None: from what _resolve() read for the whole file,
    else (a slug it did not see) one query."""
    cache = context.setdefault(model.__name__, {})
    if slug not in cache:
        cache[slug] = model.objects.filter(slug=slug).first()
    return cache[slug]


def _known(context: dict[str, Any], model: Any, column: str, slug: str) -> Any:
    found = _registered(context, model, slug)
    if found is None:
        raise RowError(column, f"unknown {model._meta.verbose_name} '{slug}'")
    return found


def _article_cached(context: dict[str, Any], column: str, code: str, number: str) -> m.Article:
    cache = context.setdefault("articles", {})
    if (code, number) not in cache:
        cache[(code, number)] = m.Article.objects.filter(code__code=code, number=number).first()
    if cache[(code, number)] is None:
        raise RowError(column, f"unknown article {code}:{number}")
    return cache[(code, number)]  # type: ignore[no-any-return]


# --- reading what the file names, a table at a time ----------------------------------------

CHUNK = 5000  # values per IN (...): under SQLite's limit on bound parameters


def _strings(values: Iterable[Any]) -> list[str]:
    return sorted({str(v).strip() for v in values if isinstance(v, str | int) and str(v).strip()})


def _resolve(context: dict[str, Any], model: Any, slugs: Iterable[Any]) -> None:
    """Every `model` row the file names, read together (one query per 5,000 slugs); a slug
    not in the registry is remembered as None."""
    cache = context.setdefault(model.__name__, {})
    wanted = [s for s in _strings(slugs) if s not in cache]
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        rows = model.objects.filter(slug__in=chunk)
        if model is m.Facility:
            rows = rows.prefetch_related("aliases")
        found = {obj.slug: obj for obj in rows}
        cache.update({slug: found.get(slug) for slug in chunk})


def _resolve_articles(context: dict[str, Any], pairs: Iterable[tuple[str, str]]) -> None:
    """Every article the file names, (code, number), in one query."""
    cache = context.setdefault("articles", {})
    wanted = sorted({pair for pair in pairs if pair not in cache})
    if not wanted:
        return
    by_code: dict[str, list[str]] = {}
    for code, number in wanted:
        by_code.setdefault(code, []).append(number)
    condition = Q()
    for code, numbers in by_code.items():
        condition |= Q(code__code=code, number__in=numbers)
    found = {(a.code.code, a.number): a for a in m.Article.objects.filter(condition)
             .select_related("code")}  # fmt: skip
    cache.update({pair: found.get(pair) for pair in wanted})


ARTICLE_ITEM = re.compile(r"(?:([A-Z]{2}):)?(\d{2,3}(?:\.\d{1,2})?)(?:/(\d{1,2}))?")


def _resolve_table(context: dict[str, Any], table: str, rows: list[Any]) -> None:
    """Before a table's rows: read every facility, case and article its rows name."""
    rows = [r for r in rows if isinstance(r, dict)]
    if table == "facilities":
        _resolve(context, m.Facility, (r.get("id") for r in rows))
    elif table == "cases":
        _resolve(context, m.Case, (r.get("id") for r in rows))
    elif table == "people":
        _resolve(context, m.Facility, (r.get("facility") for r in rows))
        _resolve(context, m.Case, (c for r in rows for c in _list(r, "cases")))
        items = (ARTICLE_ITEM.fullmatch(a) for r in rows for a in _list(r, "articles"))
        _resolve_articles(context, ((i[1] or "RU", i[2]) for i in items if i))
    elif table in ("charges", "sentences", "events"):
        _resolve(context, m.Case, (r.get("case") for r in rows))
        if table == "events":
            _resolve(context, m.Facility, (r.get("facility") for r in rows))
        if table == "charges":
            pairs = ((str(r.get("code") or "").strip() or "RU", str(r.get("article") or "").strip())
                     for r in rows)  # fmt: skip
            _resolve_articles(context, pairs)


def _missing_tag(slug: str) -> m.Tag:
    raise RowError("tags", f"unknown tag '{slug}'")


def charge(row: dict[str, Any], context: dict[str, Any]) -> str:
    person_obj = _known(context, m.Person, "person", _slug(row, "person"))
    case_obj = _known(context, m.Case, "case", _slug(row, "case"))
    code, number = _text(row, "code", 8) or "RU", _text(row, "article", 8, True)
    article = _article_cached(context, "article", code, number)
    part = _text(row, "part", 4)
    if part and not part.isdigit():
        raise RowError("part", f"'{part}' is not a number")
    values = {"date": _date(row, "date"),
              "status": _choice(row, "status", list(m.ChargeStatus.values), required=False)
              or m.ChargeStatus.CHARGED}  # fmt: skip
    obj = m.Charge.objects.filter(
        person=person_obj, case=case_obj, article=article, part=part
    ).first()
    actor = context["actor"]
    if obj is None:
        date, status = _date(row, "date"), str(values["status"])
        _write(lambda: actions.add_charge(
            actor, person_obj, case_obj, article, part=part, date=date, status=status
        ))  # fmt: skip
        return "created"
    return "updated" if _write(lambda: actions.update_row(actor, obj, values)) else "unchanged"


def sentence(row: dict[str, Any], context: dict[str, Any]) -> str:
    person_obj = _known(context, m.Person, "person", _slug(row, "person"))
    case_obj = _known(context, m.Case, "case", _slug(row, "case"))
    key = {
        "person": person_obj, "case": case_obj,
        "kind": _choice(row, "kind", list(m.SentenceKind.values), required=False)
        or m.SentenceKind.IMPRISONMENT,
        "years": _int(row, "years"), "months": _int(row, "months"), "days": _int(row, "days"),
    }  # fmt: skip
    values = {
        "regime": _choice(row, "regime", list(m.Regime.values), required=False),
        "court": _text(row, "court", 200), "pronounced_on": _date(row, "pronounced_on"),
        "in_force_on": _date(row, "in_force_on"),
    }  # fmt: skip
    obj = m.Sentence.objects.filter(**key).first()
    actor = context["actor"]
    if obj is None:
        person_key, case_key = key.pop("person"), key.pop("case")
        _write(lambda: actions.add_sentence(actor, person_key, case_key, {**key, **values},
                                            convict=False))  # fmt: skip
        return "created"
    return "updated" if _write(lambda: actions.update_row(actor, obj, values)) else "unchanged"


def event(row: dict[str, Any], context: dict[str, Any]) -> str:
    person_obj = _known(context, m.Person, "person", _slug(row, "person"))
    case_slug, facility_slug = _text(row, "case", 80), _text(row, "facility", 80)
    key = {
        "person": person_obj, "type": _choice(row, "type", list(m.EventType.values)),
        "date": _date(row, "date"), "text_en": _text(row, "text_en", 5000),
        "text_ru": _text(row, "text_ru", 5000),
    }  # fmt: skip
    values = {
        "order": _int(row, "order"), "place": _text(row, "place", 200),
        "case": _known(context, m.Case, "case", case_slug) if case_slug else None,
        "facility": _known(context, m.Facility, "facility", facility_slug)
        if facility_slug else None,
    }  # fmt: skip
    lookup = {k: v for k, v in key.items() if k != "date"}
    found = m.Event.objects.filter(**lookup)
    found = found.filter(date=key["date"]) if key["date"] else found.filter(date__isnull=True)
    obj = found.first()
    actor = context["actor"]
    if obj is None:
        person_key = key.pop("person")
        _write(lambda: actions.add_event(actor, person_key, {**key, **values}))
        return "created"
    return "updated" if _write(lambda: actions.update_row(actor, obj, values)) else "unchanged"


def _check_duplicates(context: dict[str, Any]) -> None:
    """A new row that is most likely someone the registry has (the same name in any script
    or spelling, the birth year not contradicting): named in a dry run; refused in a real
    one unless mapped to that person (--same ID=SLUG) or allowed as new (--new ID)."""
    wanted = []
    for new in context["pending"]:
        if new.person.slug in context["allow_new"]:
            continue
        for n, name in enumerate({new.person.name, new.person.name_latin} - {""}):
            wanted.append((f"{n}:{new.person.slug}", name, new.person.birth_date))
    found: dict[str, list[m.Person]] = {}
    for key, people in likely_duplicates_many(
        wanted, registered_before=context["registered_before"]
    ).items():
        found.setdefault(key.partition(":")[2], []).extend(people)
    for slug, people in found.items():
        people = list({p.pk: p for p in people}.values())
        if not people:
            continue
        where, n = context["rows_of"][slug]
        named = ", ".join(f"{p.slug} ({p.name}{', ' + str(p.birth_date) if p.birth_date else ''})"
                          for p in people[:3])  # fmt: skip
        message = (
            f"most likely already in the registry as {named}: decide with "
            f"{slug}={people[0].slug} (that person: updated) or {slug}=new (someone else) "
            f"among the import page's decisions, or on the command line with "
            f"--same {slug}={people[0].slug} or --new {slug}"
        )
        if context["dry_run"]:
            context["report"].duplicates.append(f"{where} row {n}, column 'id': {message}")
        else:
            context["problems"].append(Problem(where, n, "id", message))


def _existing_people(rows: list[Any], same: dict[str, str]) -> dict[str, m.Person]:
    slugs = [str(r.get("id")) for r in rows if isinstance(r, dict) and r.get("id")]
    slugs += list(same.values())
    found: dict[str, m.Person] = {}
    for start in range(0, len(slugs), 500):  # SQLite allows a limited number of parameters
        for person_obj in m.Person.objects.filter(slug__in=slugs[start : start + 500]):
            found[person_obj.slug] = person_obj
    return found


HANDLERS: dict[str, Callable[[dict[str, Any], dict[str, Any]], str]] = {
    "facilities": facility, "cases": case, "people": person, "charges": charge,
    "sentences": sentence, "events": event,
}  # fmt: skip
IDENTIFIED = {"facilities", "cases", "people"}


def _control_characters(tables: Mapping[str, list[Any]]) -> list[Problem]:
    """Every cell holding a control character, named by file, row and column."""
    problems = []
    for table, rows in tables.items():
        numbers = rows.numbers if isinstance(rows, Rows) else range(2, len(rows) + 2)
        where = rows.where if isinstance(rows, Rows) else table
        for n, row in zip(numbers, rows, strict=True):
            if not isinstance(row, dict):
                continue
            for column, value in row.items():
                texts = value if isinstance(value, list) else [value]
                for text in texts:
                    found = CONTROL.search(text) if isinstance(text, str) else None
                    if found:
                        code = f"U+{ord(found.group()):04X}"
                        problems.append(Problem(where, n, column, f"holds the control character "
                                                f"{code} (a stray byte, e.g. copied from a PDF): "
                                                "delete it"))  # fmt: skip
    return problems


def run(
    actor: Any,
    tables: Mapping[str, list[Any]],
    *,
    dry_run: bool = False,
    source: str = "",
    progress: Callable[[str, int, int], None] | None = None,
    same: dict[str, str] | None = None,
    allow_new: Iterable[str] = (),
) -> Report:
    """Import the tables in dependency order inside one transaction."""
    unknown = [t for t in tables if t not in HANDLERS]
    if unknown:
        raise ImportFailed([Problem(t, 0, "-", "unknown table") for t in unknown])
    report = Report(dry_run=dry_run)
    problems = _control_characters(tables)
    if problems:
        # PostgreSQL refuses NUL outright: name every such cell before anything is written.
        raise ImportFailed(problems)
    for table, rows in tables.items():
        if isinstance(rows, Rows) and rows.skipped:
            report.skipped[table] = rows.skipped
    context: dict[str, Any] = {
        "actor": actor if actor is not None else actions.System(f"import of {source}"),
        "statuses": {s.code: s for s in m.PersonStatus.objects.all()},
        "tags": {t.slug: t for t in m.Tag.objects.all()},
        "has_charges": "charges" in tables,
        "people": {},
        "Person": {},
        "pending": [],
        "new": [],
        "same": dict(same or {}),
        "allow_new": frozenset(allow_new),
        "rows_of": {},
        "row": ("", 0),
        "dry_run": dry_run,
        "report": report,
        "problems": problems,
        # Rows this import makes are not duplicates of the registry: only older ids count.
        "registered_before": (
            m.Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        )
        + 1,
    }
    pending: list[Any] = context["pending"]  # type: ignore[assignment]
    with transaction.atomic():
        for table in ORDER:
            rows = tables.get(table, [])
            seen: dict[str, int] = {}
            if table == "people":
                context["people"] = context["Person"] = _existing_people(rows, context["same"])
            _resolve_table(context, table, rows)
            numbers = rows.numbers if isinstance(rows, Rows) else range(2, len(rows) + 2)
            where = rows.where if isinstance(rows, Rows) else table
            for done, (n, row) in enumerate(zip(numbers, rows, strict=True), start=1):
                if not isinstance(row, dict):
                    problems.append(Problem(where, n, "-", "a row must be an object"))
                    continue
                if table in IDENTIFIED and row.get("id") in seen:
                    problems.append(Problem(where, n, "id", f"duplicate id '{row['id']}' "
                                            f"(first on row {seen[row['id']]})"))  # fmt: skip
                    continue
                if table in IDENTIFIED and row.get("id"):
                    seen[str(row["id"])] = n
                context["row"] = (where, n)
                try:
                    # Handlers check every value before they write, so a bad row writes
                    # nothing; any problem at all rolls the whole import back below.
                    report.add(table, HANDLERS[table](row, context))
                except RowError as error:
                    problems.append(Problem(where, n, error.column, error.message))
                if len(pending) >= 2000:
                    _flush_people(context)
                if progress and done % 1000 == 0:
                    progress(table, done, len(rows))
            _flush_people(context)
            _flush_new(context, table)
            if progress and rows:
                progress(table, len(rows), len(rows))
        if problems:
            raise ImportFailed(problems)
        audit.record(actor, "opendata.import", details={
            "source": source, "dry_run": dry_run, "counts": report.counts,
        })  # fmt: skip
        if dry_run:
            transaction.set_rollback(True)
    return report
