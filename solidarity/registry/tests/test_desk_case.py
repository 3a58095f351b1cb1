"""/staff/registry/cases/<slug>/: a case's defendants (hidden too) and charges, and a warning
when a published case names a defendant who has not consented."""

from solidarity.registry import models as m


def test_it_shows_defendants_and_warns_about_a_hidden_name(staff_client, case, bob):
    m.Case.objects.filter(pk=case.pk).update(name_en="Case of Boris Hiddink-Zasekrechenny")
    body = staff_client.get("/staff/registry/cases/test-case/").content.decode()
    assert "/staff/registry/people/alisa-andreeva/" in body
    assert "/staff/registry/people/boris-hidden/" in body
    assert 'role="alert"' in body and "Rename it" in body
    assert "/staff/registry/cases/test-case/edit/" in body
