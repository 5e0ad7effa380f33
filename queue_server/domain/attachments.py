"""Files a citizen or staff attach to a case (a photo of a broken road, a scanned letter):
their type is read from the bytes themselves (magic numbers), never from the name or the
type the client claims, and each is refused when empty, too large or of a type not taken.

Magic numbers: JPEG starts `FF D8 FF` (ISO/IEC 10918-1), PNG with its 8-byte signature
(ISO/IEC 15948, RFC 2083), WebP is a RIFF container whose form type is `WEBP` (RFC 9649),
PDF starts `%PDF-` (ISO 32000-1, 7.5.2).
"""

from __future__ import annotations

from .errors import InvalidInput, NotFound, Words

PHOTO_TYPES: tuple[str, ...] = ("image/jpeg", "image/png", "image/webp")
DOCUMENT_TYPES: tuple[str, ...] = ("application/pdf", *PHOTO_TYPES)

# How each type is named to a person choosing a file.
_SAID = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WebP",
         "application/pdf": "PDF"}
_MB = 1024 * 1024


def sniff(data: bytes) -> str | None:
    """The content type the bytes' magic number says (one of DOCUMENT_TYPES), or None
    when they are none of those (text, an executable, a truncated file)."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def _what(name: str) -> Words:
    name = " ".join(name.split())[:80]  # a client's name: one line, kept short
    return Words(f"Berkas {name}", f"The file {name}") if name else Words("Berkas",
                                                                          "The file")


def megabytes(limit: int) -> str:
    """`limit` bytes in MB (MiB) as a person reads it: 5, 2.5 (at least 0.1)."""
    return f"{max(limit / _MB, 0.1):.1f}".removesuffix(".0")


class FileEmpty(InvalidInput):
    """An attached file holds no bytes (422 `file_empty`)."""

    code = "file_empty"
    text_id = "{what} kosong; pilih berkas lain."
    text_en = "{what} is empty; choose another file."

    def __init__(self, name: str = ""):
        super().__init__(what=_what(name))


class FileTooLarge(InvalidInput):
    """An attached file is over the size limit (422 `file_too_large`, the limit in MB)."""

    code = "file_too_large"
    text_id = "{what} terlalu besar: paling besar {limit} MB per berkas."
    text_en = "{what} is too large: at most {limit} MB per file."

    def __init__(self, limit_bytes: int, name: str = ""):
        super().__init__(what=_what(name), limit=megabytes(limit_bytes))
        self.details = {"max_bytes": limit_bytes}


class FileTypeRefused(InvalidInput):
    """An attached file is of a type not taken here, read from its bytes (422
    `file_type_refused`, naming the types accepted)."""

    code = "file_type_refused"
    text_id = "{what} bukan jenis yang diterima. Jenis yang diterima: {accepted}."
    text_en = "{what} is not of an accepted type. Accepted types: {accepted}."

    def __init__(self, allowed: tuple[str, ...], name: str = ""):
        super().__init__(what=_what(name),
                         accepted=", ".join(_SAID.get(kind, kind) for kind in allowed))
        self.details = {"accepted": list(allowed)}


class ImageTooLarge(InvalidInput):
    """A photo whose width × height is over the pixels a server decodes (422
    `image_too_large`): a small file can unpack to gigabytes (a decompression bomb),
    so its size in pixels is refused before its pixels are read."""

    code = "image_too_large"
    text_id = ("{what} berukuran terlalu besar: paling banyak {limit} juta piksel; "
               "perkecil fotonya lalu kirim lagi.")
    text_en = "{what} is too large: at most {limit} million pixels; resize it and retry."

    def __init__(self, limit_pixels: int, name: str = ""):
        super().__init__(what=_what(name), limit=limit_pixels // 1_000_000)
        self.details = {"max_pixels": limit_pixels}


class TooManyFiles(InvalidInput):
    """More files than a case or an action takes (422 `too_many_files`); callers count."""

    code = "too_many_files"
    text_id = "Terlalu banyak berkas: paling banyak {limit}."
    text_en = "Too many files: at most {limit}."

    def __init__(self, limit: int):
        super().__init__(limit=limit)
        self.details = {"limit": limit}


class FileNotFound(NotFound):
    """No file of that id among the case's files (404 `file_not_found`)."""

    code = "file_not_found"
    text_id = "Berkas lampiran ini tidak ada pada kasus tersebut."
    text_en = "The case has no such attached file."


class FileMissing(NotFound):
    """A case's file row whose bytes are not on disk (a restore without the files
    folder): 404 `file_missing`."""

    code = "file_missing"
    text_id = "Berkas lampiran ini tidak ditemukan di server."
    text_en = "This attached file is not on the server."


def check_file(data: bytes, allowed: tuple[str, ...], max_bytes: int, name: str = "") -> str:
    """The content type of `data` (read by `sniff`) when it may be attached: not empty
    (FileEmpty), at most `max_bytes` bytes (FileTooLarge), a type in `allowed`
    (FileTypeRefused). `name` (the client's file name) only labels the message."""
    if not data:
        raise FileEmpty(name)
    if len(data) > max_bytes:
        raise FileTooLarge(max_bytes, name)
    found = sniff(data)
    if found is None or found not in allowed:
        raise FileTypeRefused(allowed, name)
    return found
