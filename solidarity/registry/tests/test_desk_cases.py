"""/staff/registry/cases/: every case, hidden ones marked, found by name."""


def test_it_lists_cases_with_their_defendants_and_marks_hidden_ones(staff_client, case, bob):
    from solidarity.registry.tests.factories import make_case

    make_case("Дело Бориса", slug="boris-case", defendants=[bob])
    body = staff_client.get("/staff/registry/cases/").content.decode()
    assert "/staff/registry/cases/test-case/" in body and "2 defendants" in body
    assert "/staff/registry/cases/boris-case/" in body
    row = body[body.index("/staff/registry/cases/boris-case/") :].split("</li>")[0]
    assert "hidden" in row
    found = staff_client.get("/staff/registry/cases/", {"q": "бориса"}).content.decode()
    assert "boris-case" in found and "test-case" not in found
