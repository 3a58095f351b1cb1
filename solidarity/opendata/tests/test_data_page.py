"""/data/: the files, their columns (in the reader's language) and the licence for reuse."""


def test_it_states_the_licence_and_lists_every_file(client, world):
    body = client.get("/data/").content.decode()
    assert "Creative Commons Attribution 4.0 International" in body
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in body
    for name in ("prisoners", "cases", "charges", "sentences", "events", "facilities"):
        assert f'href="/data/{name}.csv"' in body and f'id="columns-{name}"' in body
    assert 'href="/data/datapackage.json"' in body and 'href="/data/methodology/"' in body
    assert "private_notes" not in body and "<script" not in body


def test_it_follows_the_licence_setting(client, world, settings):
    settings.OPEN_DATA_LICENSE = "ODbL-1.0"
    settings.OPEN_DATA_LICENSE_TITLE = "Open Database License 1.0"
    settings.OPEN_DATA_LICENSE_URL = "https://opendatacommons.org/licenses/odbl/1-0/"
    body = client.get("/data/").content.decode()
    assert "Open Database License 1.0" in body and "ODbL-1.0" in body
    assert client.get("/data/datapackage.json").json()["licenses"][0]["name"] == "ODbL-1.0"
    assert "odbl" in client.get("/data/cases.csv")["Link"]


def test_it_describes_the_columns_in_russian(client, world):
    client.cookies["django_language"] = "ru"
    body = client.get("/data/").content.decode()
    assert "Имя так, как его пишет сам человек" in body
    assert "Номер статьи, например 205.2." in body
    assert "по лицензии <strong>Creative Commons" in body


def test_it_describes_the_columns_in_belarusian(client, world):
    client.cookies["django_language"] = "be"
    body = client.get("/data/").content.decode()
    assert "Нумар артыкула, напрыклад 205.2." in body


def test_it_links_the_calendars_on_site_url_whatever_host_asked(client, world, settings):
    settings.SITE_URL = "https://solidarity.example.org"
    body = client.get("/data/", HTTP_HOST="localhost").content.decode()
    assert 'href="https://solidarity.example.org/calendar/birthdays.ics"' in body
    assert 'href="https://solidarity.example.org/calendar/releases.ics"' in body
    assert "localhost/calendar" not in body and "testserver" not in body
