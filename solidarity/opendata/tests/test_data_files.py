"""/data/<table>.csv and .json: cases, charges, sentences, events and facilities, public
rows only (the dump's, private=False), booleans as the data dictionary writes them."""

import csv
import io
import json

from solidarity.registry import models as m
from solidarity.registry.partial_date import PartialDate


def _csv(client, name):
    response = client.get(f"/data/{name}.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def _json(client, name):
    response = client.get(f"/data/{name}.json")
    assert response.status_code == 200 and 'rel="license"' in response["Link"]
    return json.loads(b"".join(response.streaming_content))


def test_it_publishes_charges_sentences_and_events_of_consented_people_only(client, world):
    assert {r["person"] for r in _csv(client, "charges")} == {"alisa-andreeva", "karl-kuznetsov"}
    sentences = _csv(client, "sentences")
    assert [(r["person"], r["years"], r["pronounced_on"]) for r in sentences] == [
        ("karl-kuznetsov", "5", "2024-01-10")
    ]
    events = _csv(client, "events")
    assert {r["person"] for r in events} == {"alisa-andreeva", "karl-kuznetsov"}
    # Carl did not consent to publish his address: no place, no facility.
    carl = next(r for r in events if r["person"] == "karl-kuznetsov")
    assert carl["place"] == "" and carl["facility"] == ""
    for name in ("charges", "sentences", "events", "cases", "facilities"):
        text = json.dumps(_json(client, name), ensure_ascii=False)
        assert "boris" not in text.lower() and "Засекреченный" not in text


def test_it_publishes_cases_with_a_consenting_defendant_only(client, world):
    m.Case.objects.create(slug="hidden-case", name_en="Hidden", country="RU")
    assert [r["id"] for r in _csv(client, "cases")] == ["test-case"]
    assert [r["id"] for r in _json(client, "cases")] == ["test-case"]


def test_it_writes_booleans_as_the_dictionary_says(client, world):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(
        b"".join(client.get("/data/prisoners.csv").streaming_content).decode()))}  # fmt: skip
    assert {r["accepts_letters"] for r in rows.values()} <= {"true", "false"}
    people = json.loads(b"".join(client.get("/data/prisoners.json").streaming_content))
    assert all(isinstance(p["accepts_letters"], bool) for p in people)


def test_it_neutralises_formulas_in_every_table(client, world):
    m.Event.objects.create(person=world["alice"], type="search", date=PartialDate(2024),
                           text_en="=HYPERLINK(\"http://x\")")  # fmt: skip
    texts = [r["text_en"] for r in _csv(client, "events") if r["text_en"]]
    assert texts == ['\'=HYPERLINK("http://x")']


def test_it_has_no_file_it_does_not_describe(client, world):
    assert client.get("/data/people.csv").status_code == 404
    assert client.get("/data/nothing.json").status_code == 404
    assert client.get("/data/users.csv").status_code == 404
