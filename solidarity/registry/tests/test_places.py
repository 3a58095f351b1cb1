"""Place names in the reader's language: regions and cities from data/places.json,
countries from CLDR."""

from solidarity.registry.places import country_name, place_name


def test_it_names_regions_in_russian_whatever_the_english_form():
    for written in ("Rostov region", "Rostov Oblast", "rostov oblast", "Ростовская область"):
        assert place_name(written, "ru") == "Ростовская область"
    assert place_name("Rostov region", "en") == "Rostov region"
    assert place_name("Moscow", "ru") == "Москва"
    assert place_name("Gomel region", "be") == "Гомельская вобласць"
    # Russia's regions have no Belarusian name in the table: Russian is closer than English.
    assert place_name("Moscow", "be") == "Москва"


def test_it_names_cities_and_countries_given_as_places():
    assert place_name("Bishkek", "ru") == "Бишкек"
    assert place_name("Kyrgyzstan", "ru") == "Киргизия"
    # A place the table does not know is shown as written.
    assert place_name("Nowhere-on-Sea", "ru") == "Nowhere-on-Sea"


def test_it_names_countries_from_cldr():
    assert country_name("RU", "ru") == "Россия"
    assert country_name("KG", "ru") == "Киргизия"
    assert country_name("BY", "be") == "Беларусь"
    assert country_name("KG", "en") == "Kyrgyzstan"
