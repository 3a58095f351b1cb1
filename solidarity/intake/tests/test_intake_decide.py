"""POST /staff/intake/proposals/<id>/: accept (as proposed or edited), reject, merge."""

from solidarity.accounts.models import AuditEntry
from solidarity.intake.models import Proposal, ProposalKind, ProposalStatus
from solidarity.letters.tests.test_translate import staff
from solidarity.registry.models import Charge, Citation, Event, Person, Sentence
from solidarity.registry.tests.factories import make_person


def _proposal(source, kind, subject):
    return Proposal.objects.get(source=source, kind=kind, subject=subject)


def _decide(client, proposal, **data):
    return client.post(f"/staff/intake/proposals/{proposal.pk}/", data, follow=True)


def test_it_makes_a_new_person_with_a_citation(staff_client, report):
    proposal = _proposal(report, ProposalKind.PERSON, "Kirill Belov")
    _decide(staff_client, proposal, action="accept", name="Kirill Belov", name_latin="")
    person = Person.objects.named("Kirill Belov").get()
    assert person.status.code == "unknown" and not person.consent_publish_name
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED and proposal.person == person
    assert Citation.objects.get(object_id=person.pk).quote == proposal.quote
    assert AuditEntry.objects.filter(action="intake.proposal.accept").count() == 1


def test_it_wants_the_person_before_their_facts(staff_client, report):
    charge = _proposal(report, ProposalKind.CHARGE, "Kirill Belov")
    body = _decide(staff_client, charge, action="accept", article="207.3").content.decode()
    assert "Accept or link Kirill Belov first." in body
    charge.refresh_from_db()
    assert charge.status == ProposalStatus.PENDING and not Charge.objects.exists()


def test_it_accepts_facts_with_their_edits(staff_client, report):
    _decide(staff_client, _proposal(report, ProposalKind.PERSON, "Kirill Belov"),
            action="accept", name="Kirill Belov")  # fmt: skip
    _decide(staff_client, _proposal(report, ProposalKind.CHARGE, "Kirill Belov"),
            action="accept", article="207.3", part="2")  # fmt: skip
    charge = Charge.objects.get()
    assert (charge.article.number, charge.part, charge.person.name) == (
        "207.3",
        "2",
        "Kirill Belov",
    )
    sentence = _proposal(report, ProposalKind.SENTENCE, "Kirill Belov")
    _decide(staff_client, sentence, action="accept", months="38", regime="strict")
    assert (Sentence.objects.get().years, Sentence.objects.get().months) == (3, 2)
    event = Proposal.objects.get(
        source=report, kind=ProposalKind.EVENT, subject="Kirill Belov", data__type="detention"
    )
    _decide(staff_client, event, action="accept", type="custody", date="2024-03", place="Kazan")
    made = Event.objects.get()
    assert (made.type, str(made.date), made.place) == ("custody", "2024-03", "Kazan")
    assert Citation.objects.filter(source=report).count() == 4


def test_it_names_the_field_that_is_wrong(staff_client, report):
    _decide(staff_client, _proposal(report, ProposalKind.PERSON, "Kirill Belov"),
            action="accept", name="Kirill Belov")  # fmt: skip
    event = Proposal.objects.filter(source=report, kind=ProposalKind.EVENT,
                                    subject="Kirill Belov").first()  # fmt: skip
    body = _decide(staff_client, event, action="accept", type="detention",
                   date="12/03/2024").content.decode()  # fmt: skip
    assert "date: Write the date as YYYY, YYYY-MM or YYYY-MM-DD." in body
    charge = _proposal(report, ProposalKind.CHARGE, "Kirill Belov")
    body = _decide(staff_client, charge, action="accept", article="999.9").content.decode()
    assert "There is no article 999.9" in body
    assert not Event.objects.exists() and not Charge.objects.exists()


def test_it_rejects_with_a_reason(staff_client, report):
    proposal = _proposal(report, ProposalKind.PERSON, "Maria Ivanova")
    _decide(staff_client, proposal, action="reject", reason="not a prisoner")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED and proposal.reason == "not a prisoner"
    assert not Person.objects.named("Maria Ivanova").exists()


def test_it_merges_into_a_person_the_registry_has(staff_client, db, coordinator):
    from solidarity.intake.services.ingest import ingest_text

    known = make_person("Мария Иванова", slug="maria-ivanova", name_latin="Mariya Ivanova")
    source = ingest_text(coordinator, "Maria Ivanov was detained in Kazan on 1 May 2024.\n",
                         name="x.txt").source  # fmt: skip
    proposal = Proposal.objects.get(source=source, kind__in=["person", "link"])
    _decide(staff_client, proposal, action="merge", merge_into=known.pk)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.MERGED and proposal.person == known
    assert known.aliases.filter(name="Maria Ivanov").exists()


def test_it_refuses_a_second_decision(staff_client, report):
    proposal = _proposal(report, ProposalKind.PERSON, "Maria Ivanova")
    _decide(staff_client, proposal, action="reject")
    body = _decide(staff_client, proposal, action="accept", name="X").content.decode()
    assert "already been reviewed" in body
    assert not Person.objects.named("X").exists()


def test_it_is_for_reviewers_only(client, report):
    staff(client, "moderator")
    proposal = _proposal(report, ProposalKind.PERSON, "Maria Ivanova")
    assert (
        client.post(f"/staff/intake/proposals/{proposal.pk}/", {"action": "reject"}).status_code
        == 403
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


def test_it_never_names_a_new_case_after_an_unpublished_person(staff_client, report):
    _decide(staff_client, _proposal(report, ProposalKind.PERSON, "Kirill Belov"),
            action="accept", name="Kirill Belov")  # fmt: skip
    _decide(staff_client, _proposal(report, ProposalKind.CHARGE, "Kirill Belov"),
            action="accept", article="207.3")  # fmt: skip
    case = Charge.objects.get().case
    assert "Belov" not in case.name_en + case.slug and "Belov" not in case.name_ru
    assert "Belov" not in staff_client.get("/cases/").content.decode()
