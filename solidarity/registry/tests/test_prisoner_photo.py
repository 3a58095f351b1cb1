"""/prisoners/<slug>/photo.jpg and the person page: a photo is public only while the person
consents to both the name and the photo; a withdrawal takes effect at once."""

from solidarity.accounts.models import User
from solidarity.registry import actions

from .test_desk_person_photo import camera_jpeg


def _coordinator():
    return User.objects.create_user("pia", password="p" * 16, is_staff=True, role="coordinator")


def test_it_shows_the_photo_only_with_consent_to_it(client, alice):
    staff = _coordinator()
    actions.set_photo(staff, alice, camera_jpeg(300, 200))
    url = f"/prisoners/{alice.slug}/photo.jpg"
    assert client.get(url).status_code == 404
    assert url not in client.get(f"/prisoners/{alice.slug}/").content.decode()

    actions.record_consent(staff, alice, "photo", True, method="lawyer")
    image = client.get(url)
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert image["Cache-Control"] == "no-cache"
    page = client.get(f"/prisoners/{alice.slug}/").content.decode()
    assert f'src="{url}" width="300" height="200"' in page

    actions.record_consent(staff, alice, "photo", False, method="lawyer")
    assert client.get(url).status_code == 404
    assert url not in client.get(f"/prisoners/{alice.slug}/").content.decode()


def test_it_never_shows_a_hidden_persons_photo(client, bob):
    staff = _coordinator()
    actions.set_photo(staff, bob, camera_jpeg(300, 200))
    actions.record_consent(staff, bob, "photo", True, method="lawyer")
    assert client.get(f"/prisoners/{bob.slug}/photo.jpg").status_code == 404


def test_it_follows_a_replaced_address(client, alice):
    from solidarity.registry.models import PersonRedirect

    staff = _coordinator()
    actions.set_photo(staff, alice, camera_jpeg(30, 20))
    actions.record_consent(staff, alice, "photo", True, method="lawyer")
    PersonRedirect.objects.create(slug="p-abcdefghij", person=alice)
    response = client.get("/prisoners/p-abcdefghij/photo.jpg")
    assert response.status_code == 301
    assert response["Location"] == f"/prisoners/{alice.slug}/photo.jpg"
    assert client.get("/prisoners/nobody-at-all/photo.jpg").status_code == 404
