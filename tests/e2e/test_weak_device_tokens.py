"""Weak device tokens stop a real server (issue 13 review, point 3): before, a production
configuration with kiosk token `k1` and display token `kiosk-1` passed `load-config`, and
`serve` started without `--demo`. Now `load-config` warns naming them and `serve` refuses,
saying how to fix it; long tokens start it."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.e2e.test_secrets import cli
from tests.support.http import JsonClient
from tests.support.servers import free_port, server_process

FACILITY = "pkm-token-e2e"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A fresh SQLite database; nothing of the demo in the environment."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ANTRIAN_DEMO")}
    return {**clean, "DATABASE_URL": f"sqlite:///{tmp_path / 'antrian.db'}",
            "SECRET_KEY": "tokens-e2e"}


def config(kiosk: str, display: str) -> dict[str, Any]:
    return {
        "facilities": [{
            "code": FACILITY, "name": "Puskesmas Token",
            "services": [{"code": "umum", "name": "Poli Umum", "prefix": "B",
                          "open_on_holidays": True}],
            "counters": [{"code": "poli-umum", "services": ["umum"]}],
            "devices": [{"code": "kiosk-1", "kind": "kiosk", "token": kiosk},
                        {"code": "display-1", "kind": "display", "token": display}]}],
        "users": [{"username": "tok-kepala", "role": "admin",
                   "password": "kopi-tubruk-di-loket-3"}],
    }


def load(env: dict[str, str], tmp_path: Path, data: dict[str, Any]) -> Any:
    path = tmp_path / "real.yaml"
    path.write_text(yaml.safe_dump(data))
    loaded = cli(env, "load-config", str(path))
    assert loaded.returncode == 0, loaded.stderr
    return loaded


def test_short_device_tokens_are_warned_of_and_refuse_the_start(env: dict[str, str],
                                                                tmp_path: Path) -> None:
    loaded = load(env, tmp_path, config("k1", "kiosk-1"))
    for device in ("kiosk-1", "display-1"):
        assert (f"warning: device {FACILITY}/{device} has a demo or weak secret (a weak "
                "token") in loaded.stderr, loaded.stderr
    refused = cli(env, "serve", "--port", str(free_port()))
    assert refused.returncode == 2, refused.stdout + refused.stderr
    for words in (f"device {FACILITY}/kiosk-1", f"device {FACILITY}/display-1",
                  f"perangkat {FACILITY}/kiosk-1", "at least 16 characters", "token_urlsafe",
                  "load-config"):
        assert words in refused.stderr, words
    kiosk = secrets.token_urlsafe(24)
    fixed = load(env, tmp_path, config(kiosk, secrets.token_urlsafe(24)))
    assert "warning" not in fixed.stderr, fixed.stderr
    with server_process(env, log_path=tmp_path / "server.log") as base:
        ticket = JsonClient(base, kiosk).post("/api/v1/kiosk/tickets", {"service": "umum"})
        assert ticket.status == 201, ticket.body
