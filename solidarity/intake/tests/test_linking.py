"""One person across scripts, spellings and case forms."""

import pytest

from solidarity.intake import linking
from solidarity.registry.tests.factories import make_person


@pytest.fixture
def lev(db):
    return make_person("Лев Скорякин", slug="lev-skoryakin", name_latin="Lev Skoryakin")


@pytest.mark.parametrize(
    "name", ["Lev Skoryakin", "Лев Скорякин", "Lev Skorjakin", "Лев Скорякина"]
)
def test_it_links_every_spelling_to_the_same_person(lev, name):
    match, _ = linking.best_match(name)
    assert match is not None and match.person_id == lev.pk


def test_it_offers_a_surname_alone_as_a_candidate_not_a_link(lev):
    match, found = linking.best_match("Скорякин")
    assert match is None
    assert [c.person_id for c in found] == [lev.pk]


def test_it_does_not_link_a_different_first_name(lev):
    match, found = linking.best_match("Anna Skoryakina")
    assert match is None
    assert found and found[0].person_id == lev.pk
