import pytest

from solidarity.registry.names import index_terms, query_tokens, readable_latin, skeleton


def matches(query: str, name: str) -> bool:
    terms = index_terms([name])
    return all(
        stems & terms or any(t.startswith(key) for t in terms) for key, stems in query_tokens(query)
    )


@pytest.mark.parametrize(
    "query",
    [
        "Скорякин",
        "Skoryakin",
        "skorjakin",
        "Скорякина",
        "СКОРЯКИНЫМ",
        "Skoriakin",
        "Лев Скорякин",
        "Скор",
    ],
)
def test_it_finds_lev_skoryakin_in_any_script(query):
    assert matches(query, "Лев Скорякин")


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Kozyreva", "Дарья Козырева"),
        ("Козыревой", "Дарья Козырева"),
        ("Darja", "Дарья Козырева"),
        ("Alexei Rozhkov", "Алексей Рожков"),
        ("Алексея", "Aleksey Rozhkov"),
        ("Miftahov", "Азат Мифтахов"),
        ("Yegor", "Егор Балазейкин"),
        ("Zhlobitskiy", "Михаил Жлобицкий"),
    ],
)
def test_it_folds_transliteration_schemes_and_cases(query, name):
    assert matches(query, name)


@pytest.mark.parametrize(
    ("query", "name"), [("Петров", "Пётр Иванов"), ("Kozak", "Дарья Козырева"), ("Lev", "Ева")]
)
def test_it_does_not_match_different_names(query, name):
    assert not matches(query, name)


def test_it_transliterates_readably():
    assert readable_latin("Лев Скорякин") == "Lev Skoryakin"
    assert readable_latin("Щукин Юрий") == "Shchukin Yuriy"


def test_it_ignores_punctuation_and_digits():
    assert skeleton("Д'Артаньян-2") == "dartanian"
    assert query_tokens("  !!! 123 ") == []


@pytest.mark.parametrize(
    ("name", "country", "latin"),
    [
        ("Ганна Гаўрылік", "", "Hanna Haurylik"),
        ("Аляксандр Каваленка", "BY", "Aliaksandr Kavalenka"),
        ("Сяргей Ціханоўскі", "", "Siarhei Tsikhanouski"),
        ("Яўген Афнагель", "", "Yauhen Afnahel"),
        ("Олег Гнатюк", "RU", "Oleh Hnatiuk"),
        ("Олександр Їжак", "", "Oleksandr Yizhak"),
        ("Нұрлан Қайратұлы", "", "Nurlan Kairatuly"),
        ("Лев Скорякин", "RU", "Lev Skoryakin"),
    ],
)
def test_it_romanises_in_the_names_own_language(name, country, latin):
    assert readable_latin(name, country) == latin


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Haurylik", "Ганна Гаўрылік"),
        ("Гаврилик", "Hanna Haurylik"),
        ("Ганна", "Hanna Haurylik"),
        ("Hnatiuk", "Олег Гнатюк"),
        ("Kairatuly", "Нұрлан Қайратұлы"),
        ("Ivanov", "Іваноў"),
        ("Alexander", "Аляксандр Каваленка"),
        ("Siarhei", "Сергей Тихановский"),
        ("Лёва", "Lev Lyova"),
    ],
)
def test_it_folds_belarusian_ukrainian_and_kazakh_spellings(query, name):
    assert matches(query, name)
