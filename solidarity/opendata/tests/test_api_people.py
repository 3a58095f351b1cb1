"""/api/v1/people and /api/v1/people/<id>: consented people only, paged by cursor."""

from solidarity.registry.tests.factories import make_person


def test_it_lists_only_consented_people(client, world):
    items = client.get("/api/v1/people").json()["items"]
    assert {p["id"] for p in items} == {"alisa-andreeva", "karl-kuznetsov"}
    assert "Засекреченный" not in client.get("/api/v1/people?limit=200").content.decode()


def test_it_shows_the_facility_only_with_address_consent(client, world):
    people = {p["id"]: p for p in client.get("/api/v1/people").json()["items"]}
    assert people["alisa-andreeva"]["facility"] == "sizo-1-test"
    assert people["karl-kuznetsov"]["facility"] is None
    carl = client.get("/api/v1/people/karl-kuznetsov").json()
    assert carl["letter_name"] is None
    assert all(e["facility"] is None for e in carl["events"])
    alice = client.get("/api/v1/people/alisa-andreeva").json()
    assert alice["letter_name"] == "Андреева Алиса Петровна"


def test_it_filters_like_the_public_list(client, world):
    assert [p["id"] for p in client.get("/api/v1/people?status=colony").json()["items"]] == [
        "karl-kuznetsov"
    ]
    ids = {p["id"] for p in client.get("/api/v1/people?article=RU:205.2").json()["items"]}
    assert ids == {"alisa-andreeva", "karl-kuznetsov"}
    assert [p["id"] for p in client.get("/api/v1/people?q=Кузнецова").json()["items"]] == [
        "karl-kuznetsov"
    ]
    assert client.get("/api/v1/people?region=Secretland").json()["items"] == []


def test_it_walks_every_page_once(client, db):
    for i in range(7):
        make_person(f"Человек {i}", slug=f"person-{i}", name_latin="Same Name" if i < 4 else "")
    seen, url = [], "/api/v1/people?limit=2"
    while url:
        page = client.get(url).json()
        seen += [p["id"] for p in page["items"]]
        url = f"/api/v1/people?limit=2&cursor={page['next']}" if page["next"] else ""
    assert sorted(seen) == sorted(f"person-{i}" for i in range(7))
    assert len(seen) == len(set(seen))


def test_it_answers_bad_parameters_with_400(client, world):
    for query in ("cursor=zzz", "cursor=WzFd", "limit=0", "limit=201", "limit=x"):
        response = client.get(f"/api/v1/people?{query}")
        assert response.status_code in (400, 422), query
        assert response.json()["detail"]


def test_it_answers_404_for_a_hidden_or_missing_person(client, world):
    assert client.get("/api/v1/people/boris-hidden").status_code == 404
    assert client.get("/api/v1/people/nobody").status_code == 404


def test_it_details_charges_sentences_and_events(client, world):
    carl = client.get("/api/v1/people/karl-kuznetsov").json()
    assert carl["charges"] == [{"person": "karl-kuznetsov", "case": "test-case", "code": "RU",
                                "article": "205.2", "part": "2", "status": "charged"}]  # fmt: skip
    assert carl["sentences"][0]["years"] == 5
    assert carl["events"][0]["date"] == "2023-05-03"
    assert carl["birth_date"] == "1990-04-12"
