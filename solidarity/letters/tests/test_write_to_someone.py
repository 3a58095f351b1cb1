import random
from collections import Counter

from solidarity.letters.services.attention import few_letters_choice
from solidarity.letters.services.writing import submit_letter
from solidarity.registry.tests.factories import make_person


def test_it_favours_people_with_few_recent_letters(db):
    famous = make_person("Знаменитый Узник", slug="famous", accepts_letters=True)
    make_person("Тихий Узник", slug="quiet", accepts_letters=True)
    make_person("Скрытый Узник", slug="hidden", accepts_letters=True, consent_publish_name=False)
    make_person("Без Писем", slug="closed", accepts_letters=False)
    for i in range(9):
        submit_letter(famous, body="Привет!", submission_key=f"k{i}")
    rng = random.Random(1)  # noqa: S311 - a repeatable draw for the test
    picks = Counter(few_letters_choice(rng).slug for _ in range(2000))
    assert set(picks) == {"famous", "quiet"}
    # Weights 1/100 against 1: the quiet one gets about 99 % of the offers.
    assert picks["quiet"] > 1900


def test_it_sends_the_visitor_to_the_form(client, db):
    make_person("Тихий Узник", slug="quiet", accepts_letters=True)
    r = client.get("/write/")
    assert r["Location"] == "/prisoners/quiet/write/"


def test_it_says_so_when_nobody_accepts_letters(client, db):
    r = client.get("/write/")
    assert r.status_code == 200
    assert "Nobody in this registry can receive letters" in r.content.decode()
