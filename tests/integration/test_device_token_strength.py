"""Device tokens are judged when loaded (issue 13 review, point 3): `devices.weak_token`
is set for a clear token that is short, well-known or the demo's, and the start-up check
refuses an active device so flagged. Before, a kiosk token `k1` and a display token
`kiosk-1` passed `load-config` and `serve` started without `--demo`."""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from sqlalchemy import Engine, text

from queue_server.domain.errors import WeakSecretsInUse
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.auth import hash_token
from queue_server.services.secret_check import (
    DEVICE,
    WeakSecret,
    find_weak_secrets,
    refuse_weak_secrets,
)
from tests.support import factories

# Facilities outlive a test in the session's databases: a code of its own.
CODE = "pkm-token-lemah"


def site(kiosk: str, display: str, active: bool = True) -> dict[str, Any]:
    return {"facilities": [{
        "code": CODE, "name": "Puskesmas Token",
        "services": [{"code": "umum", "name": "Poli Umum", "prefix": "W"}],
        "counters": [{"code": "ruang-1", "services": ["umum"]}],
        "devices": [{"code": "kiosk-1", "kind": "kiosk", "token": kiosk, "active": active},
                    {"code": "tv-1", "kind": "display", "token": display,
                     "active": active}]}]}


def flags(engine: Engine) -> dict[str, bool]:
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT d.code, d.weak_token FROM devices d JOIN facilities f "
            "ON f.id = d.facility_id WHERE f.code = :c"), {"c": CODE}).all()
    return {code: bool(weak) for code, weak in rows}


def ours(engine: Engine) -> set[WeakSecret]:
    return {w for w in find_weak_secrets(SqlUnitOfWork(engine))
            if w.name.startswith(CODE + "/")}


@pytest.fixture
def strong_again(engine: Engine) -> Any:
    """Leave the facility's devices strong for the rest of the session's tests."""
    yield
    factories.load(engine, site(secrets.token_urlsafe(24),
                                            secrets.token_urlsafe(24)))


def test_short_tokens_are_flagged_and_refuse_the_start(engine: Engine,
                                                       strong_again: None) -> None:
    factories.load(engine, site("k1", "kiosk-1"))
    assert flags(engine) == {"kiosk-1": True, "tv-1": True}
    assert ours(engine) == {WeakSecret(DEVICE, f"{CODE}/kiosk-1", "weak_token"),
                            WeakSecret(DEVICE, f"{CODE}/tv-1", "weak_token")}
    with pytest.raises(WeakSecretsInUse) as refused:
        refuse_weak_secrets(SqlUnitOfWork(engine))
    for words in (f"device {CODE}/kiosk-1", f"device {CODE}/tv-1", "at least 16 characters",
                  "a weak token"):
        assert words in refused.value.message_en, words
    assert f"perangkat {CODE}/kiosk-1" in refused.value.message


def test_a_strong_token_clears_the_flag(engine: Engine, strong_again: None) -> None:
    factories.load(engine, site("k1", "kiosk-1"))
    factories.load(engine, site(secrets.token_urlsafe(24),
                                            "tv-ruang-tunggu-lantai-2"))
    assert flags(engine) == {"kiosk-1": False, "tv-1": False}
    assert ours(engine) == set()


def test_an_inactive_device_with_a_weak_token_does_not_stop_the_start(
        engine: Engine, strong_again: None) -> None:
    factories.load(engine, site("k1", "kiosk-1", active=False))
    assert flags(engine) == {"kiosk-1": True, "tv-1": True}
    assert ours(engine) == set()


def test_a_demo_token_is_named_once_with_its_own_reason(engine: Engine) -> None:
    with engine.begin() as conn:  # flagged when loaded, and found by its hash too
        conn.execute(text("UPDATE devices SET weak_token = :t WHERE token_hash = :h"),
                     {"t": True, "h": hash_token("demo-kiosk")})
    found = [w for w in find_weak_secrets(SqlUnitOfWork(engine))
             if w.name == "pkm-demo/kiosk-1"]
    assert found == [WeakSecret(DEVICE, "pkm-demo/kiosk-1", "demo_token")]
