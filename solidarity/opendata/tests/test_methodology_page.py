"""/data/methodology/: who is included, how people are counted, how often it is updated."""

import pytest


def test_it_explains_the_method_in_english(client, db):
    body = client.get("/data/methodology/").content.decode()
    for heading in ("Who is included", "How people are counted", "How often it is updated",
                    "Reuse"):  # fmt: skip
        assert f"<h2>{heading}</h2>" in body
    assert "date unknown" in body and "Creative Commons" in body


@pytest.mark.parametrize(
    ("language", "heading"),
    [("ru", "Кто включён"), ("be", "Хто ўключаны")],
)
def test_it_speaks_the_readers_language(client, db, language, heading):
    client.cookies["django_language"] = language
    body = client.get("/data/methodology/").content.decode()
    assert f"<h2>{heading}</h2>" in body
