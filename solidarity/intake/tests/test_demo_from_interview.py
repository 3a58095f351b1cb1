"""The demo registry rebuilt the way a reviewer would: ingest the interview, accept it."""

from django.core.exceptions import ValidationError

from solidarity.intake.models import Proposal, ProposalKind
from solidarity.intake.services import review
from solidarity.intake.services.ingest import ingest_text
from solidarity.registry.demo import INTERVIEW
from solidarity.registry.models import Citation, Person


def test_it_rebuilds_the_demo_people_and_their_cases(db, coordinator):
    source = ingest_text(coordinator, INTERVIEW.read_text(encoding="utf-8"),
                         name=INTERVIEW.name).source  # fmt: skip
    people = Proposal.objects.filter(
        source=source, kind__in=[ProposalKind.PERSON, ProposalKind.LINK]
    )
    for proposal in people:
        review.accept(coordinator, proposal)
    refused = []
    for proposal in Proposal.objects.filter(source=source).exclude(pk__in=people):
        try:
            review.accept(coordinator, proposal)
        except ValidationError as error:
            refused.append((proposal.kind, proposal.data, error.messages))
    assert refused == []
    lev = Person.objects.named("Lev Skoryakin").get()
    assert [c.article.number for c in lev.charges.all()] == ["213"]
    assert [(s.years, s.months) for s in lev.sentences.all()] == [(5, 6)]
    assert {"detention", "sentence", "release", "emigration", "wanted"} <= set(
        lev.events.values_list("type", flat=True)
    )
    denis = Person.objects.named("Denis Kozak").get()
    assert "205.2" in [c.article.number for c in denis.charges.all()]
    assert Person.objects.named("Azat Miftakhov").exists()
    # every row made from the interview quotes it
    text = source.text
    assert all(c.quote in text for c in Citation.objects.filter(source=source))
    assert (
        Citation.objects.filter(source=source).count()
        == Proposal.objects.filter(source=source).count()
    )
