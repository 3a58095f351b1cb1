"""/staff/registry/people/<slug>/: a person's page on the desk, in the reader's language."""


def test_it_names_country_and_region_in_russian(staff_client, alice):
    staff_client.cookies["django_language"] = "ru"
    body = staff_client.get(f"/staff/registry/people/{alice.slug}/").content.decode()
    assert "Россия, Москва" in body and "RU, Moscow" not in body


def test_it_redirects_a_replaced_slug(staff_client, alice):
    from solidarity.registry.models import PersonRedirect

    PersonRedirect.objects.create(slug="p-abcdefghij", person=alice)
    response = staff_client.get("/staff/registry/people/p-abcdefghij/")
    assert response.status_code == 302
    assert response["Location"] == f"/staff/registry/people/{alice.slug}/"


def test_it_shows_the_change_history_in_words(staff_client, alice):
    from solidarity.registry import actions

    actions.record_consent(None, alice, "photo", True, method="lawyer")
    staff_client.cookies["django_language"] = "ru"
    body = staff_client.get(f"/staff/registry/people/{alice.slug}/").content.decode()
    history = body[body.index('<ol class="history">') :]
    assert "consent_publish_photo" not in history
    assert "<em>согласие на публикацию фото</em>: нет → да" in history
