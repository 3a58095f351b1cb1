"""/stats/ and /stats/<table>.csv: server-drawn SVG charts with their numbers."""


def test_it_draws_each_chart_with_its_table_and_csv(client, world):
    body = client.get("/stats/").content.decode()
    assert body.count("<svg") == 5  # all but releases: there are none
    assert "<script" not in body
    assert "Behind bars now: <strong>2</strong> of 2" in body
    assert 'href="/stats/by_article.csv"' in body
    assert "Secretland" not in body


def test_it_speaks_russian(client, world):
    client.cookies["django_language"] = "ru"
    body = client.get("/stats/", headers={"accept-language": "ru"}).content.decode()
    assert "Статистика" in body


def test_it_gives_each_table_as_csv(client, world):
    response = client.get("/stats/by_region.csv")
    assert response.content.decode().splitlines() == [
        "key,label,count", "RU:Moscow,Moscow,1", "RU:Perm,Perm,1",
    ]  # fmt: skip
    assert client.get("/stats/nothing.csv").status_code == 404
