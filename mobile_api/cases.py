"""Core routes every module's cases share (/api/v1/cases): confirming a new case with
the one-time code sent to the citizen's phone, and asking for a new code when the
message did not come (services/case_checks.py)."""

from __future__ import annotations

from typing import Any

from flask import current_app
from marshmallow import fields, validate

from queue_server.eservices import hooks
from queue_server.runtime import current
from queue_server.services import case_page

from .blueprint import Blueprint
from .schemas import Strict

blp = Blueprint("cases", __name__, url_prefix="/api/v1/cases",
                description="Cases of every e-service module (tracking code, phone check)")


class CaseConfirmIn(Strict):
    otp = fields.String(required=True, validate=validate.Length(min=1, max=20),
                        metadata={"description": "the 6-digit code sent to the phone",
                                  "example": "123456"})


class CaseConfirmOut(Strict):
    code = fields.String()
    confirmed = fields.Boolean()


@blp.post("/<code>/confirm")
@blp.arguments(CaseConfirmIn)
@blp.response(200, CaseConfirmOut)
def confirm(args: dict[str, Any], code: str) -> Any:
    """Confirm a new case with the one-time code its phone received: the case is filed.

    404 `case_not_found` (counted like every code guess); 422 `invalid_otp`,
    `wrong_otp` (with `attempts_left`); 409 `no_code_pending`, `case_code_expired`,
    `too_many_attempts`."""
    rt = current()
    return case_page.confirm(rt.uow(), rt.clock, code, args["otp"])


class CaseResendOut(Strict):
    code = fields.String()
    code_expires = fields.String(metadata={"description": "when the new code expires (ISO "
                                           "8601, the city's offset)"})


@blp.post("/<code>/resend")
@blp.response(200, CaseResendOut)
def resend(code: str) -> Any:
    """Send a new one-time code to the phone of a case still waiting for one (the code
    before stops working): at most 3 codes per case, a minute apart.

    404 `case_not_found`; 409 `no_code_pending`, `case_code_expired`,
    `too_many_attempts`, `resend_too_soon` (with `retry_after` seconds),
    `too_many_codes`."""
    rt = current()
    return case_page.resend(rt.uow(), rt.clock, hooks(current_app, "case_kinds"), code,
                            str(current_app.config.get("CITY_TIMEZONE", "Asia/Jakarta")))
