"""Security events: what an admin must hear of (an account held back account-wide by
failed logins from many addresses, and the like), recorded and listed."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..domain import throttle
from ..domain.periods import MomentOutOfRange, check_period
from ..domain.zones import DEFAULT_TIMEZONE
from .port_records import SecurityEventRow
from .ports import Clock, JsonObject, UnitOfWork
from .views import iso

if TYPE_CHECKING:
    from .auth import Principal

log = logging.getLogger(__name__)

ACCOUNT_THROTTLED = "account_throttled"
MAX_LIMIT = 500
Moment = datetime | date | None


def record_account_throttled(uow: UnitOfWork, now: datetime, username: str, address: str,
                             failures: int) -> bool:
    """Note that `username` is now held back account-wide (`failures` failed logins within
    the throttle's window, the last from `address`): a security event and a warning log
    line, once per window while it lasts. Returns whether an event was written; the
    caller commits."""
    since = now - throttle.WINDOW
    if uow.security.recorded_since(ACCOUNT_THROTTLED, username, since):
        return False
    detail: dict[str, object] = {
        "failures": failures, "addresses": uow.security.failure_addresses(username, since),
        "limit": throttle.FREE_FAILURES_PER_ACCOUNT,
        "window_minutes": int(throttle.WINDOW.total_seconds() // 60)}
    uow.security.record(ACCOUNT_THROTTLED, username, address, now, detail)
    log.warning("account %r held back after %d failed logins from %d addresses in %d "
                "minutes (the last from %s): its owner must wait too", username, failures,
                detail["addresses"], detail["window_minutes"], address)
    return True


def _bound(moment: Moment, tz: ZoneInfo, end: bool) -> datetime | None:
    """A query bound in UTC: a date is its midnight in `tz` (for the end, the next
    midnight, so the day is included); a time without offset is in `tz`. Raises
    MomentOutOfRange (422 `invalid_time`) for a moment at the calendar's edge (year 1 or
    9999)."""
    if moment is None:
        return None
    try:
        if not isinstance(moment, datetime):
            moment = datetime.combine(moment + timedelta(days=1 if end else 0), time(), tz)
        elif moment.tzinfo is None:
            moment = moment.replace(tzinfo=tz)
        return moment.astimezone(UTC)
    except OverflowError:
        raise MomentOutOfRange() from None


def event_view(event: SecurityEventRow, tz: str) -> JsonObject:
    """One event as the API shows it: at (ISO with offset), kind, subject, address,
    detail."""
    return {"at": iso(event.at, tz), "kind": event.kind, "subject": event.subject,
            "address": event.address, "detail": event.detail or {}}


def list_events(uow: UnitOfWork, clock: Clock, principal: Principal, since: Moment = None,
                until: Moment = None, kind: str | None = None,
                limit: int = 100) -> JsonObject:
    """Security events from `since` up to `until` (a date covers its whole day; a time
    without offset is in the deployment's zone, Asia/Jakarta), of one `kind` when given,
    newest first, at most `limit` (1–500).

    Returns `{"events": [...], "limit": n, "checked_at": ISO}`. Raises Forbidden unless
    the caller is an admin (operators and devices), InvalidInput `invalid_range` when
    `since` is after `until`."""
    principal.require_admin()
    tz = ZoneInfo(DEFAULT_TIMEZONE)
    start, end = _bound(since, tz, end=False), _bound(until, tz, end=True)
    check_period(start, end)
    limit = max(1, min(limit, MAX_LIMIT))
    with uow:
        rows = uow.security.events(start, end, kind, limit)
        return {"events": [event_view(e, DEFAULT_TIMEZONE) for e in rows], "limit": limit,
                "checked_at": iso(clock.now(), DEFAULT_TIMEZONE)}
