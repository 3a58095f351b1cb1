"""GET /staff/registry/: staff find anyone, hidden people included, in any script."""


def test_it_finds_hidden_people_for_staff_only(staff_client, alice, bob):
    from django.test import Client

    page = staff_client.get("/staff/registry/?q=Khiddink").content.decode()
    assert "Борис Хиддинк-Засекреченный" in page and "hidden" in page
    assert "/staff/registry/people/boris-hidden/" in page
    assert Client().get("/staff/registry/?q=Khiddink").status_code == 302  # to sign-in


def test_it_has_the_staff_menu(staff_client, alice):
    page = staff_client.get("/staff/registry/").content.decode()
    assert 'class="staff"' in page and 'href="/staff/intake/"' in page
    assert 'aria-current="page"' in page and "/admin/" not in page
