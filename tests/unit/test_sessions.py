"""When a credential still holds (domain/sessions.py): one rule for REST, sockets, sweep."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from queue_server.domain.sessions import device_holds, token_holds

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def token(revoked: bool = False, expires_in: float = 60, active: bool = True) -> SimpleNamespace:
    return SimpleNamespace(revoked=revoked, expires_at=NOW + timedelta(seconds=expires_in),
                           user=SimpleNamespace(active=active))


def test_a_login_holds_until_revoked_expired_or_its_user_deactivated() -> None:
    assert token_holds(token(), NOW)
    assert not token_holds(token(revoked=True), NOW)
    assert not token_holds(token(expires_in=0), NOW)  # expiry is exclusive
    assert not token_holds(token(active=False), NOW)
    assert not token_holds(None, NOW)


def test_a_device_token_holds_while_the_device_is_active_with_that_token() -> None:
    device = SimpleNamespace(active=True, token_hash="abc")
    assert device_holds(device, "abc")
    assert not device_holds(device, "other")  # given a new token
    assert not device_holds(SimpleNamespace(active=False, token_hash="abc"), "abc")
    assert not device_holds(None, "abc")
