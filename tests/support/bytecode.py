"""Compiled bytecode kept between the processes of a test run, outside the source tree.

With PYTHONDONTWRITEBYTECODE set (as on the CI machine) nothing is cached: every Python
process a test starts (`serve`, gunicorn, `load-config`, `backup`, the fake BPJS: a
hundred or so a run) compiled the ~900 files it imports again, ~1 s of a server's
~4 s start, and every pytest worker rewrote and compiled every test module again. Here
the bytecode goes to one folder of the run's (`PYTHONPYCACHEPREFIX`, `.pytest_cache/
pycache`, mirroring the sources' paths), written once and read by every later process;
the tree itself still gets no `__pycache__`. Nothing changes when bytecode is written as
usual, or when the caller chose a prefix of their own."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _keep_bytecode_outside_the_tree() -> None:
    """This process and the processes it starts cache bytecode under one prefix."""
    if not os.environ.get("PYTHONDONTWRITEBYTECODE") or os.environ.get("PYTHONPYCACHEPREFIX"):
        return
    prefix = ROOT / ".pytest_cache" / "pycache"
    prefix.mkdir(parents=True, exist_ok=True)
    os.environ["PYTHONPYCACHEPREFIX"] = str(prefix)
    del os.environ["PYTHONDONTWRITEBYTECODE"]
    sys.pycache_prefix = str(prefix)  # importlib and pytest's rewriter read it at each import
    sys.dont_write_bytecode = False


_keep_bytecode_outside_the_tree()  # on import: tests/conftest.py imports this first
