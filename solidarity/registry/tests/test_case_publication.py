"""A case is public only with a consenting defendant or its own publication flag: cases
are named after people, so a hidden person's case must not publish their name."""

from django.core.management import call_command
from django.test import Client

from solidarity.registry.tests.factories import make_case

PUBLIC = ["/cases/", "/cases/hiddink-case/", "/api/v1/cases", "/api/v1/cases/hiddink-case"]


def _public_text(path: str) -> tuple[int, str]:
    response = Client().get(path)
    return response.status_code, response.content.decode()


def test_it_hides_a_case_whose_only_defendant_is_hidden(bob, tmp_path):
    make_case("The Hiddink case", slug="hiddink-case", defendants=[bob])
    for path in PUBLIC:
        status, body = _public_text(path)
        if "hiddink-case" in path:  # a 404 page may echo the visitor's own address
            assert status == 404, path
            continue
        assert status == 200 and "Hiddink" not in body and "hiddink-case" not in body, path
    call_command("export", "--format", "csv", "--out", str(tmp_path), verbosity=0)
    assert "hiddink" not in (tmp_path / "cases.csv").read_text(encoding="utf-8").lower()


def test_it_shows_a_case_with_a_consenting_defendant_or_its_own_flag(alice, bob):
    make_case("Tver case", slug="tver-case", defendants=[alice, bob])
    make_case("Flagged case", slug="flagged-case", defendants=[bob], publish=True)
    listing = _public_text("/cases/")[1]
    assert "Tver case" in listing and "Flagged case" in listing
    assert _public_text("/cases/tver-case/")[0] == 200


def test_it_warns_staff_when_a_published_case_names_a_hidden_defendant(staff_client, alice, bob):
    make_case("Дело Хиддинка и Андреевой", slug="named-case", defendants=[alice, bob])
    page = staff_client.get(f"/staff/registry/people/{alice.slug}/").content.decode()
    assert "is published, and its name or description contains the name" in page
    assert "Борис Хиддинк-Засекреченный" in page
