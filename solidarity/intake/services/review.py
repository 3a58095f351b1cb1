"""A reviewer's decisions on proposals: each one atomic, by the acting user, audited.

Accepting a fact needs its person first (accepted as new, linked, or merged), so every
registry row made here belongs to a person the reviewer has confirmed. Each row made gets a
Citation with the sentence it came from.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarity.accounts import audit
from solidarity.registry import actions
from solidarity.registry.models import (
    Article,
    Case,
    EventType,
    Facility,
    Person,
    PersonStatus,
    Regime,
    SentenceKind,
)
from solidarity.registry.partial_date import PartialDate, PartialDateError

from ..models import Proposal, ProposalKind, ProposalStatus

_STAGES = {"preparation", "attempt"}  # registry.models.ChargeStage without "completed"


def _pending(proposal: Proposal) -> Proposal:
    locked = Proposal.objects.select_for_update().select_related("source").get(pk=proposal.pk)
    if locked.status != ProposalStatus.PENDING:
        raise ValidationError(_("This proposal has already been reviewed."))
    return locked


def _finish(actor: Any, proposal: Proposal, status: str, record: models.Model | None,
            verb: str, details: dict[str, Any]) -> None:  # fmt: skip
    proposal.status = status
    proposal.reviewed_by = actor
    proposal.reviewed_at = timezone.now()
    if record is not None:
        proposal.record = record
    proposal.save()
    audit.record(
        actor, f"intake.proposal.{verb}", obj=proposal,
        details={"kind": proposal.kind, "source": proposal.source_id, **details},
    )  # fmt: skip


def _cite(actor: Any, proposal: Proposal, fact: models.Model) -> None:
    actions.cite(actor, fact, proposal.source, proposal.quote)


def person_of(proposal: Proposal) -> Person | None:
    """The registry person a fact proposal belongs to, once its person proposal is settled."""
    settled = (
        Proposal.objects.filter(
            source=proposal.source_id, subject=proposal.subject,
            kind__in=[ProposalKind.PERSON, ProposalKind.LINK],
            status__in=[ProposalStatus.ACCEPTED, ProposalStatus.MERGED],
        )
        .select_related("person")
        .first()
    )  # fmt: skip
    return settled.person if settled else None


# --- values a reviewer may edit before accepting -----------------------------------------


def clean_values(kind: str, raw: dict[str, Any]) -> dict[str, Any]:
    """Check edited values; errors name the field and what is wrong with it."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    if kind in (ProposalKind.PERSON, ProposalKind.LINK):
        values["name"] = str(raw.get("name", "")).strip()
        values["name_latin"] = str(raw.get("name_latin", "")).strip()
        if not values["name"]:
            errors["name"] = _("A person needs a name.")
    elif kind == ProposalKind.CHARGE:
        # Belarusian articles are written 361-1 in texts and kept as 361.1 in the catalogue
        article = str(raw.get("article", "")).strip().replace("-", ".")
        part = str(raw.get("part") or "").strip()
        code = str(raw.get("code") or "RU").strip().upper()
        if not Article.objects.filter(code__code=code, number=article).exists():
            errors["article"] = _("There is no article %(n)s in the Criminal Code catalogue.") % {
                "n": article or "?"
            }
        if part and not re.fullmatch(r"\d{1,2}", part):
            errors["part"] = _("A part is a number such as 2.")
        stage = str(raw.get("stage") or "")
        values.update(
            article=article, part=part, code=code, stage=stage if stage in _STAGES else ""
        )
    elif kind == ProposalKind.SENTENCE:
        try:
            months = int(str(raw.get("months", "")).strip())
            if not 0 < months <= 12 * 30:
                raise ValueError
        except ValueError:
            errors["months"] = _("The term is a whole number of months between 1 and 360.")
            months = 0
        regime = str(raw.get("regime") or "").strip()
        if regime and regime not in Regime.values:
            errors["regime"] = _("Unknown regime.")
        values.update(months=months, regime=regime, suspended=bool(raw.get("suspended")))
    elif kind == ProposalKind.EVENT:
        kind_value = str(raw.get("type", "")).strip()
        if kind_value not in EventType.values:
            errors["type"] = _("Unknown event type.")
        date_text = str(raw.get("date") or "").strip()
        date = None
        if date_text:
            try:
                date = PartialDate.parse(date_text)
            except PartialDateError:
                errors["date"] = _("Write the date as YYYY, YYYY-MM or YYYY-MM-DD.")
        facility = None
        facility_slug = str(raw.get("facility") or "").strip()
        if facility_slug:
            facility = Facility.objects.filter(slug=facility_slug).first()
            if facility is None:
                errors["facility"] = _("There is no such facility in the directory.")
        values.update(type=kind_value, date=date, place=str(raw.get("place") or "").strip()[:200],
                      facility=facility)  # fmt: skip
    if errors:
        raise ValidationError(errors)
    return values


# --- actions -------------------------------------------------------------------------------


def accept(actor: Any, proposal: Proposal, raw: dict[str, Any] | None = None) -> models.Model:
    """Accept a proposal (with the reviewer's edits in `raw`) and make its registry row."""
    with transaction.atomic():
        proposal = _pending(proposal)
        # the reviewer's edits over what was proposed (a field not on the form, such as a
        # charge's criminal code, keeps its proposed value)
        values = clean_values(proposal.kind, {**proposal.data, **(raw or {})})
        record: models.Model
        if proposal.kind == ProposalKind.PERSON:
            record = _new_person(actor, proposal, values)
            proposal.person = record
        elif proposal.kind == ProposalKind.LINK:
            if proposal.person is None:
                raise ValidationError(_("Choose the person in the registry to link to."))
            record = proposal.person
            actions.add_alias(actor, record, values["name"])
        else:
            person = person_of(proposal)
            if person is None:
                raise ValidationError(
                    _("Accept or link %(name)s first.") % {"name": proposal.subject}
                )
            proposal.person = person
            record = _new_fact(actor, proposal, person, values)
        _cite(actor, proposal, record)
        _finish(
            actor, proposal, ProposalStatus.ACCEPTED, record, "accept", {"edited": raw is not None}
        )
    return record


def merge(actor: Any, proposal: Proposal, person: Person) -> None:
    """A proposed new person is someone the registry has: link to them instead."""
    with transaction.atomic():
        proposal = _pending(proposal)
        if proposal.kind not in (ProposalKind.PERSON, ProposalKind.LINK):
            raise ValidationError(_("Only a person can be merged."))
        proposal.person = person
        actions.add_alias(actor, person, proposal.subject)
        _cite(actor, proposal, person)
        _finish(actor, proposal, ProposalStatus.MERGED, person, "merge", {"person": person.pk})


def reject(actor: Any, proposal: Proposal, reason: str = "") -> None:
    with transaction.atomic():
        proposal = _pending(proposal)
        proposal.reason = reason.strip()[:300]
        _finish(actor, proposal, ProposalStatus.REJECTED, None, "reject", {})


def _new_person(actor: Any, proposal: Proposal, values: dict[str, Any]) -> Person:
    return actions.create_person(actor, {
        "name": values["name"], "name_latin": values["name_latin"],
        "status": PersonStatus.objects.get(code="unknown"),
        "country": "RU" if proposal.source.language == "ru" else "",
    })  # fmt: skip


def _case_for(actor: Any, person: Person, proposal: Proposal) -> Case:
    """The person's only case, or a new one with them as defendant.

    Cases are public pages, people only with consent: a new case is named after the
    document, never after the person, so that it cannot publish an unconsented name."""
    cases = list(person.cases.all()[:2])
    if len(cases) == 1:
        return cases[0]
    number = proposal.source_id
    case = actions.save_case(actor, None, {
        "slug": actions.unique_slug(Case, f"case-from-document-{number}"),
        "name_en": f"Case from document {number}", "name_ru": f"Дело из документа {number}",
        "country": person.country or "RU",
    })  # fmt: skip
    actions.add_defendant(actor, case, person)
    return case


def _new_fact(
    actor: Any, proposal: Proposal, person: Person, values: dict[str, Any]
) -> models.Model:
    if proposal.kind == ProposalKind.CHARGE:
        article = Article.objects.get(code__code=values["code"], number=values["article"])
        case = _case_for(actor, person, proposal)
        return actions.add_charge(
            actor, person, case, article, part=values["part"], stage=values.get("stage", "")
        )
    if proposal.kind == ProposalKind.SENTENCE:
        years, months = divmod(values["months"], 12)
        kind = SentenceKind.SUSPENDED if values["suspended"] else SentenceKind.IMPRISONMENT
        return actions.add_sentence(actor, person, _case_for(actor, person, proposal), {
            "years": years, "months": months, "regime": values["regime"], "kind": kind,
        })  # fmt: skip
    text_field = "text_ru" if proposal.source.language == "ru" else "text_en"
    text = {text_field: proposal.quote[:1000]}
    if values["type"] == EventType.TRANSFER and values["facility"] is not None:
        # The reviewer named the facility: the same transfer as the desk's, writers told.
        event = actions.transfer_person(actor, person, values["facility"], date=values["date"])
        actions.update_row(actor, event, {"place": values["place"], **text})
        return event
    return actions.add_event(actor, person, {
        "type": values["type"], "date": values["date"], "place": values["place"],
        "facility": values["facility"], **text,
    })  # fmt: skip
