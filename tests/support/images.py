"""Real pictures for tests, made with Pillow: a small PNG (saved as the server saves it
again, so its bytes come back unchanged), photos carrying EXIF (Artist, GPS,
orientation) or PNG text chunks, large ones of a chosen size in bytes (noise does not
compress), and a PNG whose header claims more pixels than any server decodes."""

from __future__ import annotations

import io
import os
import struct
import zlib

from PIL import Image, PngImagePlugin

ARTIST = "Budi Santoso 081234567890"
# EXIF tags (TIFF numbering): Artist, Orientation, and the GPS block (its IFD pointer).
ARTIST_TAG, ORIENTATION_TAG, GPS_IFD = 0x013B, 0x0112, 0x8825


def _saved(image: Image.Image, kind: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format=kind, **options)
    return out.getvalue()


def png(size: tuple[int, int] = (2, 2), colour: tuple[int, int, int] = (29, 78, 216),
        text: dict[str, str] | None = None) -> bytes:
    """A plain RGB PNG; with `text`, tEXt chunks (`{"Author": "…"}`)."""
    info = None
    if text:
        info = PngImagePlugin.PngInfo()
        for key, value in text.items():
            info.add_text(key, value)
    return _saved(Image.new("RGB", size, colour), "PNG", **({"pnginfo": info} if info else {}))


def jpeg(size: tuple[int, int] = (40, 20), orientation: int | None = None,
         artist: str | None = None, gps: bool = False, comment: bytes | None = None) -> bytes:
    """A JPEG of `size` (left half red, right half blue), optionally with EXIF Artist,
    a GPS position (Surabaya), an Orientation tag (6: shown turned 90° clockwise) and a
    comment."""
    image = Image.new("RGB", size, (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    if artist:
        exif[ARTIST_TAG] = artist
    if orientation:
        exif[ORIENTATION_TAG] = orientation
    if gps:
        exif[GPS_IFD] = {1: "S", 2: (7.0, 15.0, 36.0), 3: "E", 4: (112.0, 44.0, 24.0)}
    options: dict[str, object] = {"exif": exif.tobytes(), "quality": 95}
    if comment:
        options["comment"] = comment
    return _saved(image, "JPEG", **options)


def noise(kind: str, target_bytes: int, artist: str | None = None) -> bytes:
    """A picture of random pixels (`PNG`, `JPEG` or `WEBP`) of about `target_bytes`
    (within a few percent: noise does not compress), with an EXIF Artist when given."""
    per_pixel = {"PNG": 3.0, "JPEG": 1.18, "WEBP": 1.2}[kind]
    side = int((target_bytes / per_pixel) ** 0.5)
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    options: dict[str, object] = {} if kind == "PNG" else {"quality": 95}
    if artist:
        exif = Image.Exif()
        exif[ARTIST_TAG] = artist
        options["exif"] = exif.tobytes()
    return _saved(image, kind, **options)


def bomb_png(width: int = 30_000, height: int = 30_000) -> bytes:
    """A PNG whose header claims `width` × `height` pixels (900 million by default)
    over a few bytes of data: what a decompression bomb looks like before decoding."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def exif_of(data: bytes) -> dict[int, object]:
    """The EXIF tags Pillow reads from `data` (empty when there are none)."""
    with Image.open(io.BytesIO(data)) as image:
        return dict(image.getexif())


def opened(data: bytes) -> Image.Image:
    """`data` decoded (loaded)."""
    image = Image.open(io.BytesIO(data))
    image.load()
    return image
