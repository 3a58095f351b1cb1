"""/api/v1/docs and the licence of the API: the schema is linked in plain HTML (no
JavaScript needed), the OpenAPI info names the licence, every answer has a Link header."""


def test_it_links_the_schema_without_javascript(client, db):
    body = client.get("/api/v1/docs").content.decode()
    assert '<a href="/api/v1/openapi.json" id="openapi-link">' in body
    assert "<noscript>" in body
    assert "cdn" not in body.lower() and "https://" not in body


def test_it_names_the_licence_in_the_schema_and_every_answer(client, world):
    info = client.get("/api/v1/openapi.json").json()["info"]
    assert info["license"] == {
        "name": "Creative Commons Attribution 4.0 International", "identifier": "CC-BY-4.0",
    }  # fmt: skip
    for path in ("/api/v1/people", "/api/v1/cases", "/api/v1/stats", "/api/v1/people/nobody"):
        response = client.get(path)
        assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
