"""A dump of the database, played as the adversary: a person who has not consented to
publication is in it with neither names, aliases, story nor interests in clear, nor any
search key that spells them; staff still find them by name, the public search meets no key
of theirs; consent moves them into clear and withdrawal back (registry/hiding.py)."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from solidarity.accounts import keys
from solidarity.accounts.models import User
from solidarity.opendata.importing import read_bytes, run
from solidarity.registry import actions, names
from solidarity.registry import models as m

NAME, LATIN, ALIAS = "Зинаида Тайнова", "Zinaida Taynova", "Зина Подпольная"
STORY, INTERESTS = "Арестована за листовки в Тайнинске", "вязание и шахматы"
MARKERS = ["Зинаида", "Тайнова", "Zinaida", "Taynova", "Подпольная", "Тайнинске", "шахматы"]


def _every_stored_text() -> str:
    """Every cell of the tables that hold people, their aliases and their search keys, as
    a dump gives them."""
    cells = []
    with connection.cursor() as cursor:
        for model in (m.Person, m.PersonAlias, m.PersonSearchTerm, m.PersonRedirect):
            cursor.execute(f'SELECT * FROM "{model._meta.db_table}"')  # noqa: S608
            cells += [str(v) for row in cursor.fetchall() for v in row]
    return "\n".join(cells)


def _folded_keys() -> set[str]:
    return names.index_terms([NAME, LATIN, ALIAS])


def _assert_nothing_in_clear() -> None:
    stored = _every_stored_text()
    for marker in MARKERS:
        assert marker not in stored, marker
    stored_keys = set(m.PersonSearchTerm.objects.values_list("term", flat=True))
    assert not stored_keys & _folded_keys()


@pytest.fixture
def coordinator_user(db):
    return User.objects.create_user("zoe", password="p" * 16, is_staff=True, role="coordinator")


@pytest.fixture
def zina(coordinator_user):
    remand = m.PersonStatus.objects.get(code="remand")
    return actions.create_person(
        coordinator_user,
        {"name": NAME, "country": "RU", "status": remand, "story_ru": STORY,
         "interests": INTERESTS},
        aliases=[ALIAS],
    )  # fmt: skip


def test_it_keeps_a_hidden_persons_names_story_and_keys_out_of_the_dump(zina):
    _assert_nothing_in_clear()
    person = m.Person.objects.get(pk=zina.pk)
    assert (person.name, person.name_latin, person.story_ru) == (NAME, LATIN, STORY)
    assert [a.name for a in person.aliases.all()] == [ALIAS]
    assert not person.slug.startswith(("zina", "tain"))


def test_it_lets_staff_find_them_by_a_whole_name_and_the_public_search_meet_nothing(
    staff_client, zina
):  # fmt: skip
    for query in ("Тайнова", "Tainova", "Подпольная", "зинаида тайнова"):
        body = staff_client.get("/staff/registry/", {"q": query}).content.decode()
        assert f"/staff/registry/people/{zina.slug}/" in body, query
    public = Client().get("/prisoners/", {"q": "Тайнова"}).content.decode()
    assert NAME not in public and zina.slug not in public
    # The public search looks only at plain keys: none of a hidden person's is there.
    for _key, stems in names.query_tokens("Тайнова Zinaida"):
        assert not m.PersonSearchTerm.objects.filter(term__in=stems).exists()


def test_it_moves_them_into_clear_on_consent_and_back_on_withdrawal(client, coordinator_user,
                                                                    zina):  # fmt: skip
    hidden_slug = zina.slug
    actions.record_consent(coordinator_user, zina, "name", True, method="letter")
    zina.refresh_from_db()
    assert zina.slug == "zinaida-taynova"
    stored = _every_stored_text()
    assert NAME in stored and ALIAS in stored and STORY in stored
    assert _folded_keys() <= set(m.PersonSearchTerm.objects.values_list("term", flat=True))
    assert "Тайнова" in client.get("/prisoners/", {"q": "Тайнова"}).content.decode()
    assert client.get(f"/prisoners/{hidden_slug}/")["Location"].endswith("/zinaida-taynova/")

    actions.record_consent(coordinator_user, zina, "name", False, method="letter")
    m.PersonRedirect.objects.all().delete()  # the slug now spells the name: see below
    _assert_nothing_in_clear_but_slug(zina)
    assert not m.PersonSearchTerm.objects.filter(term__in=_folded_keys()).exists()


def _assert_nothing_in_clear_but_slug(person) -> None:
    """After withdrawal the slug stays (links must not break for staff), so the name words
    it spells are left out of the check; everything else is sealed again."""
    stored = _every_stored_text().replace(person.slug, "")
    for marker in ["Зинаида", "Тайнова", "Подпольная", "Тайнинске", "шахматы"]:
        assert marker not in stored, marker


def test_it_seals_people_an_import_brings_without_consent(coordinator_user):
    csv = (
        "id,name,status,aliases,story_ru\n"
        f"zt-1,{NAME},remand,{ALIAS},{STORY}\n"
    ).encode()  # fmt: skip
    run(coordinator_user, read_bytes(csv, "people.csv"), dry_run=False, source="people.csv")
    person = m.Person.objects.get(slug="zt-1")
    assert not person.consent_publish_name and person.name == NAME
    stored = _every_stored_text().replace("zt-1", "")
    for marker in ["Зинаида", "Тайнова", "Zinaida", "Tainova", "Подпольная", "Тайнинске"]:
        assert marker not in stored, marker
    from solidarity.registry.services.duplicates import likely_duplicates, likely_duplicates_many

    assert likely_duplicates("Тайнова Зинаида") == [person]
    assert likely_duplicates_many([("row", "Zinaida Tainova", None)]) == {"row": [person]}


def test_it_rotates_their_keys_with_every_other_encrypted_value(zina, settings, tmp_path):
    from solidarity import crypto

    assert keys.stale_values() == 0
    in_use = crypto.configured_keys()
    settings.FIELD_ENCRYPTION_KEYS = ""
    settings.FIELD_ENCRYPTION_KEYS_FILE = str(tmp_path / "field_keys")
    crypto.write_key_file(in_use)
    crypto.reset()
    keys.rotate(None)
    assert keys.stale_values() >= 5  # name, Latin name, story, interests, alias at least
    keys.retire(None)
    assert keys.stale_values() == 0
    person = m.Person.objects.get(pk=zina.pk)
    assert (person.name, person.story_ru, person.aliases.get().name) == (NAME, STORY, ALIAS)


def test_it_seals_rows_written_before_the_migration(zina):
    # The registry as it was before: every field and key in clear.
    name = "0015_hidden_people_encrypted"
    migration = importlib.import_module(f"solidarity.registry.migrations.{name}")
    state = MigrationExecutor(connection).loader.project_state(("registry", name)).apps
    migration.unseal(state, None)
    assert NAME in _every_stored_text() and LATIN in _every_stored_text()
    migration.seal(state, None)
    _assert_nothing_in_clear()
    assert m.Person.objects.get(pk=zina.pk).name == NAME


def test_it_keeps_the_texts_of_documents_encrypted(coordinator_user):
    import hashlib

    from solidarity.intake.services.ingest import ingest_text

    text = f"Интервью. {NAME} рассказала о задержании в Тайнинске 3 марта 2024 года."
    source = ingest_text(coordinator_user, text, name="interview.txt").source
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM registry_source")
        stored = "\n".join(str(v) for row in cursor.fetchall() for v in row)
    assert "Тайнинске" not in stored and "Интервью" not in stored
    # Nor can a dump confirm that the group holds a text the adversary has.
    assert hashlib.sha256(text.encode()).hexdigest() not in stored
    assert m.Source.objects.get(pk=source.pk).text == text
    again = ingest_text(coordinator_user, text, name="again.txt")  # found again by digest
    assert not again.created and again.source.pk == source.pk


def test_it_makes_the_blind_keys_again_after_secret_key_changed(zina, settings):
    from django.core.management import call_command

    settings.SECRET_KEY = "another secret key for this test " * 2
    assert not m.Person.objects.named(NAME).exists()
    call_command("reindex", verbosity=0)
    assert list(m.Person.objects.named(NAME)) == [zina]
