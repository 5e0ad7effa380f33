"""Files only the kiosk agent's own user may read: folders 0700, files 0600, whatever the
umask (a spool file holds a ticket's code, and a code opens the patient's visit)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def private_folder(folder: Path) -> Path:
    """Make `folder` (and missing parents) and set it to 0700, even if it already existed
    with wider rights. Returns `folder`. Raises OSError if it cannot be made or changed."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(FOLDER_MODE)
    return folder


@contextlib.contextmanager
def private_writer(path: Path) -> Iterator[BinaryIO]:
    """Write `path` whole or not at all: a 0600 temporary file beside it, moved over it
    when the block ends without an error (even a power cut leaves the old file or the new
    one, never half of one)."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)  # the umask may have taken bits away, or an old file kept more
        with os.fdopen(fd, "wb") as out:
            fd = -1
            yield out
        os.replace(tmp, path)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        tmp.unlink(missing_ok=True)
        raise


def write_private(path: Path, data: bytes) -> None:
    """`data` into `path` (0600), whole or not at all."""
    with private_writer(path) as out:
        out.write(data)


def tighten(folder: Path) -> None:
    """Set the folder to 0700 and every file in it to 0600 (files an older agent left)."""
    folder.chmod(FOLDER_MODE)
    for path in folder.iterdir():
        with contextlib.suppress(FileNotFoundError):
            if path.is_file() and not path.is_symlink():
                path.chmod(FILE_MODE)
