"""POST /staff/registry/people/<slug>/charges/: a charge in a case (new or known), with
part and stage; preparation and attempt modify the charge, they are not charges."""

from solidarity.registry import models as m


def test_it_adds_an_attempt_in_a_new_case(staff_client, bob):
    form = {
        "charge-new_case": "Дело о поджоге военкомата",
        "charge-code": "RU",
        "charge-article": "205",
        "charge-part": "1",
        "charge-stage": "attempt",
    }
    r = staff_client.post(f"/staff/registry/people/{bob.slug}/charges/", form)
    assert r.status_code == 302
    charge = m.Charge.objects.get(person=bob)
    assert (charge.article.number, charge.part, charge.stage) == ("205", "1", "attempt")
    assert (
        charge.case.name_ru == "Дело о поджоге военкомата" and bob in charge.case.defendants.all()
    )
    assert charge.label() == "Art. 205 Part 1 CC RF (attempt)"


def test_it_names_an_unknown_article_and_keeps_the_form(staff_client, alice, case):
    form = {
        "charge-case": case.slug,
        "charge-code": "RU",
        "charge-article": "999",
        "charge-part": "x",
    }
    r = staff_client.post(f"/staff/registry/people/{alice.slug}/charges/", form)
    body = r.content.decode()
    assert r.status_code == 400 and "There is no article 999 in this code." in body
    assert "A part is a number such as 2." in body and 'value="999"' in body
    assert not m.Charge.objects.exists()
