"""/staff/support/evenings/…: plan an evening, print its packet, register its letters."""

import io

from pypdf import PdfReader

from solidarity.letters.models import Letter
from solidarity.letters.tests.test_translate import staff
from solidarity.registry.tests.factories import make_person
from solidarity.support.models import Evening


def test_it_plans_an_evening_with_people_who_can_receive_letters(client, alice, bob, facility):
    staff(client, "editor")
    alice.accepts_letters = True
    alice.save()
    bob.accepts_letters = True
    bob.save()  # no consent: never offered, never printed
    make_person("Вера Безадресная", slug="vera", accepts_letters=True)  # no address consent
    plan = {"date": "2026-12-05", "place": "Café Libertad", "organisers": "ABC"}
    response = client.post("/staff/support/evenings/", plan)
    evening = Evening.objects.get()
    assert response["Location"] == f"/staff/support/evenings/{evening.pk}/"
    assert list(evening.people.values_list("slug", flat=True)) == ["alisa-andreeva"]
    pdf = client.get(f"/staff/support/evenings/{evening.pk}/packet.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Алиса Андреева" in text and "ул. Тестовая" in text and "Андреева Алиса Петровна" in text
    assert "Хиддинк" not in text and "Безадресная" not in text


def test_it_registers_the_letters_written_there(client, alice):
    staff(client, "editor")
    evening = Evening.objects.create(date="2026-12-05", place="Café")
    evening.people.add(alice)
    form = {"action": "letters", f"letters-{alice.pk}": "3"}
    body = client.post(f"/staff/support/evenings/{evening.pk}/", form, follow=True).content.decode()
    assert "3 letters registered as posted." in body
    letters = Letter.objects.filter(person=alice)
    assert letters.count() == 3 and {letter.state for letter in letters} == {"dispatched"}
    evening.refresh_from_db()
    assert evening.letters_registered == 3


def test_it_refuses_a_hidden_person_sent_by_id_and_never_prints_one(client, alice, bob):
    staff(client, "editor")
    evening = Evening.objects.create(date="2026-12-05", place="Café")
    forged = {"action": "choose", "people": [str(alice.pk), str(bob.pk)]}
    response = client.post(f"/staff/support/evenings/{evening.pk}/", forged)
    assert response.status_code == 400
    assert not evening.people.exists()
    evening.people.add(bob)  # chosen before the check existed, or consent withdrawn since
    pdf = client.get(f"/staff/support/evenings/{evening.pk}/packet.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Хиддинк" not in text
