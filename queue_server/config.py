"""Settings from the environment, with defaults for the embedded SQLite shape."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from .domain.dayend import DEFAULT_GRACE


def _secret_key(instance_path: Path) -> str:
    """SECRET_KEY from the environment, or one made once and kept in the instance folder."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = instance_path / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _flag(value: str | None) -> bool | None:
    """An on/off setting from the environment: None when unset."""
    if value is None or value.strip() == "":
        return None
    return value.strip().lower() not in ("0", "false", "no", "off")


def settings(instance_path: str) -> dict[str, Any]:
    folder = Path(instance_path)
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'antrian.db'}",
        "SECRET_KEY": _secret_key(folder),
        "SOCKETIO_MESSAGE_QUEUE": os.environ.get("SOCKETIO_MESSAGE_QUEUE") or None,
        "TOKEN_TTL_HOURS": float(os.environ.get("ANTRIAN_TOKEN_TTL_HOURS", "12")),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "BOOKING_WINDOW_DAYS": int(os.environ.get("ANTRIAN_BOOKING_WINDOW_DAYS", "7")),
        # Many patients share one address behind a carrier's NAT; one patient does not need
        # more than a few bookings an hour.
        "BOOKING_LIMIT_PER_ADDRESS": os.environ.get("ANTRIAN_BOOKING_LIMIT_PER_ADDRESS",
                                                    "120 per minute"),
        "BOOKING_LIMIT_PER_NIK": os.environ.get("ANTRIAN_BOOKING_LIMIT_PER_NIK", "10 per hour"),
        # Active bookings one NIK may hold on one date, across every facility and service
        # (domain/booking_limits.py): 409 `daily_limit` beyond it.
        "BOOKINGS_PER_NIK_PER_DAY": int(os.environ.get("ANTRIAN_BOOKINGS_PER_NIK_PER_DAY", "2")),
        "RATELIMIT_STORAGE_URI": os.environ.get("ANTRIAN_RATELIMIT_STORAGE_URI", "memory://"),
        # Proxies in front of the app (nginx: 1): the client address, for limits and
        # logs, is then taken from their X-Forwarded-For. 0 trusts no such header.
        "PROXIES": int(os.environ.get("ANTRIAN_PROXIES", "0")),
        "PUBLIC_URL": os.environ.get("ANTRIAN_PUBLIC_URL") or None,
        # Who may frame the board page (signage players), e.g. "https://signage.example";
        # every other page refuses frames.
        "FRAME_ANCESTORS": os.environ.get("ANTRIAN_FRAME_ANCESTORS") or None,
        # "Nearly your turn" messages go to this webhook (a WhatsApp/SMS gateway) when
        # a booked patient has NOTIFY_POSITION people or fewer ahead.
        "NOTIFY_WEBHOOK_URL": os.environ.get("ANTRIAN_NOTIFY_WEBHOOK_URL") or None,
        "NOTIFY_POSITION": int(os.environ.get("ANTRIAN_NOTIFY_POSITION", "3")),
        # The end-of-day close: a service's day ends this long after its closing time
        # (the last patients being finished), then its open tickets are closed.
        "DAY_CLOSE_GRACE_MINUTES": float(os.environ.get("ANTRIAN_DAY_CLOSE_GRACE_MINUTES")
                                         or DEFAULT_GRACE.total_seconds() / 60),
        # The background loop that closes ended days: on unless "0" (tests: off unless
        # they turn it on, see create_app).
        "DAY_CLOSE_WORKER": _flag(os.environ.get("ANTRIAN_DAY_CLOSE_WORKER")),
        "WTF_CSRF_CHECK_DEFAULT": False,
        # A console stays open all day: its CSRF token lives as long as the session.
        "WTF_CSRF_TIME_LIMIT": None,
    }
