"""Files attached to cases: checked (domain.attachments: type from the bytes, size,
emptiness), kept once on disk by their SHA-256 under the instance folder, the server
user's alone (folders 0700, files 0600: they may show a citizen's face, house or KTP),
and recorded as `case_files` rows in the caller's transaction.

Layout: `<instance>/files/cases/<case id>/<sha256>`. The bytes are written after the row
is flushed, through a temporary file renamed into place, so a failed write leaves no
row and no partial file; a file whose transaction is then rolled back stays as an
unreferenced copy, harmless (content-addressed) and never served.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..domain.attachments import FileMissing, check_file
from ..persistence.files import PRIVATE_FILE, private_folder
from .port_cases import CaseFileRow, CaseRow, CaseWork
from .ports import Clock

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def max_bytes(config: Mapping[str, Any]) -> int:
    """The largest file a case takes, in bytes: app config `CASE_FILE_MAX_BYTES`
    (ANTRIAN_CASE_FILE_MAX_BYTES), default 5 MiB."""
    return int(config.get("CASE_FILE_MAX_BYTES") or DEFAULT_MAX_BYTES)


def files_folder(instance_path: str) -> Path:
    """`<instance_path>/files`, created 0700 (with the instance folder) if missing."""
    folder = Path(instance_path) / "files"
    private_folder(folder)
    return folder


def _path(folder: Path, case_id: int, sha256: str) -> Path:
    return folder / "cases" / str(int(case_id)) / sha256


def _write_private(path: Path, data: bytes) -> None:
    """Write `data` at `path` whole or not at all, mode 0600 from its first byte; its
    folders (`cases`, the case's) made 0700 one by one (mkdir's parents take the umask)."""
    private_folder(path.parent.parent)
    private_folder(path.parent)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def attach(uow: CaseWork, clock: Clock, folder: Path, case: CaseRow, data: bytes, kind: str,
           allowed: tuple[str, ...], max_bytes: int, event_id: int | None = None,
           name: str = "") -> CaseFileRow:
    """Attach `data` to `case` as a file of `kind` (`photo`, `document`, the module's
    word), optionally tied to the timeline line `event_id`: checked by
    domain.attachments.check_file against `allowed` types and `max_bytes` (FileEmpty,
    FileTooLarge, FileTypeRefused, all 422; `name` only labels their message), written
    once under `folder` (see the module docstring), and its row added (flushed, not
    committed). Returns the row."""
    content_type = check_file(data, allowed, max_bytes, name)
    digest = hashlib.sha256(data).hexdigest()
    row = uow.cases.add_file(case_id=case.id, event_id=event_id, kind=kind,
                             content_type=content_type, size=len(data), sha256=digest,
                             created_at=clock.now())
    path = _path(folder, case.id, digest)
    if not path.exists():  # the same bytes on the same case are kept once
        _write_private(path, data)
    return row


def read(folder: Path, row: CaseFileRow) -> bytes:
    """The bytes of the file `row` (its type is `row.content_type`). Raises FileMissing
    (404) when they are not on disk."""
    try:
        return _path(folder, row.case_id, row.sha256).read_bytes()
    except FileNotFoundError:
        raise FileMissing() from None


def forget(folder: Path, case_id: int) -> None:
    """Delete every file of the case `case_id` from disk (its rows are the caller's):
    for a case dropped before it was ever filed."""
    shutil.rmtree(folder / "cases" / str(int(case_id)), ignore_errors=True)
