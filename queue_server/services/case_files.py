"""Files attached to cases: checked (domain.attachments: type from the bytes, size,
emptiness), photos decoded and saved again without their metadata (services/photos.py:
no EXIF, GPS, XMP, ICC, text chunks), kept by a FileStore (persistence/
case_file_store.py: on disk by SHA-256 of the bytes kept, 0600) and recorded as
`case_files` rows in the caller's transaction. The bytes are kept after the row is
flushed, so a failed write leaves no row; several files are all checked before the first
is kept (attach_all), so a refused third photo leaves none of the others on disk."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from ..domain.attachments import FileMissing, check_file
from . import photos
from .port_cases import CaseFileRow, CaseRow, CaseWork, FileStore
from .ports import Clock

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def max_bytes(config: Mapping[str, Any]) -> int:
    """The largest file a case takes, in bytes: app config `CASE_FILE_MAX_BYTES`
    (ANTRIAN_CASE_FILE_MAX_BYTES), default 5 MiB."""
    return int(config.get("CASE_FILE_MAX_BYTES") or DEFAULT_MAX_BYTES)


def prepare(data: bytes, allowed: tuple[str, ...], max_bytes: int,
            name: str = "") -> tuple[str, bytes]:
    """The content type of `data` and the bytes to keep: checked by
    domain.attachments.check_file against `allowed` types and `max_bytes` (FileEmpty,
    FileTooLarge, FileTypeRefused, all 422; `name` only labels their message), a photo
    saved again without its metadata by photos.strip_metadata (FileTypeRefused when it
    does not decode, ImageTooLarge 422 over its pixel limit); other types as they came."""
    content_type = check_file(data, allowed, max_bytes, name)
    if photos.is_photo(content_type):
        data = photos.strip_metadata(data, content_type, allowed, name)
    return content_type, data


def _keep(uow: CaseWork, clock: Clock, store: FileStore, case: CaseRow, content_type: str,
          data: bytes, kind: str, event_id: int | None) -> CaseFileRow:
    digest = hashlib.sha256(data).hexdigest()
    row = uow.cases.add_file(case_id=case.id, event_id=event_id, kind=kind,
                             content_type=content_type, size=len(data), sha256=digest,
                             created_at=clock.now())
    store.put(case.id, digest, data)
    return row


def attach(uow: CaseWork, clock: Clock, store: FileStore, case: CaseRow, data: bytes, kind: str,
           allowed: tuple[str, ...], max_bytes: int, event_id: int | None = None,
           name: str = "") -> CaseFileRow:
    """Attach `data` to `case` as a file of `kind` (`photo`, `document`, the module's
    word), optionally tied to the timeline line `event_id`: checked and, a photo,
    stripped of its metadata by `prepare` (its errors, all 422), kept by `store` (once
    per case and content), and its row added (flushed, not committed) with the size and
    SHA-256 of the bytes kept. Returns the row."""
    content_type, kept = prepare(data, allowed, max_bytes, name)
    return _keep(uow, clock, store, case, content_type, kept, kind, event_id)


def attach_all(uow: CaseWork, clock: Clock, store: FileStore, case: CaseRow,
               files: Sequence[bytes], kind: str, allowed: tuple[str, ...], max_bytes: int,
               label: str = "", event_id: int | None = None) -> list[CaseFileRow]:
    """Attach several files as `attach` does, every one prepared before the first is
    kept (a refused one leaves none on disk, and the caller's rollback no row). `label`
    names them in messages by their place: `foto` → "foto 2"."""
    ready = [prepare(data, allowed, max_bytes, f"{label} {number}".strip())
             for number, data in enumerate(files, 1)]
    return [_keep(uow, clock, store, case, content_type, data, kind, event_id)
            for content_type, data in ready]


def read(store: FileStore, row: CaseFileRow) -> bytes:
    """The bytes of the file `row` (its type is `row.content_type`). Raises FileMissing
    (404) when the store has lost them."""
    data = store.get(row.case_id, row.sha256)
    if data is None:
        raise FileMissing()
    return data
