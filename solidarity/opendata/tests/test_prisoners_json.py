"""/data/prisoners.json: the same rows as the CSV, as a JSON array."""

import json


def test_it_exports_the_same_people_as_json(client, world):
    response = client.get("/data/prisoners.json")
    rows = json.loads(b"".join(response.streaming_content))
    assert [r["id"] for r in rows] == ["alisa-andreeva", "karl-kuznetsov"]
    assert rows[1]["letter_name"] == "" and rows[0]["letter_name"] == "Андреева Алиса Петровна"


def test_it_is_an_empty_array_for_an_empty_registry(client, db):
    assert json.loads(b"".join(client.get("/data/prisoners.json").streaming_content)) == []
