"""Another group's list in, and kept in step: `solidarity import FILE --profile NAME`.

A profile (opendata/profiles/NAME.json, documented in docs/opendata.md) says how the
list's columns map to the registry's fields, which values mean nothing, how its statuses
read, and which parsers read its articles, terms, penalties and facilities
(registry/parsing.py). Every row becomes one person, known afterwards by the list's own
id (registry ListEntry), so that importing a newer version of the list is a diff:

- new rows are created (with their case, charges, sentence, custody, events, recognition
  and a citation of the list for each fact), after a check that nobody in the registry is
  most likely the same person;
- changed rows are updated through registry.actions, with the same consequences as on
  the desk (a new facility is a transfer, a status out of prison a release);
- rows gone from the list are flagged for review (ListEntry.gone_since), never deleted.

All or nothing: every problem is named with the file, the row and the column, and then
nothing is written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from solidarity.registry import actions, names, parsing
from solidarity.registry import models as m
from solidarity.registry.partial_date import PartialDate, PartialDateError
from solidarity.registry.services.duplicates import likely_duplicates_many
from solidarity.untrusted import UnreadableJson, load_json

from .importing import CONTROL, ImportFailed, Problem

PROFILES = Path(__file__).parent / "profiles"


@dataclass
class Profile:
    name: str
    dataset: dict[str, str]
    country: str
    code: str
    nulls: frozenset[Any]
    id: str
    row_url: str
    fields: dict[str, str]
    ignore: frozenset[str]
    values: dict[str, dict[str, Any]]
    recognition: dict[str, Any]
    consent: dict[str, Any]
    case_name: dict[str, str]
    # A field's value that decides the status outright: {field: {value: status code}}.
    status_from: dict[str, dict[str, str]] = field(default_factory=dict)
    # (field, row width) -> the columns it reads; see _keys.
    plan: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    shape: int = 0  # the hash of the current row's columns

    @classmethod
    def load(cls, name: str) -> Profile:
        """A shipped profile by name, or a profile file by path. Raises ImportFailed."""
        path = Path(name) if name.endswith(".json") else PROFILES / f"{name}.json"
        if not path.is_file():
            known = ", ".join(sorted(p.stem for p in PROFILES.glob("*.json")))
            raise ImportFailed([Problem(name, 0, "-", f"no such profile (known: {known})")])
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            name=raw["name"], dataset=raw["dataset"], country=raw.get("country", ""),
            code=raw.get("code", raw.get("country", "RU")),
            nulls=frozenset(raw.get("nulls", [""])), id=raw["id"],
            row_url=raw.get("row_url", ""), fields=raw["fields"],
            ignore=frozenset(raw.get("ignore", [])), values=raw.get("values", {}),
            recognition=raw.get("recognition", {}), consent=raw.get("consent", {}),
            case_name=raw.get("case_name", {"en": "Case of {name}"}),
            status_from=raw.get("status_from", {}),
        )  # fmt: skip


def shipped_profiles() -> list[str]:
    """The names of the profiles in opendata/profiles/."""
    return sorted(p.stem for p in PROFILES.glob("*.json"))


def parse_decisions(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """The staff page's decisions on likely duplicates, one per line: 'ID=SLUG' (the row is
    that registered person) or 'ID=new' (a namesake: create them)."""
    same, allow_new = {}, []
    for line in lines:
        theirs, sep, ours = line.partition("=")
        theirs, ours = theirs.strip(), ours.strip()
        if not sep or not theirs or not ours:
            continue
        if ours.lower() == "new":
            allow_new.append(theirs)
        else:
            same[theirs] = ours
    return same, allow_new


@dataclass
class Row:
    """One list row, read and checked; nothing written yet."""

    number: int
    external_id: str
    url: str
    person: dict[str, Any]
    status_source: str
    facility: tuple[str, str] | None  # (title, address)
    charges: list[parsing.ChargeSpec]
    sentence: dict[str, Any] | None
    detained_on: PartialDate | None
    released_on: PartialDate | None
    recognition_url: str


@dataclass
class ListReport:
    dry_run: bool
    new: int = 0
    changed: dict[str, list[str]] = field(default_factory=dict)  # external id -> fields
    unchanged: int = 0
    gone: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        verb = "would be" if self.dry_run else ("was" if self.new == 1 else "were")
        lines = [
            f"{self.new} new {verb} created, {len(self.changed)} changed, "
            f"{self.unchanged} unchanged, {len(self.gone)} no longer on the list (flagged "
            "for review, not deleted)"
        ]
        for external_id, fields in sorted(self.changed.items()):
            lines.append(f"  changed {external_id}: {', '.join(fields)}")
        for external_id in self.gone:
            lines.append(f"  no longer on the list: {external_id}")
        if self.duplicates:
            lines.append(f"  {len(self.duplicates)} of the new would be refused by a real run "
                         "(most likely already registered):")  # fmt: skip
        lines += [f"  {d}" for d in self.duplicates]
        return "\n".join(lines)


# --- reading ---------------------------------------------------------------------------------


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Nested objects and lists as flat keys: {"prison": {"title": x}} -> {"prison/title": x},
    {"articles": [a, b]} -> {"articles/0": a, "articles/1": b}; flat keys stay as they are."""
    if (
        not prefix
        and isinstance(value, dict)
        and not any(isinstance(v, dict | list) for v in value.values())
    ):
        return value  # already flat, as Viasna's export is
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        for key, inner in value.items():
            out.update(flatten(inner, f"{prefix}{key}/"))
    elif isinstance(value, list) and prefix:
        for n, inner in enumerate(value):
            out.update(flatten(inner, f"{prefix}{n}/"))
    else:
        out[prefix.rstrip("/")] = value
    return out


def read_rows(data: bytes, name: str) -> list[dict[str, Any]]:
    """A JSON list of objects (flattened here) or a CSV file, as dicts of strings."""
    from .importing import _decode, parse_csv

    text = _decode(data, name)
    if name.lower().endswith(".json"):
        try:
            items = load_json(text)
        except UnreadableJson as error:
            raise ImportFailed([Problem(name, error.line, "-", error.reason)]) from error
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ImportFailed([Problem(name, 1, "-", "expected a list of objects")])
        return [flatten(item) for item in items]
    rows = parse_csv(text, "list", {}, where=name)  # run_list checks the columns read
    return list(rows)


def _clean(profile: Profile, raw: dict[str, Any], key: str) -> str | None:
    value = raw.get(key)
    if isinstance(value, str):
        text = value.strip()
        return None if text in profile.nulls else text
    if value is None or value is False:
        return None
    text = "true" if value is True else str(value).strip()
    return None if text in profile.nulls else text


def _keys(profile: Profile, raw: dict[str, Any], our: str) -> list[str]:
    """The columns a field reads ('articles/*' reads articles/0, /1, ... in order), worked
    out once per shape of row: the rows of one file share their columns."""
    shape = (our, profile.shape)
    cached = profile.plan.get(shape)
    if cached is not None:
        return cached
    theirs = profile.fields.get(our, "")
    if theirs.endswith("/*"):
        stem = theirs[:-1]
        keys = sorted((k for k in raw if k.startswith(stem) and k[len(stem) :].isdigit()),
                      key=lambda k: int(k[len(stem) :]))  # fmt: skip
    else:
        keys = [theirs] if theirs else []
    profile.plan[shape] = keys
    return keys


def _values(profile: Profile, raw: dict[str, Any], our: str) -> list[str]:
    """Every non-null value of the column(s) a field reads."""
    found = []
    for key in _keys(profile, raw, our):
        value = _clean(profile, raw, key)
        if value:
            found.append(value)
    return found


def _one(profile: Profile, raw: dict[str, Any], our: str) -> str | None:
    found = _values(profile, raw, our)
    value = found[0] if found else None
    table = profile.values.get(our)
    if table is not None and value is not None and value in table:
        return table[value]  # type: ignore[no-any-return]
    return value


def _date(value: str | None, column: str) -> PartialDate | None:
    if not value:
        return None
    try:
        return PartialDate.parse(value[:10])
    except PartialDateError as error:
        raise RowProblem(
            column, f"'{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        ) from error


class RowProblem(Exception):
    def __init__(self, column: str, message: str) -> None:
        self.column, self.message = column, message


def _read_row(profile: Profile, raw: dict[str, Any], number: int) -> Row:
    profile.shape = hash(tuple(raw))
    col = profile.fields.get
    external_id = _clean(profile, raw, profile.id)
    if not external_id:
        raise RowProblem(profile.id, "the row has no id")
    name = _one(profile, raw, "name")
    if not name:
        raise RowProblem(col("name", "name"), "required, and empty")
    status_value = _clean(profile, raw, col("status", "")) or ""
    status = _one(profile, raw, "status")
    if status_value and status_value not in profile.values.get("status", {status_value: 1}):
        known = ", ".join(sorted(profile.values.get("status", {})))
        raise RowProblem(col("status", "status"), f"unknown status '{status_value}' (the "
                         f"profile maps: {known})")  # fmt: skip
    for our, table in profile.status_from.items():
        found = _values(profile, raw, our)
        if found and found[0] in table:
            status = table[found[0]]
    gender = _one(profile, raw, "gender") or ""
    charges: list[parsing.ChargeSpec] = []
    for text in _values(profile, raw, "articles"):  # (parsers cache repeated prose)
        try:
            charges += parsing.charges_in(text, profile.code)
        except ValueError as error:
            raise RowProblem(col("articles", "articles"), str(error)) from error
    sentence = None
    penalty_text, term_text = _one(profile, raw, "penalty"), _one(profile, raw, "term")
    if penalty_text or term_text:
        try:
            kind, regime = (
                parsing.penalty_of(penalty_text) if penalty_text else ("imprisonment", "")
            )
        except ValueError as error:
            raise RowProblem(col("penalty", "penalty"), str(error)) from error
        try:
            term = parsing.term_of(term_text) if term_text else None
        except ValueError as error:
            raise RowProblem(col("term", "term"), str(error)) from error
        years, months, days = term or (0, 0, 0)
        sentence = {
            "kind": kind, "regime": regime, "years": years, "months": months, "days": days,
            "judge": ", ".join(_values(profile, raw, "judge"))[:300],
            "counsel": ", ".join(_values(profile, raw, "counsel"))[:300],
            "pronounced_on": _date(_one(profile, raw, "pronounced_on"), col("pronounced_on", "")),
            "in_force_on": _date(_one(profile, raw, "in_force_on"), col("in_force_on", "")),
        }  # fmt: skip
        if not term and kind in ("imprisonment", "restriction", "restriction_open", "arrest"):
            sentence.update(years=0, months=0, days=0, term_unknown=True)
    title = _one(profile, raw, "facility_title")
    facility = (title, _one(profile, raw, "facility_address") or "") if title else None
    return Row(
        number=number, external_id=external_id,
        url=_clean(profile, raw, profile.row_url) or "" if profile.row_url else "",
        person={
            "name": name, "gender": gender if gender in ("male", "female") else "",
            "birth_date": _date(_one(profile, raw, "birth_date"), col("birth_date", "")),
            "country": profile.country, "status_code": status or "unknown",
        },
        status_source=status_value, facility=facility, charges=charges, sentence=sentence,
        detained_on=_date(_one(profile, raw, "detained_on"), col("detained_on", "")),
        released_on=_date(_one(profile, raw, "released_on"), col("released_on", "")),
        recognition_url=_one(profile, raw, "recognition_url") or "",
    )  # fmt: skip


# --- resolving -------------------------------------------------------------------------------


def _facility_slug(profile: Profile, title: str) -> str:
    return f"{profile.country.lower()}-{names.slugify_name(title)}"[:80]


def _status(statuses: dict[str, m.PersonStatus], row: Row, facility: m.Facility | None) -> str:
    """The list's status, made precise where it says only 'held': in a SIZO or an IVS one
    is on remand; in an open facility or at home one serves restricted freedom."""
    code = row.person["status_code"]
    status = statuses.get(code)
    if status is None or not status.behind_bars:
        return code
    kind = row.sentence["kind"] if row.sentence else ""
    if facility is not None and facility.kind in ("sizo", "ivs"):
        # In a SIZO after the court: sentenced, waiting for the transfer to a colony.
        sentenced = row.sentence and (row.sentence.get("pronounced_on")
                                      or row.sentence.get("in_force_on"))  # fmt: skip
        return "sentenced" if sentenced else "remand"
    if (facility is not None and facility.kind == "open") or kind in (
        "restriction", "restriction_open"
    ):  # fmt: skip
        return "restricted"
    if kind in ("fine", "suspended", "treatment", "corr_labour"):
        return "sentenced"
    return code


def run_list(
    actor: Any,
    profile: Profile,
    raw_rows: list[dict[str, Any]],
    *,
    where: str,
    dry_run: bool = False,
    same: dict[str, str] | None = None,
    allow_new: Iterable[str] = (),
    today: dt.date | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> ListReport:
    """Import or update the list; see the module docstring. Raises ImportFailed."""
    today = today or timezone.localdate()
    report = ListReport(dry_run=dry_run)
    problems: list[Problem] = []
    expected = set(profile.fields.values()) | profile.ignore | {profile.id, profile.row_url}
    prefixes = tuple(v[:-1] for v in profile.fields.values() if v.endswith("/*"))
    unknown = sorted({k for r in raw_rows for k in r
                      if k not in expected and not k.startswith(prefixes)})  # fmt: skip
    for key in unknown:
        problems.append(Problem(where, 1, key, "no field of the profile reads this column: "
                                "add it to the profile's fields or its ignore list"))  # fmt: skip
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for n, raw in enumerate(raw_rows, start=1):
        for key, value in raw.items():
            if isinstance(value, str) and CONTROL.search(value):
                problems.append(Problem(where, n, key, "holds a control character: delete it"))
        try:
            row = _read_row(profile, raw, n)
        except RowProblem as error:
            problems.append(Problem(where, n, error.column, error.message))
            continue
        if row.external_id in seen:
            problems.append(Problem(where, n, profile.id, f"id {row.external_id} again (first "
                                    f"in row {seen[row.external_id]})"))  # fmt: skip
            continue
        seen[row.external_id] = n
        rows.append(row)
    if problems:
        raise ImportFailed(problems)
    dataset = profile.dataset["slug"]
    with transaction.atomic():
        _apply(actor, profile, rows, where=where, report=report, problems=problems,
               same=same or {}, allow_new=frozenset(allow_new), today=today,
               progress=progress)  # fmt: skip
        gone = m.ListEntry.objects.filter(dataset=dataset).exclude(external_id__in=list(seen))
        report.gone = sorted(gone.values_list("external_id", flat=True))
        if not dry_run:
            gone.filter(gone_since__isnull=True).update(gone_since=today)
        if problems:
            raise ImportFailed(problems)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _apply(
    actor: Any,
    profile: Profile,
    rows: list[Row],
    *,
    where: str,
    report: ListReport,
    problems: list[Problem],
    same: dict[str, str],
    allow_new: frozenset[str],
    today: dt.date,
    progress: Callable[[str, int, int], None] | None,
) -> None:
    actor = actor if actor is not None else actions.System(f"list import ({profile.name})")
    dataset = profile.dataset["slug"]
    statuses = {s.code: s for s in m.PersonStatus.objects.all()}
    facilities = _facilities(actor, profile, rows)
    articles = _articles(actor, profile, rows)
    entries = {e.external_id: e for e in m.ListEntry.objects.filter(dataset=dataset)
               .select_related("person__status")}  # fmt: skip
    mapped = m.Person.objects.in_bulk(list(same.values()), field_name="slug")
    source = actions.add_source(actor, {
        "title": profile.dataset["title"], "url": profile.dataset.get("url", ""),
        "publisher": profile.dataset.get("publisher", ""), "language": "en",
    })  # fmt: skip
    known = _Known.load(dataset, [p.pk for p in mapped.values()])
    new_rows: list[Row] = []
    seen_entries: list[int] = []
    for done, row in enumerate(rows, start=1):
        entry = entries.get(row.external_id)
        target = entry.person if entry else mapped.get(same.get(row.external_id, ""))
        facility = facilities.get(row.facility[0]) if row.facility else None
        if target is None:
            new_rows.append(row)
        else:
            fields = _update(actor, profile, row, target, facility, statuses, articles, known)
            if entry is None:
                _enter(actor, dataset, row, target, today)
            else:
                seen_entries.append(entry.pk)
            if fields:
                report.changed[row.external_id] = fields
            else:
                report.unchanged += 1
        if progress and done % 1000 == 0:
            progress("rows", done, len(rows))
    for start in range(0, len(seen_entries), 500):
        m.ListEntry.objects.filter(pk__in=seen_entries[start : start + 500]).update(
            last_seen=today, gone_since=None
        )
    _check_duplicates(profile, new_rows, where, report, problems, allow_new)
    _create(actor, profile, new_rows, facilities, statuses, articles, source, today)
    report.new = len(new_rows)
    if progress and rows:
        progress("rows", len(rows), len(rows))


def _articles(actor: Any, profile: Profile, rows: list[Row]) -> dict[str, m.Article]:
    """The code's articles the list names. An article the catalogue lacks is added with the
    list's own words for it (an English title, to be translated on the desk): the charge
    is kept, not refused."""
    found = {a.number: a for a in m.Article.objects.filter(code__code=profile.code)}
    titles: dict[str, str] = {}
    for row in rows:
        for charge in row.charges:
            if charge.number not in found:
                titles[charge.number] = titles.get(charge.number) or charge.title
    for number, title in sorted(titles.items()):
        found[number] = actions.add_article(actor, profile.code, number, title_en=title)
    return found


def _facilities(actor: Any, profile: Profile, rows: list[Row]) -> dict[str, m.Facility]:
    """Every facility the list names, one per title: found by its slug or made (with the
    list's postal address) in one query plus one insert per new facility."""
    wanted: dict[str, str] = {}
    for row in rows:
        if row.facility:
            title, address = row.facility
            wanted[title] = wanted.get(title) or address
    slugs = {title: _facility_slug(profile, title) for title in wanted}
    known = m.Facility.objects.in_bulk(list(slugs.values()), field_name="slug")
    found = {}
    for title, slug in slugs.items():
        facility = known.get(slug)
        if facility is None:
            kind, number = parsing.facility_kind_of(title)
            city = wanted[title].split(",")[1].strip() if wanted[title].count(",") >= 1 else ""
            facility = actions.save_facility(actor, None, {
                "slug": slug, "kind": kind, "number": number,
                "name_en": f"{title}, {city}" if city else title, "country": profile.country,
                "postal_address": wanted[title],
            })  # fmt: skip
        found[title] = facility
    return found


def _check_duplicates(profile: Profile, rows: list[Row], where: str, report: ListReport,
                      problems: list[Problem], allow_new: frozenset[str]) -> None:  # fmt: skip
    wanted = [(r.external_id, r.person["name"], r.person["birth_date"])
              for r in rows if r.external_id not in allow_new]  # fmt: skip
    found = likely_duplicates_many(wanted)  # (before anything of this list is created)
    by_id = {r.external_id: r for r in rows}
    for external_id, people in found.items():
        row = by_id[external_id]
        named = ", ".join(f"{p.slug} ({p.name})" for p in people[:3])
        message = (f"id {external_id} is most likely already in the registry as {named}: "
                   f"decide with {external_id}={people[0].slug} (that person: updated) or "
                   f"{external_id}=new (someone else) among the import page's decisions, or "
                   f"on the command line with --same {external_id}={people[0].slug} or "
                   f"--new {external_id}")  # fmt: skip
        if report.dry_run:
            report.duplicates.append(f"{where} row {row.number}: {message}")
        else:
            problems.append(Problem(where, row.number, profile.id, message))


def _sentence_values(row: Row) -> dict[str, Any]:
    return {k: v for k, v in (row.sentence or {}).items() if k != "term_unknown"}


def _create(
    actor: Any,
    profile: Profile,
    rows: list[Row],
    facilities: dict[str, m.Facility],
    statuses: dict[str, m.PersonStatus],
    articles: dict[str, m.Article],
    source: m.Source,
    today: dt.date,
) -> None:
    if not rows:
        return
    existing = set(m.Person.objects.filter(
        slug__in=[names.slugify_name(r.person["name"]) for r in rows]
    ).values_list("slug", flat=True))  # fmt: skip
    taken: set[str] = set(existing)
    cases, batch = [], []
    published = "name" in profile.consent.get("scopes", [])
    for row in rows:
        facility = facilities.get(row.facility[0]) if row.facility else None
        own = f"{profile.dataset['slug']}-{row.external_id}"
        # Without consent to the name, the slug is the list's own id: a slug is not
        # encrypted (registry/hiding.py), so it must not spell the name.
        base = names.slugify_name(names.readable_latin(row.person["name"], profile.country))
        slug = own if not published else base if base not in taken else f"{base}-{own}"
        taken.add(slug)
        fields = {k: v for k, v in row.person.items() if k != "status_code"}
        person = m.Person(
            slug=slug[:80], **fields, status=statuses[_status(statuses, row, facility)],
            facility=facility,
            consent_publish_name=published,
            consent_publish_address="address" in profile.consent.get("scopes", []),
        )  # fmt: skip
        person.name_latin = person.name if not names.has_cyrillic(person.name) else ""
        case = m.Case(
            slug=f"{profile.dataset['slug']}-{row.external_id}"[:80],
            name_en=profile.case_name["en"].format(name=row.person["name"]),
            name_ru=profile.case_name.get("ru", "").format(name=row.person["name"]),
            country=profile.country,
        )  # fmt: skip
        cases.append(case)
        charges = [(articles[c.number], c.part, c.stage) for c in row.charges]
        batch.append(actions.NewPerson(person, [], [], [case], charges))
    actions.create_cases(actor, cases)
    people = actions.create_people(actor, batch, method=m.ConsentMethod.IMPORT)
    facts = []
    for person, row, case in zip(people, rows, cases, strict=True):
        facts.append(actions.ListFacts(
            person=person, case=case, dataset=profile.dataset["slug"],
            external_id=row.external_id, url=row.url,
            sentence=_sentence_values(row) if row.sentence else None,
            custody_from=row.detained_on if _held_since_detention(row, person) else None,
            detained_on=row.detained_on, released_on=row.released_on,
            recognition=(profile.recognition.get("by", ""), row.recognition_url)
            if row.status_source in profile.recognition.get("when_status", [])
            and profile.recognition.get("by") else None,
        ))  # fmt: skip
    actions.record_list_facts(actor, source, facts, today=today)


def _held_since_detention(row: Row, person: m.Person) -> bool:
    """Custody from the detention to the sentence, for art. 72 / art. 75 credit: assumed for
    people the list says were detained and sentenced to imprisonment (released since or
    not); not for other penalties, where the list does not say whether they were held."""
    return bool(row.detained_on and row.sentence and row.sentence["kind"] == "imprisonment")


@dataclass
class _Known:
    """What the registry holds of the people a list already has: read in a few queries,
    so that comparing 50,000 rows costs no query per row."""

    charges: dict[int, set[tuple[str, str, str]]]
    sentences: dict[int, set[tuple[str, int, int, int]]]

    @classmethod
    def load(cls, dataset: str, person_ids: list[int]) -> _Known:
        """Charges and sentences of the list's people (one query each, joined through the
        list entries) and of the people mapped to rows with --same."""
        charges: dict[int, set[tuple[str, str, str]]] = {}
        sentences: dict[int, set[tuple[str, int, int, int]]] = {}
        of_list = Q(person__list_entries__dataset=dataset) | Q(person_id__in=person_ids)
        for pid, number, part_no, stage in m.Charge.objects.filter(of_list).values_list(
            "person_id", "article__number", "part", "stage"
        ):
            charges.setdefault(pid, set()).add((number, part_no, stage))
        for pid, *term in m.Sentence.objects.filter(of_list).values_list(
            "person_id", "kind", "years", "months", "days"
        ):
            sentences.setdefault(pid, set()).add(tuple(term))  # type: ignore[arg-type]
        return cls(charges, sentences)


def _update(
    actor: Any,
    profile: Profile,
    row: Row,
    person: m.Person,
    facility: m.Facility | None,
    statuses: dict[str, m.PersonStatus],
    articles: dict[str, m.Article],
    known: _Known,
) -> list[str]:
    """Apply what changed in the row through registry.actions; the fields changed."""
    changes: dict[str, Any] = {}
    status = statuses[_status(statuses, row, facility)]
    if status.pk != person.status_id:
        changes["status"] = status
    for key in ("gender", "birth_date"):
        if row.person[key] and row.person[key] != getattr(person, key):
            changes[key] = row.person[key]
    moved = facility is not None and facility.pk != person.facility_id
    # Out of prison, and the list names no place: nobody holds them any more.
    left = facility is None and person.facility_id is not None and not status.behind_bars
    fields = sorted(changes) + (["facility"] if moved or left else [])
    if changes or moved or left:
        if moved or left:
            changes["facility"] = facility
        actions.update_person(actor, person, changes, consent_method=m.ConsentMethod.IMPORT,
                              released_on=row.released_on)  # fmt: skip
    had = known.charges.get(person.pk, set())
    new_charges = [c for c in row.charges if (c.number, c.part, c.stage) not in had]
    case_name = profile.case_name["en"].format(name=person.name)
    if new_charges:
        case: m.Case | str = person.cases.first() or case_name
        for charge in new_charges:
            # The first charge makes the case (from its name); the others join it.
            charge_made = actions.add_charge(actor, person, case, articles[charge.number],
                                             part=charge.part, stage=charge.stage)  # fmt: skip
            case = charge_made.case
        fields.append("charges")
    if row.sentence:
        values = _sentence_values(row)
        term = (values["kind"], values["years"], values["months"], values["days"])
        if term not in known.sentences.get(person.pk, set()):
            actions.add_sentence(actor, person, person.cases.first() or case_name, values)
            fields.append("sentence")
    return fields


def _enter(actor: Any, dataset: str, row: Row, person: m.Person, today: dt.date) -> None:
    actions.add_list_entry(actor, person, dataset, row.external_id, row.url, today=today)
