"""The planning agency's API beside api_staff.py, on the same blueprint: re-dating a
cycle's phases (`PATCH /api/v1/musrenbang/cycles/{year}`)."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify
from marshmallow import Schema, fields, validate

from mobile_api.auth import principal
from queue_server.runtime import current

from .agency import change_phases
from .api import STAFF, blp, cycle_out
from .api_schemas import MusrenbangCycleOut, MusrenbangPhasesBody


class MusrenbangCycleDatesBody(Schema):
    phases = fields.Nested(MusrenbangPhasesBody, required=True)
    rw_ceiling = fields.Integer(load_default=None, validate=validate.Range(0, 10**13),
                                metadata={"description": "whole rupiah; omitted: unchanged"})


@blp.patch("/cycles/<int:year>")
@blp.doc(security=STAFF)
@blp.arguments(MusrenbangCycleDatesBody())
@blp.response(200, MusrenbangCycleOut)
def change_cycle(body: dict[str, Any], year: int) -> Response:
    """The planning agency (bappedalitbang) or the admin re-dates the cycle's five phases
    (ISO dates, each ending on or after it starts, each after the one before) and may
    change its default RW ceiling. `musrenbang_forbidden` 403, `musrenbang_cycle_not_found`
    404, `musrenbang_cycle_invalid` 422."""
    phases = {code: {k: v.isoformat() for k, v in span.items()}
              for code, span in body["phases"].items()}
    change_phases(current().uow(), principal(), year, phases, body["rw_ceiling"])
    return jsonify(cycle_out(year))
