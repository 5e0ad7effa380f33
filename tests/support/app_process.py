"""A production-shaped server process (gunicorn, one gevent worker) that a test starts,
kills and starts again; several start side by side with `AppProcess.start_all`."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.support.servers import free_port, wait_until


class AppProcess:
    """One production-shaped server process: gunicorn, one gevent worker."""

    def __init__(self, env: dict[str, str], log_path: Path, port: int | None = None,
                 connections: int = 4000):
        self.env, self.log_path, self.connections = env, log_path, connections
        self.port = port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> AppProcess:
        """Start the process and return once it answers /healthz."""
        return self.launch().wait_healthy()

    def launch(self) -> AppProcess:
        """Start the process without waiting for it (see `start_all`)."""
        import sys

        root = Path(__file__).resolve().parents[2]
        with open(self.log_path, "ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-w", "1", "-k", "gevent",
                 "--worker-connections", str(self.connections),
                 "--bind", f"127.0.0.1:{self.port}", "--graceful-timeout", "5",
                 "queue_server.wsgi:app"],
                cwd=root, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        return self

    def wait_healthy(self) -> AppProcess:
        """Wait (up to 60 s) until the launched process answers /healthz."""
        import urllib.request

        def healthy() -> bool:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"server exited:\n{self.log_path.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as reply:
                    return reply.status == 200
            except OSError:
                return False

        wait_until(healthy, timeout=60, what=f"{self.url}/healthz")
        return self

    @staticmethod
    def start_all(apps: list[AppProcess]) -> list[AppProcess]:
        """Start several processes side by side (each spends ~2.5 s importing and building
        its app before it answers) and return them once all answer /healthz. Only for
        processes that do not migrate or load data as they start (gunicorn's do not)."""
        for app in apps:
            app.launch()
        try:
            return [app.wait_healthy() for app in apps]
        except BaseException:
            for app in apps:
                app.stop()
            raise

    def kill(self, sig: int = 9) -> None:
        if self.proc is not None:
            # gunicorn's worker is a child: a kill -9 of the master alone would leave it.
            subprocess.run(["pkill", f"-{sig}", "-P", str(self.proc.pid)], check=False)
            self.proc.send_signal(sig)
            self.proc.wait(timeout=20)
            self.proc = None

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
            self.proc = None
