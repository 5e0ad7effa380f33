"""Photos are saved again without their metadata (services/photos.py): a camera's EXIF
(the owner's name, GPS), PNG text chunks and JPEG comments never reach the disk, the
picture is turned upright by its EXIF orientation, and a file that does not decode or
would unpack to too many pixels is refused with a named 422."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from queue_server.domain.attachments import PHOTO_TYPES, FileTypeRefused, ImageTooLarge
from queue_server.services import photos
from tests.support import images

RED, BLUE = (255, 0, 0), (0, 0, 255)


def near(pixel: object, colour: tuple[int, int, int]) -> bool:
    assert isinstance(pixel, tuple)
    return all(abs(a - b) < 40 for a, b in zip(pixel, colour, strict=False))


def test_a_jpeg_loses_its_artist_gps_and_comment_and_is_turned_upright() -> None:
    sent = images.jpeg((40, 20), orientation=6, artist=images.ARTIST, gps=True,
                       comment=b"HP 081234567890")
    assert set(images.exif_of(sent)) == {images.ARTIST_TAG, images.ORIENTATION_TAG,
                                         images.GPS_IFD}
    kept = photos.strip_metadata(sent, "image/jpeg", PHOTO_TYPES)
    assert images.exif_of(kept) == {}
    assert b"Exif" not in kept and b"081234567890" not in kept and b"Budi" not in kept
    shown = images.opened(kept)
    assert shown.format == "JPEG" and shown.size == (20, 40)  # upright: turned 90°
    assert "comment" not in shown.info and "icc_profile" not in shown.info
    # orientation 6: the picture's left half (red) is shown on top
    assert near(shown.getpixel((10, 5)), RED) and near(shown.getpixel((10, 35)), BLUE)


def test_a_png_loses_its_text_chunks_and_keeps_its_pixels() -> None:
    sent = images.png((8, 8), text={"Author": "Budi 081234567890", "GPS": "-7.26,112.74"})
    assert images.opened(sent).info.get("Author")
    kept = photos.strip_metadata(sent, "image/png", PHOTO_TYPES)
    assert b"tEXt" not in kept and b"081234567890" not in kept
    shown = images.opened(kept)
    assert shown.format == "PNG" and shown.info == {} and shown.size == (8, 8)
    assert shown.getpixel((3, 3)) == images.opened(sent).getpixel((3, 3))


def test_a_webp_loses_its_exif() -> None:
    sent = images.noise("WEBP", 20_000, artist=images.ARTIST)
    assert images.exif_of(sent)
    kept = photos.strip_metadata(sent, "image/webp", PHOTO_TYPES)
    assert images.opened(kept).format == "WEBP" and images.exif_of(kept) == {}
    assert b"Budi" not in kept


def test_a_clean_png_comes_back_byte_for_byte() -> None:
    plain = images.png((30, 30))
    assert photos.strip_metadata(plain, "image/png", PHOTO_TYPES) == plain


def test_a_png_keeps_its_transparent_colour() -> None:
    image = Image.new("P", (4, 4), 1)
    image.putpalette([0, 0, 0, 255, 255, 255] + [0] * 762)
    out = io.BytesIO()
    image.save(out, format="PNG", transparency=1)
    kept = images.opened(photos.strip_metadata(out.getvalue(), "image/png", PHOTO_TYPES))
    assert kept.info == {"transparency": 1}


def test_a_picture_that_does_not_decode_is_the_wrong_type() -> None:
    truncated = images.jpeg((64, 64))[:300]
    with pytest.raises(FileTypeRefused) as refused:
        photos.strip_metadata(truncated, "image/jpeg", PHOTO_TYPES, "foto 2")
    assert (refused.value.code, refused.value.kind) == ("file_type_refused", "invalid")
    assert refused.value.message == (
        "Berkas foto 2 bukan jenis yang diterima. Jenis yang diterima: JPEG, PNG, WebP.")
    with pytest.raises(FileTypeRefused):  # a PNG signature in front of a JPEG
        photos.strip_metadata(b"\x89PNG\r\n\x1a\n" + images.jpeg(), "image/png", PHOTO_TYPES)


@pytest.mark.parametrize("side", [10_000, 30_000])  # over Pillow's limit; over twice it
def test_a_decompression_bomb_is_refused_before_its_pixels_are_read(side: int) -> None:
    bomb = images.bomb_png(side, side)
    assert len(bomb) < 200
    with pytest.raises(ImageTooLarge) as refused:
        photos.strip_metadata(bomb, "image/png", PHOTO_TYPES, "foto 1")
    error = refused.value
    assert (error.code, error.kind) == ("image_too_large", "invalid")
    assert error.message == ("Berkas foto 1 berukuran terlalu besar: paling banyak 89 juta "
                             "piksel; perkecil fotonya lalu kirim lagi.")
    assert error.details == {"max_pixels": photos.max_pixels()}
