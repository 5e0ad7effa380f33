"""Admin routes on security: the events an admin must hear of (an account held back
account-wide by failed logins from many addresses, and the like)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from marshmallow import ValidationError, fields, validate

from queue_server.domain.periods import MomentNotUnderstood
from queue_server.runtime import current
from queue_server.services import security_events

from .auth import principal
from .blueprint import Blueprint
from .fields import FieldMessage
from .schemas import Strict

blp = Blueprint("admin_security", __name__, url_prefix="/api/v1/admin",
                description="Admin: security events")


class Moment(fields.String):
    """An ISO 8601 date (`2026-11-23`) or date and time (`2026-11-23T08:00:00+07:00`;
    without an offset, Asia/Jakarta): a date or a datetime."""

    def _deserialize(self, value: Any, attr: str | None, data: Any,
                     **kwargs: Any) -> date | datetime:
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        try:
            return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
        except ValueError:
            raise ValidationError(FieldMessage(MomentNotUnderstood(attr))) from None


class SecurityEventsQuery(Strict):
    since = Moment(data_key="from", load_default=None,
                   metadata={"description": "from this date or time (inclusive)",
                             "example": "2026-11-23"})
    until = Moment(data_key="to", load_default=None,
                   metadata={"description": "up to this time (exclusive), or through this "
                                            "date", "example": "2026-11-30"})
    kind = fields.String(load_default=None, validate=validate.Regexp(r"^[a-z_]{1,40}$"),
                         metadata={"example": "account_throttled"})
    limit = fields.Integer(load_default=100,
                           validate=validate.Range(min=1, max=security_events.MAX_LIMIT))


class SecurityEventOut(Strict):
    at = fields.String(metadata={"example": "2026-11-23T08:15:02+07:00"})
    kind = fields.String(metadata={"example": "account_throttled"})
    subject = fields.String(metadata={"description": "whom it is about (a username)"})
    address = fields.String(metadata={"description": "the client address involved"})
    detail = fields.Dict(metadata={"description": "counts and the like, by kind; for "
                                                  "account_throttled: failures, addresses, "
                                                  "limit, window_minutes"})


class SecurityEventsOut(Strict):
    events = fields.List(fields.Nested(SecurityEventOut))
    limit = fields.Integer()
    checked_at = fields.String()


@blp.get("/security-events")
@blp.arguments(SecurityEventsQuery(), location="query")
@blp.response(200, SecurityEventsOut)
@blp.doc(security=[{"bearer": []}])
def list_security_events(query: dict[str, Any]) -> dict[str, Any]:
    """Security events, newest first (at most `limit`, default 100): e.g.
    `account_throttled`, an account held back for everyone after many failed logins from
    many addresses. Admins only: operators and devices get 403."""
    rt = current()
    return security_events.list_events(rt.uow(write=False), rt.clock, principal(),
                                       query["since"], query["until"], query["kind"],
                                       query["limit"])
