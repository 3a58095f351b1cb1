"""/staff/registry/cases/<slug>/edit/: a case renamed through registry.actions, audited,
bad input named beside its field."""

from solidarity.accounts.models import AuditEntry
from solidarity.registry import models as m


def _form(case, **changes):
    data = {"name_en": case.name_en, "name_ru": case.name_ru, "country": case.country,
            "region": case.region, "description_en": "", "description_ru": ""}  # fmt: skip
    data.update(changes)
    return data


def test_it_renames_a_case_and_audits_it(staff_client, case):
    renamed = _form(case, name_en="The Tver case", name_ru="Тверское дело")
    response = staff_client.post("/staff/registry/cases/test-case/edit/", renamed)
    assert response.status_code == 302
    assert response["Location"] == "/staff/registry/cases/test-case/"
    case.refresh_from_db()
    assert (case.name_en, case.name_ru) == ("The Tver case", "Тверское дело")
    entry = AuditEntry.objects.get(action="registry.case.update")
    assert set(entry.details["fields"]) == {"name_en", "name_ru"}


def test_it_names_the_bad_field_and_keeps_what_was_typed(staff_client, case):
    response = staff_client.post("/staff/registry/cases/test-case/edit/",
                                 _form(case, country="R1", name_ru="Новое имя"))  # fmt: skip
    body = response.content.decode()
    assert response.status_code == 200 and "two-letter country code" in body
    assert "Новое имя" in body
    assert m.Case.objects.get(pk=case.pk).name_ru != "Новое имя"


def test_it_is_for_editors(client, case):
    from solidarity.letters.tests.test_translate import staff

    staff(client, "viewer")
    assert client.get("/staff/registry/cases/test-case/edit/").status_code == 403
    assert client.get("/staff/registry/cases/test-case/").status_code == 200
