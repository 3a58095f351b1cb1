"""`solidarity ingest FILE...`: a Source and its proposals, once; nothing half-made."""

import pytest
from django.core.management import CommandError, call_command

from solidarity.accounts.models import AuditEntry
from solidarity.intake.models import Proposal, ProposalKind
from solidarity.registry.models import Source

from .conftest import REPORT


def test_it_stores_the_document_and_its_proposals(db, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    call_command("ingest", str(path))
    source = Source.objects.get()
    assert source.text == REPORT and source.language == "en"
    kinds = list(Proposal.objects.filter(source=source).values_list("kind", "subject"))
    assert (ProposalKind.PERSON, "Maria Ivanova") in kinds
    assert (ProposalKind.CHARGE, "Kirill Belov") in kinds
    assert (ProposalKind.SENTENCE, "Kirill Belov") in kinds
    for proposal in Proposal.objects.all():
        assert REPORT[proposal.start : proposal.end]
        assert proposal.quote in REPORT
    assert AuditEntry.objects.filter(action="intake.source.ingest").count() == 1


def test_it_changes_nothing_when_the_same_text_comes_again(db, tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(REPORT, encoding="utf-8")
    second.write_text(REPORT, encoding="utf-8")
    call_command("ingest", str(first))
    count = Proposal.objects.count()
    call_command("ingest", str(second))
    assert Source.objects.count() == 1
    assert Proposal.objects.count() == count


def test_it_leaves_nothing_behind_when_a_file_fails(db, tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(REPORT, encoding="utf-8")
    bad.write_text("Ich hoffe, es geht dir gut und wir sehen uns bald wieder.", encoding="utf-8")
    with pytest.raises(CommandError, match="1 of 2 files"):
        call_command("ingest", str(bad), str(good))
    assert Source.objects.count() == 1  # the good one; the bad one made nothing
    assert not any("Ich hoffe" in s.text for s in Source.objects.all())


def test_it_rolls_back_the_source_when_proposals_fail(db, tmp_path, monkeypatch):
    from solidarity.intake.services import ingest

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest.Proposal.objects, "bulk_create", broken)
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    with pytest.raises(RuntimeError):
        call_command("ingest", str(path))
    assert Source.objects.count() == 0


def test_it_keeps_no_control_character_xml_forbids(db, tmp_path):
    # A form feed between pages, a NUL and a vertical tab as some converters leave them
    # (a NUL in the first 8 KB is refused as a binary file): PostgreSQL refuses NUL in
    # text, and the Atom feed and calendars are XML.
    path = tmp_path / "report.txt"
    ending = b"\n" * 9000 + b"\x00\x0bEnd.\r\n"
    path.write_bytes(REPORT.replace(". ", ".\x0c", 1).encode() + ending)
    call_command("ingest", str(path))
    text = Source.objects.get().text
    assert not any(char in text for char in "\x00\x0b\x0c\r")
    assert text.endswith("End.\n") and "Maria Ivanova" in text
    assert Proposal.objects.filter(kind=ProposalKind.PERSON, subject="Maria Ivanova").exists()
