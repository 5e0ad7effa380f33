"""python-escpos's printer profiles, parsed once and kept (imported first by conftest).

python-escpos re-parses its profiles on every import without a lasting folder, so the
tests give it one. With `pytest -n 2` two processes import it at once: the first writes
the pickle while the other would read it half-written, so the import takes turns on a
file lock."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

FOLDER = Path(os.environ.setdefault(
    "ESCPOS_CAPABILITIES_PICKLE_DIR",
    str(Path(__file__).resolve().parents[2] / ".pytest_cache" / "escpos")))
FOLDER.mkdir(parents=True, exist_ok=True)
with open(FOLDER / ".lock", "w") as lock:
    fcntl.flock(lock, fcntl.LOCK_EX)
    import escpos.capabilities  # noqa: F401
