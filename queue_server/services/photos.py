"""Photos made safe to keep and show: decoded and saved again with Pillow, so what a
camera or an editor wrote beside the pixels (EXIF with GPS position, device, owner and
copyright; XMP; ICC profiles; PNG text chunks; JPEG comments) is gone, and a file that
only looks like an image (right magic number, no decodable picture) is refused.

Why: an anonymous complaint's photo must not name or locate its reporter (the EXIF
Artist, Copyright and GPS tags do); see ESERVICES.md on anonymity. The picture is turned
upright first by its EXIF Orientation tag (which is dropped with the rest), the way a
phone's gallery shows it. A picture over Pillow's `Image.MAX_IMAGE_PIXELS` (about 89
million pixels) is refused before its pixels are read: a few kilobytes of PNG can unpack
to gigabytes (a decompression bomb)."""

from __future__ import annotations

import io

from PIL import Image, ImageOps

from ..domain.attachments import FileTypeRefused, ImageTooLarge

# Pillow's name of each type, and how it is saved again: JPEG at quality 85 (a photo of
# a road stays readable; sizes drop), PNG losslessly, WebP lossy at 85 too.
_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
_OPTIONS: dict[str, dict[str, object]] = {"JPEG": {"quality": 85}, "PNG": {},
                                           "WEBP": {"quality": 85}}
# Modes a JPEG file can hold; any other is turned to RGB (there is no alpha in JPEG).
_JPEG_MODES = ("L", "RGB", "CMYK")


def is_photo(content_type: str) -> bool:
    """Whether files of `content_type` are photos this module re-encodes."""
    return content_type in _FORMATS


def max_pixels() -> int:
    """The most pixels (width × height) a photo may have: Pillow's MAX_IMAGE_PIXELS."""
    return int(Image.MAX_IMAGE_PIXELS or 89_478_485)


def _open(data: bytes, kind: str, allowed: tuple[str, ...], name: str,
          limit: int) -> Image.Image:
    """The decoded picture (first frame), upright. Raises FileTypeRefused when Pillow
    cannot decode it as `kind` (whatever its decoder raises on a malformed file: the
    bytes are a stranger's), ImageTooLarge over `limit` pixels."""
    try:
        image = Image.open(io.BytesIO(data), formats=[kind])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own check when it opens the file: over twice its limit (an error), or
        # over it (a warning: an error itself where warnings are errors, as in the tests)
        raise ImageTooLarge(limit, name) from None
    except Exception:  # UnidentifiedImageError, OSError, SyntaxError … of a malformed file
        raise FileTypeRefused(allowed, name) from None
    width, height = image.size
    if width * height > limit:
        raise ImageTooLarge(limit, name)
    try:
        image.load()
        return ImageOps.exif_transpose(image)
    except MemoryError:
        raise
    except Exception:  # truncated data, a malformed EXIF block …
        raise FileTypeRefused(allowed, name) from None


def strip_metadata(data: bytes, content_type: str, allowed: tuple[str, ...],
                   name: str = "") -> bytes:
    """`data`, a photo of `content_type` (image/jpeg, image/png or image/webp, as
    domain.attachments.sniff read it), saved again in the same format without any of
    its metadata, turned upright by its EXIF orientation. An animated WebP keeps its
    first frame. PNG keeps its transparency colour (not personal); nothing else of the
    file's metadata is carried over. Raises FileTypeRefused (422, naming `allowed`) when
    the bytes do not decode, ImageTooLarge (422) over max_pixels(). `name` labels the
    messages ("foto 2")."""
    kind = _FORMATS[content_type]
    image = _open(data, kind, allowed, name, max_pixels())
    transparency = image.info.get("transparency") if kind == "PNG" else None
    image.info = {}  # Pillow's savers take EXIF, XMP, ICC and comments from here
    if kind == "JPEG" and image.mode not in _JPEG_MODES:
        image = image.convert("RGB")
    options = dict(_OPTIONS[kind])
    if transparency is not None:
        options["transparency"] = transparency
    out = io.BytesIO()
    image.save(out, format=kind, **options)
    return out.getvalue()
