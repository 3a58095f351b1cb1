"""The public list in a real Chromium, on the demo registry: rows that say what each
person is charged with and where, article search ("213", "ст. 205.2", "205.2 ч. 2"), "did
you mean" for near misses in either script, initials, and a NUL in the search box. English
and Russian, at a phone's and a desktop's width."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from solidarity.conftest import reader_context
from solidarity.registry import models as m

pytestmark = pytest.mark.browser

WORDS = {
    "en": {"article": "charged under article", "part": "part 2 of article", "mean": "Did you mean"},
    "ru": {"article": "обвиняемые по ст.", "part": "по ч. 2 ст.", "mean": "Возможно, вы искали"},
}


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)
    # The interview does not say which part of 205.2; a part to search for.
    m.Charge.objects.filter(article__number="205.2").update(part="2")


def charged(number: str, part: str = "") -> set[str]:
    charges = m.Charge.objects.filter(article__number=number, person__consent_publish_name=True)
    if part:
        charges = charges.filter(part=part)
    return set(charges.values_list("person__name", flat=True))


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_it_finds_people_by_article_and_by_near_misses(browser, live_server, demo, language, width):
    words = WORDS[language]
    context = reader_context(browser, live_server, language, width)
    page = context.new_page()
    everyone = m.Person.objects.public().count()
    # An article, however written: only those charged under it, and the page says so.
    for query, number, part in (("213", "213", ""), ("ст. 205.2", "205.2", ""),
                                ("205.2 ч. 2", "205.2", "2")):  # fmt: skip
        expected = charged(number, part)
        assert 0 < len(expected) < everyone, query
        page.goto(f"{live_server.url}/prisoners/")
        page.fill("#q", query)
        page.click("form.filters button[type=submit]")
        names = {n.strip() for n in page.locator("ul.people li > a").all_inner_texts()}
        assert names == expected, query
        said = page.locator("p.article-query").inner_text().replace("\xa0", " ")
        assert (words["part"] if part else words["article"]) in said and number in said
        for row in page.locator("ul.people .articles").all_inner_texts():
            assert number in row
        page.wait_for_load_state("load")  # measured with its style sheet applied
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # Near misses in both scripts: nobody found, and the nearest names offered.
    for query, meant in (("Skoryakn", "Лев Скорякин"), ("Скарякин", "Лев Скорякин"),
                         ("Мифтахоф", "Азат Мифтахов"), ("Рошков", "Алексей Рожков")):  # fmt: skip
        page.goto(f"{live_server.url}/prisoners/?q={query}")
        offer = page.locator("p.did-you-mean")
        assert words["mean"] in offer.inner_text(), query
        offer.locator("a", has_text=meant).click()
        assert meant in page.locator("ul.people li > a").all_inner_texts()
    # Initials.
    page.goto(f"{live_server.url}/prisoners/?q=Kozyreva D.")
    assert page.locator("ul.people li > a").all_inner_texts() == ["Дарья Козырева"]
    context.close()


def test_it_shows_the_facts_of_each_row(browser, live_server, demo):
    page = browser.new_page()
    page.goto(f"{live_server.url}/prisoners/?q=Skoryakin")
    facts = page.locator("ul.people li .row-facts").first.inner_text()
    lev = m.Person.objects.get(slug="lev-skoryakin")
    for charge in lev.charges.select_related("article__code"):
        assert charge.article.number in facts
    assert "Russia" in facts  # no region: the country
    detention = m.Event.objects.filter(type="detention", person__consent_publish_name=True)
    dated = detention.exclude(date=None).select_related("person").first()
    page.goto(f"{live_server.url}/prisoners/?q={dated.person.name_latin}")
    facts = page.locator("ul.people li .row-facts").first.inner_text()
    assert f"detained {dated.date.display()}" in facts
    # A facility only with consent to publish the address.
    for person in m.Person.objects.public().exclude(facility=None):
        page.goto(f"{live_server.url}/prisoners/?q={person.name_latin}")
        shown = page.locator("ul.people .facility").count()
        assert shown == (1 if person.consent_publish_address else 0), person.slug
    page.close()


def test_it_answers_a_nul_in_the_search_box_with_a_page(browser, live_server, demo):
    page = browser.new_page()
    response = page.goto(f"{live_server.url}/prisoners/?q=Lev%00")
    assert response.status == 400
    assert "text/html" in response.headers["content-type"]
    assert "NUL" in page.locator("p.error").inner_text()
    assert page.locator("#q").input_value() == "Lev"
    page.click("form.search button[type=submit]")
    assert "Лев Скорякин" in page.locator("ul.people").inner_text()
    page.close()
