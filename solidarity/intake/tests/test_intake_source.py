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


def _facility(actor, name_en, name_ru):
    from solidarity.registry import actions

    return actions.save_facility(
        actor, None, {"kind": "ik", "name_en": name_en, "name_ru": name_ru, "country": "RU"}
    )


def test_it_shows_known_facts_as_known_and_links_the_accepted_person(staff_client, coordinator):
    from solidarity.intake.services import review
    from solidarity.intake.services.ingest import ingest_text
    from solidarity.registry import actions
    from solidarity.registry.models import Article

    text = "Пётр Гаврилов осуждён 3 марта 2024 года на 4 года колонии по ч. 2 ст. 280 УК РФ."
    source = ingest_text(coordinator, text, name="note.txt").source
    person_proposal = Proposal.objects.get(source=source, kind="person")
    person = review.accept(coordinator, person_proposal)
    # the registry learns the charge elsewhere: the proposal is now known, not proposed again
    actions.add_charge(
        coordinator, person, "Дело Гаврилова", Article.objects.get(code__code="RU", number="280")
    )
    body = staff_client.get(f"/staff/intake/sources/{source.pk}/").content.decode()
    charge = Proposal.objects.get(source=source, kind="charge")
    sentence = Proposal.objects.get(source=source, kind="sentence")
    block = body[body.index(f'id="proposal-{charge.pk}"') :]
    assert "Already in the registry" in block[: block.index("</article>")]
    block = body[body.index(f'id="proposal-{sentence.pk}"') :]
    assert "Already in the registry" not in block[: block.index("</article>")]
    assert f'href="/staff/registry/people/{person.slug}/"' in body
    # the same sentence told again elsewhere: its event is known too, once accepted here
    event = Proposal.objects.get(source=source, kind="event")
    review.accept(coordinator, event)
    again = ingest_text(
        coordinator, "3 марта 2024 года Пётр Гаврилов осуждён на 4 года.", name="again.txt"
    ).source
    body = staff_client.get(f"/staff/intake/sources/{again.pk}/").content.decode()
    repeated = Proposal.objects.get(source=again, kind="event")
    block = body[body.index(f'id="proposal-{repeated.pk}"') :]
    assert "Already in the registry" in block[: block.index("</article>")]


def test_it_links_an_event_to_the_one_facility_its_words_name(staff_client, coordinator):
    from solidarity.intake.services.ingest import ingest_text

    only = _facility(coordinator, "IK-7 Karelia", "ИК-7 Карелии")
    _facility(coordinator, "IK-3 Mordovia", "ИК-3 Мордовии")
    _facility(coordinator, "IK-3 Kirov", "ИК-3 Кировской области")
    text = (
        "Ивана Лосева 5 июня 2024 года этапировали в ИК-7. "
        "Сергея Лосева 6 июня 2024 года этапировали в ИК-3."
    )
    source = ingest_text(coordinator, text, name="etap.txt").source
    events = {e.subject: e.data for e in Proposal.objects.filter(source=source, kind="event")}
    assert events["Иван Лосев"]["facility"] == only.slug
    assert events["Сергей Лосев"]["facility"] == ""  # two ИК-3: the reviewer chooses
    body = staff_client.get(f"/staff/intake/sources/{source.pk}/").content.decode()
    assert f'<option value="{only.slug}" selected>' in body
