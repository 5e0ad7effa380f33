"""e-Surat's disposition routes (/api/v1/surat/letters/{ref}/...): give or pass on,
read receipt, withdraw (only while unread), follow up, file the letter. Each asks
access.may_read, then the workflow (workflow_incoming.yaml) through the use cases."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify

from mobile_api.auth import principal
from queue_server.runtime import current

from . import dispositions, incoming_close
from .api_incoming import STAFF, blp, private, tz
from .api_schemas_in import (
    SuratDisposeBody,
    SuratDispositionsOut,
    SuratFileBody,
    SuratFollowUpBody,
)
from .incoming_register import user_ids
from .letters import locate

ERRORS = ("Errors: 403 `letter_forbidden`, `action_forbidden`, `not_your_disposition`; "
          "404 `case_not_found`, `disposition_not_found`; 409 `action_not_allowed`, "
          "`disposition_already_read`, `disposition_closed`; 422 `self_disposition`, "
          "`due_date_not_working_day` (with `next_working_day`), `invalid_due_date`, "
          "`not_in_office`, as the body says.")


def _listing(ref: str) -> Response:
    with current().uow(write=False) as uow:
        return private(jsonify({"items": incoming_close.listing(uow, principal(), ref)}))


@blp.get("/letters/<ref>/dispositions")
@blp.doc(security=STAFF)
@blp.response(200, SuratDispositionsOut)
def disposition_list(ref: str) -> Response:
    """The letter's dispositions with their read receipts (`read_at`), withdrawals and
    follow-ups, for those who may read it."""
    return _listing(ref)


@blp.post("/letters/<ref>/dispositions")
@blp.doc(security=STAFF, description=ERRORS)
@blp.arguments(SuratDisposeBody())
@blp.response(201, SuratDispositionsOut)
def dispose(body: dict[str, Any], ref: str) -> Response:
    """Dispose the letter to officers of its office (`to`: usernames) with an instruction
    and a due date (`due` a date, or `due_days` working days; neither: the urgency's
    days). Clerk or head; with `parent_id`, the recipient of that disposition passes it
    on."""
    who, rt = principal(), current()
    with rt.uow() as uow:
        _, letter = locate(uow, who, ref)
        giving = dispositions.Giving(
            to=user_ids(uow, letter.office_id, body["to"]), instruction=body["instruction"],
            due=body["due"], due_days=body["due_days"], parent_id=body["parent_id"])
        dispositions.give(uow, rt.clock, who, ref, giving, tz())
        uow.commit()
    response = _listing(ref)
    response.status_code = 201
    return response


def _on_disposition(ref: str, disposition_id: int, what: str, body: dict[str, Any]
                    ) -> Response:
    who, rt = principal(), current()
    with rt.uow() as uow:
        if what == "read":
            dispositions.read(uow, rt.clock, who, ref, disposition_id)
        elif what == "withdraw":
            dispositions.withdraw(uow, rt.clock, who, ref, disposition_id, tz())
        else:
            incoming_close.follow_up(uow, rt.clock, who, ref, disposition_id, body["text"],
                                     body["done"], tz())
        uow.commit()
    return _listing(ref)


@blp.post("/letters/<ref>/dispositions/<int:disposition_id>/read")
@blp.doc(security=STAFF, description=ERRORS)
@blp.response(200, SuratDispositionsOut)
def read(ref: str, disposition_id: int) -> Response:
    """The recipient's read receipt (idempotent; opening the letter's page sets it too)."""
    return _on_disposition(ref, disposition_id, "read", {})


@blp.post("/letters/<ref>/dispositions/<int:disposition_id>/withdraw")
@blp.doc(security=STAFF, description=ERRORS)
@blp.response(200, SuratDispositionsOut)
def withdraw(ref: str, disposition_id: int) -> Response:
    """Withdraw a disposition while unread (its giver or the head): 409
    `disposition_already_read` once read."""
    return _on_disposition(ref, disposition_id, "withdraw", {})


@blp.post("/letters/<ref>/dispositions/<int:disposition_id>/follow-up")
@blp.doc(security=STAFF, description=ERRORS)
@blp.arguments(SuratFollowUpBody())
@blp.response(200, SuratDispositionsOut)
def follow_up(body: dict[str, Any], ref: str, disposition_id: int) -> Response:
    """The recipient records what was done (`done` false: progress only); the last open
    disposition done moves the letter to `followed_up`."""
    return _on_disposition(ref, disposition_id, "follow_up", body)


@blp.post("/letters/<ref>/file")
@blp.doc(security=STAFF, description=ERRORS)
@blp.arguments(SuratFileBody())
@blp.response(200, SuratDispositionsOut)
def file_letter(body: dict[str, Any], ref: str) -> Response:
    """File the letter: once followed up (clerk or head), or at once by the head with a
    reason (`comment`, 422 `comment_required` without)."""
    who, rt = principal(), current()
    with rt.uow() as uow:
        incoming_close.file_letter(uow, rt.clock, who, ref, body["comment"], tz())
        uow.commit()
    return _listing(ref)
