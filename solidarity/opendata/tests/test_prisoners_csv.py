"""/data/prisoners.csv: the public columns of consented people."""

import csv
import io

from solidarity.opendata.columns import PUBLIC_COLUMNS


def _rows(client, url="/data/prisoners.csv"):
    response = client.get(url)
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_it_exports_consented_people_with_the_documented_columns(client, world):
    rows = _rows(client)
    assert list(rows[0]) == PUBLIC_COLUMNS
    assert [r["id"] for r in rows] == ["alisa-andreeva", "karl-kuznetsov"]
    carl = rows[1]
    assert carl["articles"] == "RU:205.2/2" and carl["birth_date"] == "1990-04-12"
    assert carl["facility"] == "" and carl["letter_name"] == ""
    assert rows[0]["facility"] == "sizo-1-test"


def test_it_never_writes_a_private_column(client, world):
    text = b"".join(client.get("/data/prisoners.csv").streaming_content).decode()
    assert "Засекреченный" not in text and "Secretland" not in text
    assert "private_notes" not in text and "consent_publish" not in text
