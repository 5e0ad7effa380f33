"""Settings from the environment, with defaults for the embedded SQLite shape."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from .domain.dayend import DEFAULT_GRACE
from .persistence.files import private_file, private_folder, restrict_existing
from .settings_read import number, optional, rate, whole, zone


def _secret_key(instance_path: Path) -> str:
    """SECRET_KEY from the environment, or one made once and kept in the instance folder."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = instance_path / "secret_key"
    if not path.exists() or not path.read_text().strip():
        private_file(path)  # 0600 before the key is in it
        path.write_text(secrets.token_hex(32))
    restrict_existing(path)
    return path.read_text().strip()


def _flag(value: str | None) -> bool | None:
    """An on/off setting from the environment: None when unset."""
    if value is None or value.strip() == "":
        return None
    return value.strip().lower() not in ("0", "false", "no", "off")


def settings(instance_path: str) -> dict[str, Any]:
    """Every setting the environment can give (`ANTRIAN_…` variables, DATABASE_URL,
    SECRET_KEY's file in the instance folder), with the defaults of the embedded server.
    Raises settings_read.BadSetting for a number a setting cannot take (by its name)."""
    folder = Path(instance_path)
    private_folder(folder, take_over=True)  # 0700: the database and the key live here
    return {
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'antrian.db'}",
        "SECRET_KEY": _secret_key(folder),
        "SOCKETIO_MESSAGE_QUEUE": os.environ.get("SOCKETIO_MESSAGE_QUEUE") or None,
        "TOKEN_TTL_HOURS": number("ANTRIAN_TOKEN_TTL_HOURS", 12, above=True),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_CHECK_DEFAULT": False,
        # A console stays open all day: its CSRF token lives as long as the session.
        "WTF_CSRF_TIME_LIMIT": None,
        **_limits(), **_bookings(), **_workers(), **_eservices(),
    }


def _eservices() -> dict[str, Any]:
    """The e-service modules switched on, and what they share (issue 16)."""
    return {
        # Comma-separated module names (queue_server/eservices/<name>/), "all" (the
        # default: every module present) or "none".
        "MODULES": os.environ.get("ANTRIAN_MODULES", "all"),
        # The city's time zone: the date a case's working days are counted from.
        "CITY_TIMEZONE": zone("ANTRIAN_CITY_TIMEZONE", "Asia/Jakarta"),
        # How often (seconds) a process looks for overdue cases to flag, escalate or
        # close (services/case_sweep.py). Unset: 60 (tests: off unless set); 0: off.
        "CASE_SWEEP_SECONDS": optional("ANTRIAN_CASE_SWEEP_SECONDS"),
        # Files attached to cases (photos, scans): at most this many bytes each.
        "CASE_FILE_MAX_BYTES": whole("ANTRIAN_CASE_FILE_MAX_BYTES", 5 * 1024 * 1024, least=1),
    }


def _limits() -> dict[str, Any]:
    """Rate limits, proxies and the addresses the app names or lets frame it."""
    return {
        # Many patients share one address behind a carrier's NAT; one patient does not need
        # more than a few bookings an hour.
        "BOOKING_LIMIT_PER_ADDRESS": rate("ANTRIAN_BOOKING_LIMIT_PER_ADDRESS",
                                          "120 per minute"),
        "BOOKING_LIMIT_PER_NIK": rate("ANTRIAN_BOOKING_LIMIT_PER_NIK", "10 per hour"),
        # With a messaging gateway: booking codes one phone may be sent (a mother books for
        # herself and two children, and may retry), however many NIKs or addresses ask.
        "BOOKING_LIMIT_PER_PHONE": rate("ANTRIAN_BOOKING_LIMIT_PER_PHONE",
                                        "5 per 10 minutes;20 per day"),
        "RATELIMIT_STORAGE_URI": os.environ.get("ANTRIAN_RATELIMIT_STORAGE_URI", "memory://"),
        # Unknown visit/booking codes a caller may try (edge/code_guard.py): an
        # address beyond it gets 429 on every code route until the window ends; a kiosk
        # or staff member, signed in, is counted by its own token under the higher limit.
        "CODE_MISS_LIMIT": rate("ANTRIAN_CODE_MISS_LIMIT", "20/minute;200/hour"),
        "CODE_MISS_LIMIT_SIGNED_IN": rate("ANTRIAN_CODE_MISS_LIMIT_SIGNED_IN",
                                          "60/minute;1000/hour"),
        # Unknown bearer or session tokens one address may present (edge/
        # token_guard.py): beyond it every request with a bearer token is refused until
        # the window ends. Expired or revoked logins do not count.
        "TOKEN_MISS_LIMIT": rate("ANTRIAN_TOKEN_MISS_LIMIT", "20/minute;200/hour"),
        # Proxies in front of the app (nginx: 1): the client address, for limits and
        # logs, is then taken from their X-Forwarded-For. 0 trusts no such header.
        "PROXIES": whole("ANTRIAN_PROXIES", 0),
        "PUBLIC_URL": os.environ.get("ANTRIAN_PUBLIC_URL") or None,
        # Who may frame the board page (signage players), e.g. "https://signage.example";
        # every other page refuses frames.
        "FRAME_ANCESTORS": os.environ.get("ANTRIAN_FRAME_ANCESTORS") or None,
    }


def _bookings() -> dict[str, Any]:
    """The booking window, per-NIK limits, and the messaging gateway with its phone check."""
    return {
        "BOOKING_WINDOW_DAYS": whole("ANTRIAN_BOOKING_WINDOW_DAYS", 7),
        # Active bookings one NIK may hold on one date, across every facility and service
        # (domain/booking_limits.py): 409 `daily_limit` beyond it.
        "BOOKINGS_PER_NIK_PER_DAY": whole("ANTRIAN_BOOKINGS_PER_NIK_PER_DAY", 2, least=1),
        # On PostgreSQL, phone bookings arriving together are decided together, at most
        # this many in one transaction (services/booking_groups.py); 1: each alone.
        "BOOKING_GROUP_MOST": whole("ANTRIAN_BOOKING_GROUP_MOST", 32, least=1),
        # "Nearly your turn" messages go to this webhook (a WhatsApp/SMS gateway) when
        # a booked patient has NOTIFY_POSITION people or fewer ahead.
        "NOTIFY_WEBHOOK_URL": os.environ.get("ANTRIAN_NOTIFY_WEBHOOK_URL") or None,
        "NOTIFY_POSITION": whole("ANTRIAN_NOTIFY_POSITION", 3),
        # With that webhook, a phone booking is held (202) until the 6-digit code sent to
        # its phone comes back (POST /api/v1/bookings/{code}/confirm): nobody can book
        # under another's NIK from an unknown phone, nor learn whether that NIK has a
        # booking. "0" turns this off (bookings answer 201 at once, as without a gateway).
        "BOOKING_PHONE_CHECK": _flag(os.environ.get("ANTRIAN_BOOKING_PHONE_CHECK")),
        # How long a held place waits for its code before it is freed.
        "BOOKING_HOLD_MINUTES": number("ANTRIAN_BOOKING_HOLD_MINUTES", 10, above=True),
    }


def _workers() -> dict[str, Any]:
    """The background loops of every server process: end-of-day close, credential sweep."""
    return {
        # The end-of-day close: a service's day ends this long after its closing time
        # (the last patients being finished), then its open tickets are closed.
        "DAY_CLOSE_GRACE_MINUTES": number("ANTRIAN_DAY_CLOSE_GRACE_MINUTES",
                                          DEFAULT_GRACE.total_seconds() / 60),
        # The background loop that closes ended days: on unless "0" (tests: off unless
        # they turn it on, see create_app).
        "DAY_CLOSE_WORKER": _flag(os.environ.get("ANTRIAN_DAY_CLOSE_WORKER")),
        # How often (seconds) each process checks the logins and device tokens its live
        # sockets were opened with, and cuts those that lapsed (expired, user or device
        # deactivated by load-config). Unset: 5 (tests: off unless set); 0: off.
        "CREDENTIAL_SWEEP_SECONDS": optional("ANTRIAN_CREDENTIAL_SWEEP_SECONDS"),
    }
