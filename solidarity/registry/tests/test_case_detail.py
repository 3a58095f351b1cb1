def test_it_lists_only_consenting_defendants(client, case):
    r = client.get("/cases/test-case/")
    body = r.content.decode()
    assert r.status_code == 200
    assert "Алиса Андреева" in body
    assert "Борис" not in body
    assert list(r.context["defendants"]) == [case.defendants.get(slug="alisa-andreeva")]


def test_it_answers_404_for_an_unknown_case(client, db):
    assert client.get("/cases/nope/").status_code == 404


def test_it_lists_cases(client, case):
    assert "/cases/test-case/" in client.get("/cases/").content.decode()
