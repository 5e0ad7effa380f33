"""Files attached to cases: checked (domain.attachments: type from the bytes, size,
emptiness), kept by a FileStore (persistence/case_file_store.py: on disk by SHA-256,
0600) and recorded as `case_files` rows in the caller's transaction. The bytes are kept
after the row is flushed, so a failed write leaves no row."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from ..domain.attachments import FileMissing, check_file
from .port_cases import CaseFileRow, CaseRow, CaseWork, FileStore
from .ports import Clock

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def max_bytes(config: Mapping[str, Any]) -> int:
    """The largest file a case takes, in bytes: app config `CASE_FILE_MAX_BYTES`
    (ANTRIAN_CASE_FILE_MAX_BYTES), default 5 MiB."""
    return int(config.get("CASE_FILE_MAX_BYTES") or DEFAULT_MAX_BYTES)


def attach(uow: CaseWork, clock: Clock, store: FileStore, case: CaseRow, data: bytes, kind: str,
           allowed: tuple[str, ...], max_bytes: int, event_id: int | None = None,
           name: str = "") -> CaseFileRow:
    """Attach `data` to `case` as a file of `kind` (`photo`, `document`, the module's
    word), optionally tied to the timeline line `event_id`: checked by
    domain.attachments.check_file against `allowed` types and `max_bytes` (FileEmpty,
    FileTooLarge, FileTypeRefused, all 422; `name` only labels their message), kept by
    `store` (once per case and content), and its row added (flushed, not committed).
    Returns the row."""
    content_type = check_file(data, allowed, max_bytes, name)
    digest = hashlib.sha256(data).hexdigest()
    row = uow.cases.add_file(case_id=case.id, event_id=event_id, kind=kind,
                             content_type=content_type, size=len(data), sha256=digest,
                             created_at=clock.now())
    store.put(case.id, digest, data)
    return row


def read(store: FileStore, row: CaseFileRow) -> bytes:
    """The bytes of the file `row` (its type is `row.content_type`). Raises FileMissing
    (404) when the store has lost them."""
    data = store.get(row.case_id, row.sha256)
    if data is None:
        raise FileMissing()
    return data
