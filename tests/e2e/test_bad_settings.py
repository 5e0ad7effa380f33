"""A setting the server cannot use stops its start with one sentence naming it (the
command line's exit 2), not a traceback, and not a default put in its place."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("name", "raw"), [
    ("ANTRIAN_BPJS_RETRY_FIRST_SECONDS", "0"), ("ANTRIAN_BOOKING_LIMIT_PER_ADDRESS", "lots"),
    ("ANTRIAN_MODULES", "wadul,nosuch"), ("ANTRIAN_CITY_TIMEZONE", "Mars/Olympus")])
def test_the_command_line_says_which_setting_in_one_line(
        tmp_path: Path, name: str, raw: str) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}",
           "SECRET_KEY": "x", name: raw}
    done = subprocess.run([sys.executable, "-m", "queue_server", "serve", "--port", "1"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr[-2000:]
    assert f"{name}={raw!r} cannot be used" in done.stderr
    assert "Traceback" not in done.stderr
