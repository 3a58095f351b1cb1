"""/staff/intake/sources/<id>/: the text with its proposals marked, beside the proposals."""

from solidarity.intake.models import Proposal


def test_it_marks_each_proposal_in_the_text(staff_client, report):
    body = staff_client.get(f"/staff/intake/sources/{report.pk}/").content.decode()
    for proposal in Proposal.objects.filter(source=report):
        assert f'id="proposal-{proposal.pk}"' in body
        assert f"{proposal.pk}" in body
    assert "<mark" in body and "Kirill Belov" in body
    assert 'name="article" value="207.3"' in body


def test_it_answers_404_for_a_missing_source(staff_client, db):
    assert staff_client.get("/staff/intake/sources/999/").status_code == 404
