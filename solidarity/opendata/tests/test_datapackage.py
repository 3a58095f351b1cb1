"""/data/datapackage.json: a Frictionless data package describing every public file and its
fields, validated by the `frictionless` library against the files a live server gives."""

import frictionless
import pytest

from solidarity.opendata import package
from solidarity.registry import models as m
from solidarity.registry.partial_date import PartialDate


def test_it_describes_every_public_file_and_every_column(client, world):
    response = client.get("/data/datapackage.json")
    assert response.status_code == 200 and 'rel="license"' in response["Link"]
    descriptor = response.json()
    assert descriptor["licenses"] == [{
        "name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    }]  # fmt: skip
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert set(resources) == {"prisoners", "cases", "charges", "sentences", "events",
                              "facilities"}  # fmt: skip
    for file in package.files():
        url = "/data/prisoners.csv" if file.name == "prisoners" else f"/data/{file.name}.csv"
        header = b"".join(client.get(url).streaming_content).decode().splitlines()[0]
        fields = [f["name"] for f in resources[file.name]["schema"]["fields"]]
        assert header.split(",") == fields
        assert all(f["description"] for f in resources[file.name]["schema"]["fields"])
    assert "private_notes" not in response.content.decode()
    accepts = next(f for f in resources["prisoners"]["schema"]["fields"]
                   if f["name"] == "accepts_letters")  # fmt: skip
    assert accepts["type"] == "boolean" and accepts["trueValues"] == ["true"]


def test_it_describes_the_fields_in_russian_for_a_russian_reader(client, world):
    client.cookies["django_language"] = "ru"
    descriptor = client.get("/data/datapackage.json").json()
    assert descriptor["title"] == "Политзаключённые: открытые данные"
    fields = descriptor["resources"][0]["schema"]["fields"]
    assert fields[1]["description"].startswith("Имя так, как его пишет")


@pytest.mark.django_db(transaction=True)
def test_it_validates_with_frictionless_over_http(live_server, world):
    m.Event.objects.create(person=world["alice"], type="release", date=PartialDate(2025, 3),
                           text_en="=1+1")  # fmt: skip
    report = frictionless.validate(f"{live_server.url}/data/datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    assert report.stats["tasks"] == 6
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert rows["prisoners"] == 2 and rows["charges"] == 2 and rows["events"] == 3
