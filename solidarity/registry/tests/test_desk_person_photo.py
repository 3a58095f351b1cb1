"""/staff/registry/people/<slug>/photo/: a photo is re-drawn without its metadata, made
smaller, stored encrypted, and refused clearly when it is not a readable image."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from solidarity.accounts.models import AuditEntry
from solidarity.registry import models as m

GPS_MARKER = b"Secret camera serial 0042"


def camera_jpeg(width=3000, height=2000, orientation=1) -> bytes:
    """A JPEG as a phone writes it: EXIF with the camera, a GPS position, an orientation."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0110] = GPS_MARKER.decode()  # camera model
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (55.0, 45.0, 21.0), 3: "E", 4: (37.0, 37.0, 4.0)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"taken at the safe flat")
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A few hundred bytes whose header claims a huge picture (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = zlib.compress(b"\0" * 1000)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )


def _upload(client, person, data, name="photo.jpg"):
    upload = SimpleUploadedFile(name, data, content_type="image/jpeg")
    return client.post(f"/staff/registry/people/{person.slug}/photo/", {"photo-photo": upload})


def test_it_keeps_a_small_copy_without_the_cameras_metadata(staff_client, alice):
    assert GPS_MARKER in camera_jpeg()
    response = _upload(staff_client, alice, camera_jpeg())
    assert response.status_code == 302 and response["Location"].endswith("#photo")
    photo = m.PersonPhoto.objects.get(person=alice)
    stored = photo.jpeg()
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and max(image.size) == 800 and image.size == (800, 533)
        assert not image.getexif() and "comment" not in image.info and "exif" not in image.info
    assert GPS_MARKER not in stored and b"safe flat" not in stored
    assert AuditEntry.objects.filter(action="registry.person.photo").count() == 1
    page = staff_client.get(f"/staff/registry/people/{alice.slug}/").content.decode()
    assert f"/staff/registry/people/{alice.slug}/photo.jpg" in page
    image = staff_client.get(f"/staff/registry/people/{alice.slug}/photo.jpg")
    assert image["Content-Type"] == "image/jpeg" and image.content == stored


def test_it_turns_the_photo_as_the_camera_said(staff_client, alice):
    _upload(staff_client, alice, camera_jpeg(400, 200, orientation=6))  # rotated 90°
    photo = m.PersonPhoto.objects.get(person=alice)
    assert (photo.width, photo.height) == (200, 400)


@pytest.mark.parametrize(("data", "said"), [
    (b"%PDF-1.4 not a photo", "cannot be read as an image"),
    (png_claiming(30_000, 30_000), "more than 40,000,000 pixels"),  # past Pillow's ceiling
    (png_claiming(8_000, 6_000), "48,000,000 pixels; at most 40,000,000"),  # past ours
    (b"", "Choose a photo"),
])  # fmt: skip
def test_it_refuses_what_is_not_a_readable_photo_beside_the_field(staff_client, alice, data,
                                                                  said):  # fmt: skip
    response = _upload(staff_client, alice, data)
    assert response.status_code == 400
    assert said in response.content.decode()
    assert not m.PersonPhoto.objects.exists()


def test_it_removes_the_photo(staff_client, alice):
    _upload(staff_client, alice, camera_jpeg(100, 100))
    response = staff_client.post(f"/staff/registry/people/{alice.slug}/photo/", {"remove": "1"})
    assert response.status_code == 302 and not m.PersonPhoto.objects.exists()
    assert AuditEntry.objects.filter(action="registry.person.photo_remove").count() == 1


def test_it_is_for_editors(client, alice):
    from solidarity.letters.tests.test_translate import staff

    staff(client, "moderator")
    assert _upload(client, alice, camera_jpeg(100, 100)).status_code == 403
