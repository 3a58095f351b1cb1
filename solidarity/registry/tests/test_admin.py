"""Staff editing through the stop-gap admin, with the models' own validation."""

import pytest

from solidarity.registry import models as m


@pytest.fixture
def staff(staff_client):
    return staff_client


def inline_management(prefix: str, total: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


EMPTY_PERSON_INLINES = {
    **inline_management("aliases"),
    **inline_management("casedefendant_set"),
    **inline_management("charges"),
    **inline_management("events"),
    **inline_management("registry-citation-content_type-object_id"),
}


def person_form(**overrides: str) -> dict[str, str]:
    data = {
        "name": "Вера Тестова",
        "name_latin": "Vera Testova",
        "slug": "vera-testova",
        "status": str(m.PersonStatus.objects.get(code="remand").pk),
        "country": "RU",
        "consent_publish_name": "on",
        **EMPTY_PERSON_INLINES,
    }
    data.update(overrides)
    return data


def test_it_opens_every_registry_change_list(staff, alice):
    for model in ["person", "case", "charge", "sentence", "event", "facility", "source", "article"]:
        assert staff.get(f"/admin/registry/{model}/").status_code == 200, model
    assert staff.get(f"/admin/registry/person/{alice.pk}/change/").status_code == 200


def test_it_adds_a_person_with_a_dated_event_inline(staff, db):
    data = person_form(
        **{
            "birth_date": "1990-05",
            "events-TOTAL_FORMS": "1",
            "events-0-type": "detention",
            "events-0-date": "2023-02",
            "events-0-order": "1",
            "events-0-text_en": "Detained.",
        }
    )
    r = staff.post("/admin/registry/person/add/", data)
    assert r.status_code == 302, r.context["errors"] if r.context else r
    person = m.Person.objects.get(slug="vera-testova")
    assert person.birth_date.isoformat() == "1990-05"
    assert person.events.get().date.isoformat() == "2023-02"
    # Saving through admin indexes the names for search.
    assert staff.get("/prisoners/?q=Testovoi").context["page"].paginator.count == 1


def test_it_refuses_a_malformed_date_and_names_the_field(staff, db):
    r = staff.post("/admin/registry/person/add/", person_form(birth_date="about 1990"))
    assert r.status_code == 200
    assert "about 1990" in r.content.decode()
    assert "is not a date" in r.content.decode()
    assert not m.Person.objects.filter(slug="vera-testova").exists()


def test_it_refuses_a_sentence_without_a_term(staff, alice):
    case = m.Case.objects.create(slug="c", name_en="C", country="RU")
    r = staff.post(
        "/admin/registry/sentence/add/",
        {
            "person": alice.pk, "case": case.pk, "kind": "imprisonment",
            "years": "0", "months": "0", "days": "0", "regime": "general",
            **inline_management("custody_periods"),
            **inline_management("registry-citation-content_type-object_id"),
        },
    )  # fmt: skip
    assert r.status_code == 200
    assert "needs a term" in r.content.decode()
    assert not m.Sentence.objects.exists()


def test_it_refuses_a_citation_whose_words_are_not_in_the_source(staff, alice):
    source = m.Source.objects.create(title="Report", text="Alisa was moved to Perm.")
    data = person_form(
        name=alice.name, slug=alice.slug, name_latin=alice.name_latin,
        **{
            "registry-citation-content_type-object_id-TOTAL_FORMS": "1",
            "registry-citation-content_type-object_id-0-source": str(source.pk),
            "registry-citation-content_type-object_id-0-quote": "moved to Omsk",
        },
    )  # fmt: skip
    r = staff.post(f"/admin/registry/person/{alice.pk}/change/", data)
    assert r.status_code == 200
    assert "not in the source text" in r.content.decode()
    assert not m.Citation.objects.exists()


def test_it_keeps_anonymous_visitors_out(client, db):
    r = client.get("/admin/registry/person/")
    assert r.status_code == 302
    assert r["Location"].startswith("/staff/login/")
