"""Which searches name an article, and which part of it."""

import pytest

from solidarity.registry.services.search import ArticleQuery, article_in_query


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("213", ArticleQuery("213")),
        ("ст. 205.2", ArticleQuery("205.2")),
        ("ст.205.2", ArticleQuery("205.2")),
        ("205.2 ч. 2", ArticleQuery("205.2", "2")),
        ("ч. 2 ст. 213", ArticleQuery("213", "2")),
        ("art. 280.3 part 1", ArticleQuery("280.3", "1")),
        ("361-1", ArticleQuery("361-1")),
        ("ст. 213.", ArticleQuery("213")),
        ("Козак 205.2", ArticleQuery("205.2", "", "Козак")),
    ],
)
def test_it_reads_an_article_in_the_search_box(query, found):
    assert article_in_query(query) == found


@pytest.mark.parametrize("query", ["Лев Скорякин", "2023", "7", "Kozyreva D."])
def test_it_leaves_names_years_and_initials_alone(query):
    assert article_in_query(query) is None
