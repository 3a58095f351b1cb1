"""Every change to the registry, one function each (after zulip's zerver/actions).

Each action is atomic, takes the acting user (or `System(reason)` for imports and other
machine work), writes its audit entry in the same transaction, and does its consequences
itself:

- a change of facility is a transfer: a `transfer` event on the timeline, the
  `person_transferred` signal (letters re-address unsent letters and tell the writers of
  letters on their way, see letters/transfers.py), one `registry.person.transfer` entry;
- a status that leaves "behind bars" is a release: a `release` event;
- a consent flag changes only through a ConsentRecord, so its history is kept;
- the search index is rebuilt whenever a name changes, and the public caches are dropped
  (`registry_changed`) when the transaction commits.

These functions are the only writers of registry rows: the staff desk, `solidarity
import`, the API, the intake desk and the remaining superuser admin all call them. They
raise django.core.exceptions.ValidationError (with field names) for bad values and
`StaleEdit` when a person was changed since the editor loaded them.

Audit entries name the fields changed and, for fields that are neither encrypted nor
identifying a person without consent, the previous and new values (the change history).
"""

from __future__ import annotations

import base64
import datetime as dt
import re
import secrets
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarity import bulk
from solidarity.accounts import audit
from solidarity.fields import EncryptedTextField

from . import hiding, names
from . import models as m
from .partial_date import PartialDate

# Sent inside the transfer's transaction: sender=Person, person=, previous=, actor=, event=
person_transferred = Signal()
# Sent on commit of any change that public pages, files or feeds may show: sender=None.
registry_changed = Signal()

CACHE_VERSION_KEY = "registry:version"


@dataclass(frozen=True)
class System:
    """The acting party of machine work (an import, a scheduled job), with its reason."""

    reason: str

    def __str__(self) -> str:
        return f"system: {self.reason}"[:150]


class StaleEdit(ValidationError):
    """The person changed after the editor loaded them (their version is older)."""

    def __init__(self, fields: list[str]) -> None:
        self.changed_fields = fields
        message = _("Someone else saved this person while you were editing: %(fields)s.") % {
            "fields": ", ".join(fields) or _("their record")
        }
        super().__init__(message + " " + _("Nothing of yours was saved; compare and save again."))


def cache_version() -> int:
    """A number that changes whenever the registry changes; part of public cache keys."""
    return int(cache.get_or_set(CACHE_VERSION_KEY, 1, None) or 1)


def _changed() -> None:
    def bump() -> None:
        try:
            cache.incr(CACHE_VERSION_KEY)
        except ValueError:
            cache.set(CACHE_VERSION_KEY, 2, None)
        registry_changed.send(None)

    transaction.on_commit(bump)


# --- values and their history ------------------------------------------------------------

# Fields whose values may go into the audit log only when the person is public: they name
# or describe someone who has not consented.
IDENTIFYING = {"name", "name_latin", "story_en", "story_ru", "interests", "birth_date",
               "region", "slug"}  # fmt: skip


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, PartialDate | dt.date):
        return value.isoformat()
    return value


def _history(obj: models.Model, before: dict[str, Any], public: bool) -> dict[str, Any]:
    """{field: {"from": old, "to": new}} for loggable fields, {field: None} for the rest."""
    out: dict[str, Any] = {}
    for field, old in before.items():
        new = getattr(obj, field)
        model_field = obj._meta.get_field(field)
        secret = isinstance(model_field, EncryptedTextField) or (
            field in IDENTIFYING and not public
        )
        out[field] = None if secret else {"from": _plain(old), "to": _plain(new)}
    return out


def differing(obj: models.Model, values: dict[str, Any]) -> dict[str, Any]:
    """The values that would change `obj` (foreign keys compared by primary key, without
    loading the row they point to)."""
    out = {}
    for field, value in values.items():
        if isinstance(value, models.Model) or value is None:
            attname = obj._meta.get_field(field).attname  # type: ignore[union-attr]
            differs = getattr(obj, attname) != (value.pk if value is not None else None)
        else:
            differs = getattr(obj, field) != value
        if differs:
            out[field] = value
    return out


def _apply(obj: models.Model, values: dict[str, Any]) -> dict[str, Any]:
    """Set the values that differ; return the previous value of each field changed."""
    before: dict[str, Any] = {}
    for field, value in differing(obj, values).items():
        before[field] = getattr(obj, field)
        setattr(obj, field, value)
    return before


def _validate(obj: models.Model, exclude: Iterable[str] = ()) -> None:
    # Uniqueness is left to the database (and checked by the desk's forms), so that a
    # batch of new rows is not one SELECT each.
    obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)


def _locked(person: m.Person) -> m.Person:
    return m.Person.objects.select_for_update().select_related("status").get(pk=person.pk)


# --- people ---------------------------------------------------------------------------------

PERSON_FIELDS = {
    "slug", "name", "name_latin", "full_name", "letter_address", "private_notes",
    "birth_date", "gender", "status", "country", "region", "story_en", "story_ru", "facility",
    "interests",
    "accepts_letters", "is_demo", "is_fictional",
}  # fmt: skip


def create_person(
    actor: Any,
    values: dict[str, Any],
    *,
    aliases: Iterable[str] = (),
    consent: Iterable[tuple[str, str]] = (),
    citation: tuple[m.Source, str] | None = None,
) -> m.Person:
    """A new person. `values` holds Person fields (no consent flags: pass `consent`, a list
    of (scope, method) granted now). Raises ValidationError naming the field."""
    unknown = set(values) - PERSON_FIELDS
    if unknown:
        raise ValueError(f"not person fields: {sorted(unknown)}")
    with transaction.atomic():
        person = m.Person(**values)
        if not person.name_latin:
            person.name_latin = names.readable_latin(person.name, person.country)
        if not person.slug:
            person.slug = person_slug(person)
        _validate(person, exclude=["tags"])
        if m.Person.objects.filter(slug=person.slug).exists():
            raise ValidationError({"slug": _("This identifier is taken by another person.")})
        person.save()
        for alias in aliases:
            _add_alias(person, alias)
        audit.record(
            actor, "registry.person.create", obj=person, details={"fields": sorted(values)}
        )
        for scope, method in consent:
            _consent(actor, person, scope, True, method=method)
        if citation:
            cite(actor, person, *citation)
        _changed()
    return person


def update_person(
    actor: Any,
    person: m.Person,
    values: dict[str, Any],
    *,
    version: int | None = None,
    transfer_date: PartialDate | None = None,
    consent_method: str = m.ConsentMethod.OTHER,
    citation: tuple[m.Source, str] | None = None,
    released_on: PartialDate | None = None,
) -> m.Person:
    """Change some of a person's fields (and consent_publish_* flags, recorded as consent).

    `version`: the version the editor loaded; if the person has changed since, StaleEdit
    names the fields changed in between and nothing is written. A new `facility` is a
    transfer (see transfer_person), dated `transfer_date` when known. A status that leaves
    "behind bars" is a release: a release event (dated `released_on` when known), and the
    facility emptied unless a new one is given. Returns the person, reloaded.
    """
    consent_changes = {f: values.pop(f) for f in list(values) if f.startswith("consent_")}
    unknown = set(values) - PERSON_FIELDS
    if unknown:
        raise ValueError(f"not person fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = _locked(person)
        if version is not None and version != locked.version:
            raise StaleEdit(changed_since(locked, version))
        new_facility = values.pop("facility", locked.facility)
        was_behind_bars = locked.status.behind_bars
        before = _apply(locked, values)
        released = "status" in before and was_behind_bars and not locked.status.behind_bars
        if released and (new_facility is None or new_facility.pk == locked.facility_id):
            # Out of prison: nobody holds them now. Part of the release, not a transfer.
            before.update(_apply(locked, {"facility": None}))
            new_facility = None
        if "name" in before and "name_latin" not in values and not locked.name_latin:
            locked.name_latin = names.readable_latin(locked.name, locked.country)
        if before:
            _validate(locked, exclude=["tags"])
            locked.version += 1
            locked.save()
            audit.record(
                actor, "registry.person.update", obj=locked,
                details={"version": locked.version,
                         "fields": _history(locked, before, locked.consent_publish_name)},
            )  # fmt: skip
            if released:
                _event(locked, m.EventType.RELEASE, released_on, None, citation)
        scopes = {field: scope for scope, field in m.CONSENT_FIELDS.items()}
        for field, granted in consent_changes.items():
            if field == "consent_publish_birthday":
                _birthday_consent(actor, locked, str(granted or "none"), consent_method)
                continue
            if field not in scopes:
                raise ValueError(f"not a consent field: {field}")
            if bool(granted) != getattr(locked, field):
                _consent(actor, locked, scopes[field], bool(granted), method=consent_method)
        if (new_facility.pk if new_facility else None) != locked.facility_id:
            transfer_person(actor, locked, new_facility, date=transfer_date, citation=citation)
        _changed()
    person.refresh_from_db()
    return person


def changed_since(person: m.Person, version: int) -> list[str]:
    """The fields of `person` changed after `version` (from the audit log)."""
    from solidarity.accounts.models import AuditEntry

    fields: set[str] = set()
    entries = AuditEntry.objects.filter(
        object_type="registry.person", object_id=str(person.pk)
    ).order_by("-id")[:50]
    for entry in entries:
        if (entry.details or {}).get("version", 0) <= version:
            continue
        changed = entry.details.get("fields") or {}
        fields |= set(changed)
    return sorted(fields)


def transfer_person(
    actor: Any,
    person: m.Person,
    facility: m.Facility | None,
    *,
    date: PartialDate | None = None,
    citation: tuple[m.Source, str] | None = None,
    version: int | None = None,
) -> m.Event:
    """The person was moved ("etap") to `facility` (None: to a place not in the directory).

    Writes the person's facility, a `transfer` event on the timeline (with the date, if
    known), one `registry.person.transfer` audit entry, and sends person_transferred, on
    which letters re-address unsent letters and tell writers of letters on their way.
    `version`: as in update_person, StaleEdit if the person changed since it was read.
    """
    with transaction.atomic():
        locked = _locked(person)
        if version is not None and version != locked.version:
            raise StaleEdit(changed_since(locked, version))
        previous = locked.facility
        locked.facility = facility
        locked.version += 1
        locked.save()
        event = _event(locked, m.EventType.TRANSFER, date, facility, citation)
        audit.record(
            actor, "registry.person.transfer", obj=locked,
            details={"version": locked.version, "from": previous.pk if previous else None,
                     "to": facility.pk if facility else None, "event": event.pk,
                     "fields": {"facility": {"from": previous.pk if previous else None,
                                             "to": facility.pk if facility else None}}},
        )  # fmt: skip
        person_transferred.send(
            m.Person, person=locked, previous=previous, actor=actor, event=event
        )
        _changed()
    person.facility = facility
    person.version = locked.version
    return event


def _event(
    person: m.Person,
    kind: str,
    date: PartialDate | None,
    facility: m.Facility | None,
    citation: tuple[m.Source, str] | None,
) -> m.Event:
    event = m.Event.objects.create(person=person, type=kind, date=date, facility=facility)
    if citation:
        _cite(event, *citation)
    return event


def record_consent(
    actor: Any,
    person: m.Person,
    scope: str,
    granted: bool,
    *,
    method: str,
    given_on: dt.date | None = None,
    note: str = "",
) -> m.ConsentRecord:
    """Consent to publish `scope` given (granted=True) or withdrawn. The newest record sets
    the person's flag; withdrawal reaches every public page, file and feed at once (the
    public caches are dropped on commit)."""
    with transaction.atomic():
        record = _consent(actor, _locked(person), scope, granted, method=method,
                          given_on=given_on, note=note)  # fmt: skip
        _changed()
    person.refresh_from_db()
    return record


def _consent(
    actor: Any,
    person: m.Person,
    scope: str,
    granted: bool,
    *,
    method: str,
    given_on: dt.date | None = None,
    note: str = "",
) -> m.ConsentRecord:
    if scope not in m.CONSENT_FIELDS and scope not in m.BIRTHDAY_LEVELS:
        raise ValidationError({"scope": _("Unknown kind of consent.")})
    if method not in m.ConsentMethod.values:
        raise ValidationError({"method": _("Say how the consent was given.")})
    record = m.ConsentRecord.objects.create(
        person=person, scope=scope, granted=granted, method=method, given_on=given_on,
        note=note, recorded_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    change: dict[str, Any]
    if scope in m.BIRTHDAY_LEVELS:
        field, level = "consent_publish_birthday", m.BIRTHDAY_LEVELS[scope]
        before = person.consent_publish_birthday
        if granted:
            person.consent_publish_birthday = level
        elif before == level:
            person.consent_publish_birthday = "none"
        change = {"from": before, "to": person.consent_publish_birthday}
    else:
        field = m.CONSENT_FIELDS[m.ConsentScope(scope)]
        setattr(person, field, granted)
        change = {"from": not granted, "to": granted}
        if field == "consent_publish_name" and granted and HIDDEN_SLUG.fullmatch(person.slug):
            old_slug, person.slug = person.slug, person_slug(person)
            m.PersonRedirect.objects.create(slug=old_slug, person=person)
    if scope == m.ConsentScope.NAME:
        _store_aliases_again(person)
    person.version += 1
    person.save()  # remakes the search keys, plain or blind
    audit.record(
        actor, "registry.person.consent", obj=person,
        details={"version": person.version, "scope": scope, "granted": granted,
                 "method": method, "record": record.pk,
                 "fields": {field: change}},
    )  # fmt: skip
    return record


def add_alias(actor: Any, person: m.Person, name: str) -> m.PersonAlias | None:
    """Another spelling; None if the person already has it (compared by skeleton)."""
    with transaction.atomic():
        alias = _add_alias(person, name)
        if alias is not None:
            audit.record(actor, "registry.person.alias", obj=person, details={"alias": alias.pk})
            _changed()
    return alias


def _add_alias(person: m.Person, name: str) -> m.PersonAlias | None:
    name = name.strip()
    known = {names.skeleton(n) for n in (person.name, person.name_latin) if n}
    known |= {names.skeleton(a.name) for a in person.aliases.all()}
    if not name or names.skeleton(name) in known:
        return None
    alias = m.PersonAlias(person=person, name=name)
    _validate(alias)
    alias.save()
    return alias


def set_tags(actor: Any, person: m.Person, tags: Iterable[m.Tag]) -> None:
    """The person's topics (anarchist, anti-war...), replacing the ones they had."""
    with transaction.atomic():
        person.tags.set(list(tags))
        audit.record(actor, "registry.person.tags", obj=person,
                     details={"tags": sorted(t.slug for t in person.tags.all())})  # fmt: skip
        _changed()


def add_recognition(
    actor: Any, person: m.Person, by: str, *, on: PartialDate | None = None, url: str = ""
) -> m.Recognition:
    """Recognised as a political prisoner by `by` (Memorial, Viasna, Amnesty...), when,
    with the statement's address. Raises ValidationError for a second recognition by the
    same organisation or a bad address."""
    with transaction.atomic():
        recognition = m.Recognition(person=person, by=by.strip(), on=on, url=url.strip())
        _validate(recognition)
        if m.Recognition.objects.filter(person=person, by__iexact=recognition.by).exists():
            raise ValidationError({"by": _("This organisation's recognition is recorded.")})
        recognition.save()
        audit.record(actor, "registry.person.recognition", obj=person,
                     details={"person": person.pk, "by": recognition.by})  # fmt: skip
        _changed()
    return recognition


def remove_alias(actor: Any, alias: m.PersonAlias) -> None:
    with transaction.atomic():
        person = alias.person
        alias.delete()
        audit.record(actor, "registry.person.alias.remove", obj=person)
        _changed()


# --- cases, charges, sentences, custody -----------------------------------------------------


def save_case(actor: Any, case: m.Case | None, values: dict[str, Any]) -> m.Case:
    """Create (case=None) or change a case."""
    with transaction.atomic():
        obj = case or m.Case()
        before = _apply(obj, values)
        if case is None and not obj.slug:
            obj.slug = unique_slug(m.Case, names.slugify_name(obj.name_en))
        _validate(obj)
        if m.Case.objects.filter(slug=obj.slug).exclude(pk=obj.pk).exists():
            raise ValidationError({"slug": _("This identifier is taken by another case.")})
        if case is None or before:
            obj.save()
            audit.record(
                actor, "registry.case." + ("create" if case is None else "update"), obj=obj,
                details={"fields": _history(obj, before, True) if case else sorted(values)},
            )  # fmt: skip
            _changed()
    return obj


def check_new(obj: models.Model) -> None:
    """Raise the ValidationError (by field) that creating `obj` would raise: for callers that
    gather many new rows (an import) and must name the bad one before any is written."""
    _validate(obj)


def create_cases(actor: Any, cases: list[m.Case]) -> list[m.Case]:
    """Many new cases at once (an imported list), each as save_case would create it: one
    INSERT (COPY on PostgreSQL) for all, one audit entry naming every case made. Raises
    ValidationError naming the first case with a bad value or an identifier already
    taken; nothing is written then."""
    return _create_many(actor, m.Case, cases, "registry.case.create_many", "cases")


def create_facilities(
    actor: Any, facilities: list[tuple[m.Facility, list[str]]]
) -> list[m.Facility]:
    """Many new facilities of the directory at once, each with its other names (aliases),
    as save_facility would create them; the rest as create_cases."""
    with transaction.atomic():
        objs = _create_many(
            actor, m.Facility, [facility for facility, _aliases in facilities],
            "registry.facility.create_many", "facilities",
        )  # fmt: skip
        rows = [(obj.pk, name) for obj, aliases in facilities for name in _alias_names(aliases)]
        bulk.insert_rows(m.FacilityAlias, ["facility_id", "name"], rows)
    return objs


def _alias_names(aliases: Iterable[str]) -> list[str]:
    """A facility's other names as stored: trimmed, without blanks or repeats, sorted."""
    return sorted({a.strip() for a in aliases if a.strip()})


def _create_many(actor: Any, model: Any, objs: list[Any], action: str, key: str) -> list[Any]:
    """Validate and insert new rows of `model` (one statement) with one audit entry
    naming them under `key`; ValidationError before anything is written."""
    if not objs:
        return []
    with transaction.atomic():
        for obj in objs:
            if not obj.slug:
                obj.slug = unique_slug(model, names.slugify_name(obj.name_en))
            try:
                _validate(obj)
            except ValidationError as error:
                raise ValidationError(f"{obj.slug}: {' '.join(error.messages)}") from error
        slugs = [obj.slug for obj in objs]
        taken = set(model.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        twice = {slug for slug, n in Counter(slugs).items() if n > 1}
        if taken or twice:
            slug = sorted(taken | twice)[0]
            raise ValidationError({"slug": _("This identifier is taken: %(slug)s.")
                                   % {"slug": slug}})  # fmt: skip
        for obj, pk in zip(objs, bulk.reserve_ids(model, len(objs)), strict=True):
            obj.pk = pk
        bulk.insert(model, objs, with_pk=True)
        audit.record(actor, action, details={key: [obj.pk for obj in objs]})
        _changed()
    return objs


def add_defendant(actor: Any, case: m.Case, person: m.Person) -> bool:
    """Make `person` a defendant of `case`; False if they already are."""
    with transaction.atomic():
        _link, made = m.CaseDefendant.objects.get_or_create(case=case, person=person)
        if made:
            audit.record(actor, "registry.case.defendant", obj=case, details={"person": person.pk})
            _changed()
    return made


def _case(actor: Any, person: m.Person, case: m.Case | str) -> m.Case:
    """`case`, or a new case named `case` (a str) in the person's country."""
    if isinstance(case, m.Case):
        return case
    name = case.strip()
    cyrillic = any("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in name)
    values = {"name_en": names.readable_latin(name) if cyrillic else name,
              "name_ru": name if cyrillic else "", "country": person.country or "RU"}  # fmt: skip
    return save_case(actor, None, values)


def add_charge(
    actor: Any,
    person: m.Person,
    case: m.Case | str,
    article: m.Article,
    *,
    part: str = "",
    stage: str = "",
    date: PartialDate | None = None,
    status: str = m.ChargeStatus.CHARGED,
    citation: tuple[m.Source, str] | None = None,
) -> m.Charge:
    """A charge under `article` (part, stage: preparation/attempt modify it). The person
    becomes a defendant of the case if they were not; a str `case` names a new case."""
    with transaction.atomic():
        case = _case(actor, person, case)
        charge = m.Charge(person=person, case=case, article=article, part=part, stage=stage,
                          date=date, status=status)  # fmt: skip
        _validate(charge)
        charge.save()
        m.CaseDefendant.objects.get_or_create(case=case, person=person)
        audit.record(
            actor, "registry.charge.create", obj=charge,
            details={"person": person.pk, "case": case.pk, "article": article.pk},
        )  # fmt: skip
        if citation:
            _cite(charge, *citation)
        _changed()
    return charge


def add_sentence(
    actor: Any,
    person: m.Person,
    case: m.Case | str,
    values: dict[str, Any],
    *,
    custody: Iterable[dict[str, Any]] = (),
    citation: tuple[m.Source, str] | None = None,
    convict: bool = True,
) -> m.Sentence:
    """A sentence (kind, years, months, days, regime, court, pronounced_on, in_force_on)
    with its custody periods (kind, start, end: remand, house arrest) that art. 72 credits;
    the release date is computed from them on every read (registry/release.py). A str
    `case` names a new case."""
    with transaction.atomic():
        case = _case(actor, person, case)
        sentence = m.Sentence(person=person, case=case, **values)
        _validate(sentence)
        sentence.save()
        m.CaseDefendant.objects.get_or_create(case=case, person=person)
        for period in custody:
            _custody(sentence, period)
        # A court's sentence convicts the person of their charges in that case (an import
        # that carries each charge's own status says convict=False).
        if convict:
            m.Charge.objects.filter(person=person, case=case, status=m.ChargeStatus.CHARGED).update(
                status=m.ChargeStatus.CONVICTED
            )
        audit.record(
            actor, "registry.sentence.create", obj=sentence,
            details={"person": person.pk, "case": case.pk, "fields": sorted(values)},
        )  # fmt: skip
        if citation:
            _cite(sentence, *citation)
        _changed()
    return sentence


def add_custody_period(actor: Any, sentence: m.Sentence, values: dict[str, Any]) -> m.CustodyPeriod:
    with transaction.atomic():
        period = _custody(sentence, values)
        audit.record(actor, "registry.custody.create", obj=period,
                     details={"sentence": sentence.pk, "kind": period.kind})  # fmt: skip
        _changed()
    return period


def _custody(sentence: m.Sentence, values: dict[str, Any]) -> m.CustodyPeriod:
    period = m.CustodyPeriod(sentence=sentence, **values)
    _validate(period)
    period.save()
    return period


# --- timeline and sources -------------------------------------------------------------------


def add_event(
    actor: Any,
    person: m.Person,
    values: dict[str, Any],
    *,
    citation: tuple[m.Source, str] | None = None,
    source: dict[str, Any] | None = None,
) -> m.Event:
    """An event on the person's timeline (type, date, facility, place, case, text_en/ru).

    A record of history only: to move a person, call transfer_person, which adds the
    transfer event itself (an imported list's old transfers must not move anyone).
    `source` (title, url, publisher, published_on) with `quote` cites a new or known source.
    """
    with transaction.atomic():
        if source is not None:
            quote = source.pop("quote")
            citation = (add_source(actor, source), quote)
        event = m.Event(person=person, **values)
        _validate(event)
        event.save()
        audit.record(actor, "registry.event.create", obj=event,
                     details={"person": person.pk, "type": event.type})  # fmt: skip
        if citation:
            _cite(event, *citation)
        _changed()
    return event


def update_row(actor: Any, obj: m.Charge | m.Sentence | m.Event, values: dict[str, Any]) -> bool:
    """Change some fields of a charge, sentence or event; False if nothing differed."""
    with transaction.atomic():
        before = _apply(obj, values)
        if not before:
            return False
        _validate(obj)
        obj.save()
        public = obj.person.consent_publish_name
        details = {"person": obj.person_id, "fields": _history(obj, before, public)}
        audit.record(actor, f"{obj._meta.label_lower}.update", obj=obj, details=details)
        _changed()
    return True


@dataclass
class NewPerson:
    """One person of a batch for create_people: unsaved Person (consent flags set as
    the list says) and what links to them."""

    person: m.Person
    aliases: list[str]
    tags: list[m.Tag]
    cases: list[m.Case]
    charges: list[tuple[m.Article, str, str]]  # article, part, stage


def _birthday_consent(actor: Any, person: m.Person, level: str, method: str) -> None:
    """Set the birthday consent to a level ("none", "year", "day_month") as consent records:
    the level's scope granted, or the current one withdrawn for "none"."""
    if level == person.consent_publish_birthday:
        return
    scopes = {lvl: scope for scope, lvl in m.BIRTHDAY_LEVELS.items()}
    if level == "none":
        _consent(actor, person, scopes[person.consent_publish_birthday], False, method=method)
    elif level in scopes:
        _consent(actor, person, scopes[level], True, method=method)
    else:
        raise ValidationError({"consent_publish_birthday": _("One of: none, year, day_month.")})


def create_people(actor: Any, batch: list[NewPerson], *, method: str) -> list[m.Person]:
    """Many new people at once (an imported list): a few INSERTs (or COPYs) per table, not
    one per row. The same consequences as create_person: search terms, defendants,
    charges, a consent record for every consent the rows carry (`method`), one audit
    entry naming every person made, the caches dropped."""
    if not batch:
        return []
    with transaction.atomic():
        people = [new.person for new in batch]
        for person, pk in zip(people, bulk.reserve_ids(m.Person, len(people)), strict=True):
            person.pk = pk
            person.name_latin = person.name_latin or names.readable_latin(
                person.name, person.country
            )
        bulk.insert(m.Person, people, with_pk=True)
        terms, aliases, tags, defendants, charges, consents = [], [], [], set(), [], []
        recorded_by = actor.pk if getattr(actor, "pk", None) else None
        now = timezone.now()
        for person, new in zip(people, batch, strict=True):
            every_name = [person.name, person.name_latin, *new.aliases]
            keys = hiding.stored_keys(person, names.index_terms([n for n in every_name if n]))
            terms += [(person.pk, t) for t in sorted(keys)]
            aliases += [(person.pk, hiding.stored_value(person, n)) for n in new.aliases]
            tags += [(person.pk, t.pk) for t in new.tags]
            defendants |= {(c.pk, person.pk) for c in new.cases}
            charges += [(person.pk, new.cases[0].pk, a.pk, part, stage, "charged")
                        for a, part, stage in new.charges]  # fmt: skip
            granted = [str(scope) for scope, field in m.CONSENT_FIELDS.items()
                       if getattr(person, field)]  # fmt: skip
            granted += [scope for scope, level in m.BIRTHDAY_LEVELS.items()
                        if person.consent_publish_birthday == level]  # fmt: skip
            consents += [(person.pk, scope, True, method, "", recorded_by, now)
                         for scope in granted]  # fmt: skip
        bulk.insert_rows(m.PersonSearchTerm, ["person_id", "term"], terms)
        bulk.insert_rows(m.PersonAlias, ["person_id", "name"], aliases)
        bulk.insert_rows(m.Person.tags.through, ["person_id", "tag_id"], tags)
        bulk.insert_rows(m.CaseDefendant, ["case_id", "person_id"], sorted(defendants))
        bulk.insert_rows(m.Charge, ["person_id", "case_id", "article_id", "part", "stage",
                                    "status"], charges)  # fmt: skip
        bulk.insert_rows(m.ConsentRecord, ["person_id", "scope", "granted", "method", "note",
                                           "recorded_by_id", "recorded_at"], consents)  # fmt: skip
        details = {"people": [p.pk for p in people], "consents": len(consents)}
        audit.record(actor, "registry.person.create_many", details=details)
        _changed()
    return people


def add_source(actor: Any, values: dict[str, Any]) -> m.Source:
    """A document facts are cited from (title, url, publisher, published_on, language,
    text); the same text (or title and address) gives back the source already stored."""
    with transaction.atomic():
        source = m.Source(**values)
        _validate(source, exclude=["sha256"])
        existing = m.Source.objects.filter(sha256=source.digest()).first()
        if existing is not None:
            return existing
        source.save()
        audit.record(actor, "registry.source.create", obj=source)
    return source


def cite(
    actor: Any, fact: models.Model, source: m.Source, quote: str, field: str = ""
) -> m.Citation:
    """Tie `fact` (any registry row, or one of its fields) to the words quoted from
    `source`. The quote must be in the source's text when the text is stored."""
    with transaction.atomic():
        citation = _cite(fact, source, quote, field)
        audit.record(actor, "registry.citation.create", obj=citation,
                     details={"fact": f"{fact._meta.label_lower}:{fact.pk}"})  # fmt: skip
    return citation


def _cite(fact: models.Model, source: m.Source, quote: str, field: str = "") -> m.Citation:
    citation = m.Citation(source=source, fact=fact, quote=quote, field=field)
    citation.object_id = fact.pk
    citation.content_type = ContentType.objects.get_for_model(fact)
    _validate(citation, exclude=["content_type", "object_id"])
    citation.save()
    return citation


# --- facilities -----------------------------------------------------------------------------


def save_facility(
    actor: Any,
    facility: m.Facility | None,
    values: dict[str, Any],
    *,
    aliases: Iterable[str] | None = None,
) -> m.Facility:
    """Create (facility=None) or change a facility of the directory."""
    with transaction.atomic():
        obj = facility or m.Facility()
        before = _apply(obj, values)
        if facility is None and not obj.slug:
            obj.slug = unique_slug(m.Facility, names.slugify_name(obj.name_en))
        _validate(obj)
        if m.Facility.objects.filter(slug=obj.slug).exclude(pk=obj.pk).exists():
            raise ValidationError({"slug": _("This identifier is taken by another facility.")})
        changed = facility is None or bool(before)
        if changed:
            obj.save()
        if aliases is not None:
            wanted = _alias_names(aliases)
            if sorted(a.name for a in obj.aliases.all()) != wanted:
                obj.aliases.all().delete()
                m.FacilityAlias.objects.bulk_create(
                    [m.FacilityAlias(facility=obj, name=n) for n in wanted]
                )
                before["aliases"] = None
                changed = True
        if changed:
            if facility is None:
                details: dict[str, Any] = {"fields": sorted(values)}
            else:
                history = _history(obj, {k: v for k, v in before.items() if k != "aliases"}, True)
                if "aliases" in before:
                    history["aliases"] = None
                details = {"fields": history}
            verb = "create" if facility is None else "update"
            audit.record(actor, f"registry.facility.{verb}", obj=obj, details=details)
            _changed()
    return obj


# --- merging --------------------------------------------------------------------------------


def merge_people(actor: Any, keep: m.Person, away: m.Person) -> m.Person:
    """`away` is the same person as `keep`: every fact, citation, letter, need and ledger
    entry moves to `keep`, away's names become aliases, its slug redirects, it is deleted.

    Works over every relation to Person (other apps' included) without naming them, so
    that the registry depends on no app above it.
    """
    if keep.pk == away.pk:
        raise ValidationError(_("A person cannot be merged with themselves."))
    with transaction.atomic():
        keep, away = _locked(keep), _locked(away)
        moved: dict[str, int] = {}
        for relation in m.Person._meta.related_objects:
            if relation.many_to_many or not relation.field.concrete:
                continue
            model: Any = relation.related_model
            if model in (m.PersonSearchTerm, m.PersonRedirect):
                continue
            rows = model._default_manager.filter(**{relation.field.name: away})
            if model is m.CaseDefendant:
                rows = rows.exclude(case__in=keep.cases.all())
            count = rows.update(**{relation.field.name: keep})
            if count:
                moved[model._meta.label_lower] = count
        keep.tags.add(*away.tags.all())
        person_type = ContentType.objects.get_for_model(m.Person)
        m.Citation.objects.filter(content_type=person_type, object_id=away.pk).update(
            object_id=keep.pk
        )
        for name in (away.name, away.name_latin):
            _add_alias(keep, name)
        _store_aliases_again(keep)  # away's moved over, stored as away's consent wanted
        m.PersonRedirect.objects.filter(person=away).update(person=keep)
        old_slug, old_pk = away.slug, away.pk
        for flag in m.CONSENT_FIELDS.values():
            if getattr(away, flag) and not getattr(keep, flag):
                # Consent given for the same human being under another record still holds;
                # its record moved over above.
                setattr(keep, flag, True)
        away.delete()
        m.PersonRedirect.objects.create(slug=old_slug, person=keep)
        keep.version += 1
        keep.save()
        audit.record(
            actor, "registry.person.merge", obj=keep,
            details={"version": keep.version, "merged": old_pk,
                     "merged_id": old_slug if keep.consent_publish_name else None,
                     "moved": moved},
        )  # fmt: skip
        _changed()
    return keep


# --- helpers ---------------------------------------------------------------------------------


HIDDEN_SLUG = re.compile(r"p-[a-z2-7]{10}")


def person_slug(person: m.Person) -> str:
    """A new person's identifier: made from the Latin name for a published person; for a
    hidden one 'p-' and ten random letters, since a slug is never encrypted (it becomes
    the name's slug, the random one redirecting, when the name is published)."""
    if hiding.is_hidden(person):
        while True:
            slug = "p-" + base64.b32encode(secrets.token_bytes(10)).decode().lower()[:10]
            if not m.Person.objects.filter(slug=slug).exists():
                return slug
    return unique_slug(m.Person, names.slugify_name(person.name_latin or person.name))


def _store_aliases_again(person: m.Person) -> None:
    """Write each alias again as the person's consent now says (encrypted while hidden).
    The search keys are the caller's person.save() to remake: each alias's own save
    would remake them once per alias."""
    for pk, name in m.PersonAlias.objects.filter(person=person).values_list("pk", "name"):
        m.PersonAlias.objects.filter(pk=pk).update(name=hiding.stored_value(person, name))


def unique_slug(model: type[models.Model], base: str) -> str:
    """`base`, or `base-2`, `base-3`... whichever no row of `model` has yet."""
    base = (base or "record")[:70].strip("-") or "record"
    slug, n = base, 1
    while model._default_manager.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


# --- lists of other groups ---------------------------------------------------------------


def add_article(
    actor: Any, code: str, number: str, *, title_en: str = "", title_ru: str = ""
) -> m.Article:
    """An article missing from a code's catalogue (a list named it). Raises
    ValidationError for a number that is not one (205.2, 361.1)."""
    with transaction.atomic():
        article = m.Article(code=m.CriminalCode.objects.get(code=code), number=number,
                            title_en=title_en[:300], title_ru=title_ru[:300])  # fmt: skip
        _validate(article, exclude=["sort_key"])
        article.save()
        audit.record(actor, "registry.article.create", obj=article,
                     details={"code": code, "number": number})  # fmt: skip
    return article


@dataclass
class ListFacts:
    """What one row of another group's list says about a person just created from it."""

    person: m.Person
    case: m.Case
    dataset: str
    external_id: str
    url: str
    sentence: dict[str, Any] | None
    custody_from: PartialDate | None
    detained_on: PartialDate | None
    released_on: PartialDate | None
    recognition: tuple[str, str] | None  # (by, statement URL)


def record_list_facts(
    actor: Any, source: m.Source, facts: list[ListFacts], *, today: dt.date
) -> None:
    """The rest of each new person's row, in bulk: the sentence (with custody from the
    detention, for art. 72 / art. 75 credit), detention and release events, recognition,
    the list entry, and a citation of the list for the person and each fact. One audit
    entry for the batch."""
    if not facts:
        return
    with transaction.atomic():
        sentences = [m.Sentence(person=f.person, case=f.case, **f.sentence)
                     for f in facts if f.sentence]  # fmt: skip
        for sentence, pk in zip(sentences, bulk.reserve_ids(m.Sentence, len(sentences)),
                                strict=True):  # fmt: skip
            sentence.pk = pk
        bulk.insert(m.Sentence, sentences, with_pk=True)
        by_person = {s.person_id: s for s in sentences}
        for start in range(0, len(sentences), 500):  # a sentence convicts (see add_sentence)
            m.Charge.objects.filter(
                person_id__in=[s.person_id for s in sentences[start : start + 500]],
                status=m.ChargeStatus.CHARGED,
            ).update(status=m.ChargeStatus.CONVICTED)
        custody, recognitions, entries = [], [], []
        events: list[tuple[Any, ...]] = []
        for fact in facts:
            served = by_person.get(fact.person.pk)
            if served is not None and fact.custody_from:
                custody.append((served.pk, m.CustodyKind.REMAND, _iso(fact.custody_from)))
            if fact.detained_on:
                events.append((fact.person.pk, fact.case.pk, m.EventType.DETENTION,
                               _iso(fact.detained_on), 0))  # fmt: skip
            if fact.released_on:
                events.append((fact.person.pk, None, m.EventType.RELEASE,
                               _iso(fact.released_on), 1))  # fmt: skip
            if fact.recognition:
                by, url = fact.recognition
                recognitions.append((fact.person.pk, by, url))
            entries.append((fact.dataset, fact.external_id, fact.person.pk, fact.url, today,
                            today))  # fmt: skip
        event_ids = bulk.reserve_ids(m.Event, len(events))
        bulk.insert_rows(m.CustodyPeriod, ["sentence_id", "kind", "start"], custody)
        event_rows = [(pk, *e, "", "", "") for pk, e in zip(event_ids, events, strict=True)]
        columns = ["id", "person_id", "case_id", "type", "date", "order", "place", "text_en",
                   "text_ru"]  # fmt: skip
        bulk.insert_rows(m.Event, columns, event_rows)
        bulk.insert_rows(m.Recognition, ["person_id", "by", "url"], recognitions)
        bulk.insert_rows(m.ListEntry, ["dataset", "external_id", "person_id", "url",
                                       "first_seen", "last_seen"], entries)  # fmt: skip
        cited: dict[int, list[tuple[int, int]]] = {}
        types = {model: ContentType.objects.get_for_model(model).pk
                 for model in (m.Person, m.Charge, m.Event, m.Sentence)}  # fmt: skip
        for pk, person_id in m.Charge.objects.filter(
            person__in=[f.person.pk for f in facts]
        ).values_list("pk", "person_id"):
            cited.setdefault(person_id, []).append((types[m.Charge], pk))
        for pk, event in zip(event_ids, events, strict=True):
            cited.setdefault(event[0], []).append((types[m.Event], pk))
        for sentence in sentences:
            cited.setdefault(sentence.person_id, []).append((types[m.Sentence], sentence.pk))
        citations = []
        for fact in facts:
            quote = f"{fact.url or fact.dataset}: id {fact.external_id}, retrieved {today}"
            for type_id, object_id in [(types[m.Person], fact.person.pk),
                                       *cited.get(fact.person.pk, [])]:  # fmt: skip
                citations.append((source.pk, type_id, object_id, "", quote))
        bulk.insert_rows(m.Citation, ["source_id", "content_type_id", "object_id", "field",
                                      "quote"], citations)  # fmt: skip
        audit.record(actor, "registry.list.import", details={
            "source": source.pk, "people": len(facts), "sentences": len(sentences),
            "events": len(events), "citations": len(citations),
        })  # fmt: skip
        _changed()


def _iso(date: PartialDate | None) -> str | None:
    return date.isoformat() if date else None


def add_list_entry(
    actor: Any, person: m.Person, dataset: str, external_id: str, url: str, *, today: dt.date
) -> m.ListEntry:
    """The person is row `external_id` of the list `dataset` from now on."""
    with transaction.atomic():
        entry = m.ListEntry.objects.create(dataset=dataset, external_id=external_id,
                                           person=person, url=url, first_seen=today,
                                           last_seen=today)  # fmt: skip
        audit.record(actor, "registry.list.entry", obj=person,
                     details={"dataset": dataset, "external_id": external_id})  # fmt: skip
    return entry


# --- readers' reports -------------------------------------------------------------------


def report_inaccuracy(person: m.Person, text: str, contact: str = "") -> m.InaccuracyReport:
    """A reader (no account, no address kept) says something on a public page is wrong.
    Raises ValidationError for an empty or over-long text."""
    text, contact = text.strip(), contact.strip()
    if not text:
        raise ValidationError({"text": _("Say what is wrong.")})
    if len(text) > 5000 or len(contact) > 300:
        raise ValidationError({"text": _("Please keep it under 5,000 characters.")})
    with transaction.atomic():
        now = timezone.now().replace(minute=0, second=0, microsecond=0)
        report = m.InaccuracyReport.objects.create(person=person, text=text, contact=contact,
                                                   received_at=now)  # fmt: skip
        audit.record(System("a reader's report"), "registry.report.create", obj=report,
                     details={"person": person.pk}, coarse=True)  # fmt: skip
    return report


def settle_report(actor: Any, report: m.InaccuracyReport, status: str, note: str = "") -> None:
    """The report checked: corrected (the change itself made on the desk) or dismissed,
    with a note for the other staff."""
    if status not in (m.ReportStatus.ACCEPTED, m.ReportStatus.DISMISSED):
        raise ValidationError({"status": _("Choose corrected or dismissed.")})
    if status == m.ReportStatus.DISMISSED and not note.strip():
        raise ValidationError({"note": _("Say why it is dismissed.")})
    with transaction.atomic():
        locked = m.InaccuracyReport.objects.select_for_update().get(pk=report.pk)
        if locked.status != m.ReportStatus.OPEN:
            raise ValidationError(_("This report was settled already."))
        locked.status, locked.note = status, note.strip()[:2000]
        locked.handled_by = actor if getattr(actor, "pk", None) else None
        locked.save()
        audit.record(actor, "registry.report.settle", obj=locked,
                     details={"person": locked.person_id, "status": status})  # fmt: skip


def reindex_people(
    actor: Any, *, progress: Callable[[int, int], None] = lambda _d, _t: None, chunk: int = 500
) -> int:
    """Every person's search keys made again from their names (plain, or blind for a hidden
    person: registry/hiding.py), in transactions of `chunk` people; one audit entry. For
    after a change of SECRET_KEY, which the blind keys depend on. Returns the count."""
    ids = list(m.Person.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), chunk):
        with transaction.atomic():
            people = m.Person.objects.filter(pk__in=ids[start : start + chunk])
            for person in people.prefetch_related("aliases"):
                m.reindex_person(person)
        progress(min(start + chunk, len(ids)), len(ids))
    audit.record(actor, "registry.person.reindex", details={"people": len(ids)})
    return len(ids)


def set_photo(actor: Any, person: m.Person, data: bytes) -> m.PersonPhoto:
    """The person's photo, from an uploaded file: re-drawn without metadata and resized
    (registry/photos.py; ValidationError on "photo" when refused), stored encrypted,
    replacing any earlier one. Audited with its size only; public pages show it only with
    name and photo consent."""
    from . import photos

    jpeg, width, height = photos.prepare(data)
    with transaction.atomic():
        locked = _locked(person)
        photo, _made = m.PersonPhoto.objects.update_or_create(
            person=locked,
            defaults={"image": base64.b64encode(jpeg).decode("ascii"), "width": width,
                      "height": height},
        )  # fmt: skip
        locked.version += 1
        locked.save(update_fields=["version", "updated_at"])
        audit.record(actor, "registry.person.photo", obj=locked,
                     details={"version": locked.version, "width": width, "height": height,
                              "bytes": len(jpeg)})  # fmt: skip
        _changed()
    person.refresh_from_db()
    return photo


def remove_photo(actor: Any, person: m.Person) -> bool:
    """Delete the person's photo; False when there was none."""
    with transaction.atomic():
        locked = _locked(person)
        deleted, _rows = m.PersonPhoto.objects.filter(person=locked).delete()
        if not deleted:
            return False
        locked.version += 1
        locked.save(update_fields=["version", "updated_at"])
        audit.record(actor, "registry.person.photo_remove", obj=locked,
                     details={"version": locked.version})  # fmt: skip
        _changed()
    person.refresh_from_db()
    return True
