"""Files attached to cases, on disk: kept once by their SHA-256 under the instance folder,
the server user's alone (folders 0700, files 0600: they may show a citizen's face, house
or KTP). Layout: `<instance>/files/cases/<case id>/<sha256>`.

A file is written through a temporary file renamed into place, so a failed write leaves
no partial file; a file whose transaction is then rolled back stays as an unreferenced
copy, harmless (content-addressed) and never served. Implements
services.port_cases.FileStore."""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from .files import PRIVATE_FILE, private_folder


class DiskFileStore:
    """Case files under `folder` (created 0700 when missing)."""

    def __init__(self, folder: Path) -> None:
        private_folder(folder)
        self.folder = folder

    def _path(self, case_id: int, sha256: str) -> Path:
        return self.folder / "cases" / str(int(case_id)) / sha256

    def put(self, case_id: int, sha256: str, data: bytes) -> None:
        """Keep `data` as the file `sha256` of the case (once: the same bytes again are
        not written twice), whole or not at all, mode 0600 from its first byte; its
        folders made 0700 one by one (mkdir's parents would take the umask)."""
        path = self._path(case_id, sha256)
        if path.exists():
            return
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

    def get(self, case_id: int, sha256: str) -> bytes | None:
        """The bytes of the file, or None when they are not on disk."""
        try:
            return self._path(case_id, sha256).read_bytes()
        except FileNotFoundError:
            return None

    def forget(self, case_id: int) -> None:
        """Delete every file of the case from disk."""
        shutil.rmtree(self.folder / "cases" / str(int(case_id)), ignore_errors=True)


def file_store(instance_path: str | Path) -> DiskFileStore:
    """The case files of the server whose instance folder is `instance_path`
    (`<instance>/files`)."""
    return DiskFileStore(Path(instance_path) / "files")
