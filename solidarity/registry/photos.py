"""Photos as they are kept: re-drawn from the pixels alone, so nothing of the original file
survives (EXIF with GPS position, camera serial number and time, comments, ICC profile,
thumbnails), at most PHOTO_SIDE px a side, as JPEG. Pillow does the reading and drawing.

The upload is refused (ValidationError on "photo", in plain words) when it is larger than
PHOTO_MAX_BYTES, is not a JPEG, PNG or WebP image, or has more than PHOTO_MAX_PIXELS
pixels (checked from the header, before anything is decoded: a small file can claim a
picture of billions of pixels).
"""

from __future__ import annotations

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FORMATS = ("JPEG", "PNG", "WEBP")


def _refuse(message: str) -> ValidationError:
    return ValidationError({"photo": [message]})


def prepare(data: bytes) -> tuple[bytes, int, int]:
    """(JPEG bytes, width, height) of the photo in `data`, made again from its pixels, the
    camera's orientation applied, fitted within PHOTO_SIDE × PHOTO_SIDE."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if not data:
        raise _refuse(_("Choose a photo."))
    if len(data) > settings.PHOTO_MAX_BYTES:
        raise _refuse(_("The photo is larger than %(size)s MB.")
                      % {"size": settings.PHOTO_MAX_BYTES // (1024 * 1024)})  # fmt: skip
    side = settings.PHOTO_SIDE
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in FORMATS:
                raise _refuse(_("The photo must be a JPEG, PNG or WebP image."))
            if image.width * image.height > settings.PHOTO_MAX_PIXELS:
                raise _refuse(
                    _("The photo has %(pixels)s pixels; at most %(limit)s are read.")
                    % {"pixels": f"{image.width * image.height:,}",
                       "limit": f"{settings.PHOTO_MAX_PIXELS:,}"}
                )  # fmt: skip
            if image.format == "JPEG":
                image.draft("RGB", (side * 2, side * 2))  # decode at a reduced scale: faster
            upright = ImageOps.exif_transpose(image) or image
            pixels = upright.convert("RGB")
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:  # Pillow's own ceiling, met while opening
        raise _refuse(_("The photo has more than %(limit)s pixels.")
                      % {"limit": f"{settings.PHOTO_MAX_PIXELS:,}"}) from error  # fmt: skip
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise _refuse(_("This file cannot be read as an image.")) from error
    pixels.thumbnail((side, side))
    fresh = Image.new("RGB", pixels.size)  # only the pixels cross over, no info dict
    fresh.paste(pixels)
    out = io.BytesIO()
    fresh.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue(), fresh.width, fresh.height
