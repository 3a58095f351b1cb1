"""Russian pages name places in Russian: no Latin-script region, city or country name (nor
a bare country code) on any public page of the demo registry read in Russian, outside
people's Latin names and the quoted words of English sources."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from solidarity.registry import models as m
from solidarity.registry.places import country_name

pytestmark = pytest.mark.browser

# What a Russian page may show in Latin letters: a person's Latin name, a quoted source,
# the button that switches to English.
HIDE = "details.cite, .latin, [lang]:not(html)"
# The page's text without those, and the options of its menus (innerText skips them).
VISIBLE_TEXT = """(hide) => {
    document.querySelectorAll(hide).forEach(e => e.remove());
    const options = [...document.querySelectorAll("option")].map(o => o.textContent);
    return document.body.innerText + " " + options.join(" ");
}"""


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


def latin_places() -> set[str]:
    names: set[str] = set()
    for model in (m.Person, m.Facility, m.Case):
        for country, region in model.objects.values_list("country", "region"):
            names |= {country, region, country_name(country, "en")}
    names |= set(m.Event.objects.exclude(place="").values_list("place", flat=True))
    # Other names of facilities ("Butyrka" beside "Бутырка").
    names |= set(m.FacilityAlias.objects.values_list("name", flat=True))
    return {n for n in names if n and re.search("[A-Za-z]", n)}


def public_paths() -> list[str]:
    paths = ["/", "/prisoners/", "/cases/", "/facilities/", "/stats/", "/data/"]
    paths += [f"/prisoners/{s}/" for s in m.Person.objects.public().values_list("slug", flat=True)]
    paths += [f"/cases/{s}/" for s in m.Case.objects.public().values_list("slug", flat=True)]
    paths += [f"/facilities/{s}/" for s in m.Facility.objects.values_list("slug", flat=True)]
    return paths


@pytest.mark.parametrize("width", [390, 1280])
def test_it_shows_no_english_place_name_on_russian_pages(browser, live_server, demo, width):
    forbidden = latin_places()
    assert {"Moscow", "Rostov region", "RU", "KG", "Kyrgyzstan", "Butyrka"} <= forbidden
    context = browser.new_context(locale="ru-RU", viewport={"width": width, "height": 800})
    context.add_cookies([{"name": "django_language", "value": "ru", "url": live_server.url}])
    page = context.new_page()
    found = []
    for path in public_paths():
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.lang") == "ru"
        # The language buttons name each language in itself.
        assert page.locator("form.lang button[value=en]").inner_text() == "English"
        assert page.locator("form.lang button[value=be]").inner_text() == "Беларуская"
        text = page.evaluate(VISIBLE_TEXT, HIDE)
        for name in forbidden:
            if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
                found.append(f"{path}: {name}")
    page.goto(live_server.url + "/prisoners/")
    assert page.locator("#country option[value='']").inner_text() == "любая"
    assert page.locator("#status option[value='']").inner_text() == "любой"
    context.close()
    assert found == [], "\n".join(found)
