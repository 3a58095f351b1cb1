"""/api/v1/charges, events, cases, facilities, stats: nothing of a hidden person."""


def test_it_lists_charges_of_consented_people(client, world):
    items = client.get("/api/v1/charges").json()["items"]
    assert {c["person"] for c in items} == {"alisa-andreeva", "karl-kuznetsov"}
    assert client.get("/api/v1/charges?article=280").json()["items"] == []


def test_it_lists_events_with_facilities_only_under_consent(client, world):
    events = {e["person"]: e for e in client.get("/api/v1/events").json()["items"]}
    assert set(events) == {"alisa-andreeva", "karl-kuznetsov"}
    assert events["alisa-andreeva"]["facility"] == "sizo-1-test"
    assert events["karl-kuznetsov"]["facility"] is None


def test_it_lists_cases_without_hidden_defendants(client, world):
    case = client.get("/api/v1/cases/test-case").json()
    assert case["defendants"] == ["alisa-andreeva", "karl-kuznetsov"]  # bob too, unpublished
    assert client.get("/api/v1/cases/none").status_code == 404
    assert [c["id"] for c in client.get("/api/v1/cases").json()["items"]] == ["test-case"]


def test_it_lists_facilities(client, world):
    assert client.get("/api/v1/facilities/sizo-1-test").json()["name_ru"] == "СИЗО-1 Тестград"
    assert client.get("/api/v1/facilities/none").status_code == 404


def test_it_counts_only_consented_people(client, world):
    stats = client.get("/api/v1/stats").json()
    assert stats["total"] == 2
    assert {r["key"]: r["count"] for r in stats["by_article"]} == {"RU:205.2": 2}
    assert {r["key"] for r in stats["by_region"]} == {"RU:Moscow", "RU:Perm"}
    assert stats["by_detention_year"] == [{"key": "2023", "label": "2023", "count": 2}]
