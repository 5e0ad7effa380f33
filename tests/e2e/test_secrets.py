"""A real server does not start with the demo's secrets: `serve` without `--demo` and the
gunicorn entry refuse, saying who and how to fix it; strong secrets (or a hash made by
`hash-password`) start it."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support.app_process import AppProcess
from tests.support.http import JsonClient
from tests.support.servers import free_port, server_process

ROOT = Path(__file__).resolve().parents[2]
STRONG = "kopi-tubruk-di-loket-3"
NAMED = ("user admin", "user petugas", "device pkm-demo/kiosk-1", "device pkm-demo/display-1")


def run(env: dict[str, str], *args: str, stdin: str = "",
        timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=timeout)


def cli(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run(env, "-m", "queue_server", *args, stdin=stdin)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A fresh SQLite database; none of the demo's variables (so its defaults apply)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ANTRIAN_DEMO")}
    return {**clean, "DATABASE_URL": f"sqlite:///{tmp_path / 'antrian.db'}",
            "SECRET_KEY": "secrets-e2e"}


@pytest.fixture
def demo_loaded(env: dict[str, str]) -> dict[str, str]:
    loaded = cli(env, "load-config", "config/demo.yaml")
    assert loaded.returncode == 0, loaded.stderr
    for name in NAMED:  # load-config warns at once
        assert f"warning: {name} has a demo or weak secret" in loaded.stderr
    return env


def test_serve_without_demo_refuses_the_demo_secrets(demo_loaded: dict[str, str]) -> None:
    result = cli(demo_loaded, "serve", "--port", str(free_port()))
    assert result.returncode == 2, result.stdout + result.stderr
    for words in (*NAMED, "Not starting", "hash-password", "load-config", "--demo",
                  "Server tidak dijalankan", "pengguna admin"):
        assert words in result.stderr, words


def test_gunicorn_refuses_them_too_unless_the_demo_is_on_purpose(
        demo_loaded: dict[str, str], tmp_path: Path) -> None:
    gunicorn = ("-m", "gunicorn", "-w", "1", "-k", "gevent", "--bind",
                f"127.0.0.1:{free_port()}", "queue_server.wsgi:app")
    refused = run(demo_loaded, *gunicorn)
    assert refused.returncode != 0
    for words in (*NAMED, "hash-password", "ANTRIAN_DEMO=1"):
        assert words in refused.stderr, words
    # Exit code 4: gunicorn stops at once instead of booting workers again and again.
    assert refused.stderr.count("Not starting") == 1
    on_purpose = AppProcess({**demo_loaded, "ANTRIAN_DEMO": "1"}, tmp_path / "demo.log")
    try:
        on_purpose.start()
        assert JsonClient(on_purpose.url, "demo-kiosk").post(
            "/api/v1/kiosk/tickets", {"service": "pendaftaran"}).status == 201
    finally:
        on_purpose.stop()
    assert "ANTRIAN_DEMO=1: DEMO on purpose" in (tmp_path / "demo.log").read_text()


def test_hash_password_refuses_a_weak_password_unless_told(env: dict[str, str]) -> None:
    weak = cli(env, "hash-password", stdin="puskesmas\n")
    assert weak.returncode == 2 and "weak" in weak.stderr and weak.stdout == ""
    same = cli(env, "hash-password", "--username", "budi.santoso", stdin="Budi.Santoso\n")
    assert same.returncode == 2 and "username" in same.stderr
    assert cli(env, "hash-password", "--allow-weak", stdin="puskesmas\n").returncode == 0
    assert cli(env, "hash-password", stdin="\n").returncode == 2


def test_strong_secrets_and_a_made_hash_start_the_server(env: dict[str, str],
                                                         tmp_path: Path) -> None:
    made = cli(env, "hash-password", "--username", "sec-kepala", stdin=STRONG + "\n")
    assert made.returncode == 0, made.stderr
    kiosk_token = secrets.token_urlsafe(24)
    config = {
        "facilities": [{
            "code": "pkm-sec-e2e", "name": "Puskesmas Rahasia",
            "services": [{"code": "umum", "name": "Poli Umum", "prefix": "B",
                          "open_on_holidays": True}],
            "counters": [{"code": "poli-umum", "services": ["umum"]}],
            "devices": [{"code": "kiosk-1", "kind": "kiosk", "token": kiosk_token}]}],
        "users": [
            {"username": "sec-kepala", "role": "admin", "password_hash": made.stdout.strip()},
            {"username": "sec-petugas", "role": "operator", "facility": "pkm-sec-e2e",
             "password": "teh-manis-hangat-loket-1"}],
    }
    (tmp_path / "real.yaml").write_text(yaml.safe_dump(config))
    loaded = cli(env, "load-config", str(tmp_path / "real.yaml"))
    assert loaded.returncode == 0 and "warning" not in loaded.stderr, loaded.stderr
    with server_process(env, log_path=tmp_path / "server.log") as base:
        for username, password in (("sec-kepala", STRONG),
                                   ("sec-petugas", "teh-manis-hangat-loket-1")):
            reply = JsonClient(base).post("/api/v1/auth/login",
                                          {"username": username, "password": password})
            assert reply.status == 200, reply.body
        ticket = JsonClient(base, kiosk_token).post("/api/v1/kiosk/tickets",
                                                    {"service": "umum"})
        assert ticket.status == 201, ticket.body
