"""`restore` refuses while a server still serves the database: its changes would be lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.e2e.test_production import ROOT, environment, issue, prepare
from tests.support.app_process import AppProcess


def restore(env: dict[str, str], backup: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "queue_server", "restore", str(backup),
                           "--force"], cwd=ROOT, env=env, capture_output=True, text=True)


def test_restore_is_refused_while_a_server_runs_and_works_once_it_stopped(
        tmp_path: Path) -> None:
    env = environment(f"sqlite:///{tmp_path / 'live.db'}", None)
    prepare(env["DATABASE_URL"], env)
    backup = tmp_path / "backup.db"
    subprocess.run([sys.executable, "-m", "queue_server", "backup", str(backup)], cwd=ROOT,
                   env=env, check=True, capture_output=True)
    app = AppProcess(env, tmp_path / "live.log").start()
    try:
        assert issue(app.url, 1) == ["A-001"]
        refused = restore(env, backup)
        assert refused.returncode == 2
        assert "a server is using" in refused.stderr and "stop it" in refused.stderr
        assert issue(app.url, 1) == ["A-002"]  # the live database was left alone
    finally:
        app.stop()
    done = restore(env, backup)
    assert done.returncode == 0, done.stderr
