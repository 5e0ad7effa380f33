"""The one error shape of every route, `{"error": {"code", "message", ...}}`, with every
detail an error may carry documented (a test reads the errors' sources for them)."""

from __future__ import annotations

from marshmallow import Schema, fields


class ErrorBody(Schema):
    code = fields.String(required=True)
    message = fields.String(required=True)
    # Before `fields`, which hides marshmallow's module in the rest of this class.
    counter = fields.Dict(metadata={"description": "409 `stale_view`: the counter now "
                                                   "(code, name, paused, ticket)"})
    attempts_left = fields.Integer(metadata={
        "description": "422 `wrong_otp`: wrong codes the booking's hold still takes"})
    rows = fields.List(fields.Dict(), metadata={
        "description": "422 a refused CSV file (e.g. `budgeting_standard_costs_invalid`): "
                       "each refused row, `{row, reason, reason_id}`"})
    left = fields.Integer(metadata={
        "description": "409 `project_line_exceeded`: rupiah the budget line has left; "
                       "422 `musrenbang_ceiling_exceeded`: rupiah left of the RW's ceiling"})
    flags = fields.List(fields.String(), metadata={
        "description": "422 `budgeting_reason_required`: the line's flags"})
    ceiling = fields.Integer(metadata={
        "description": "422 `musrenbang_ceiling_exceeded`: the RW's ceiling (rupiah)"})
    amount = fields.Integer(metadata={
        "description": "422 `musrenbang_ceiling_exceeded`: the proposal's amount (rupiah)"})
    missing = fields.List(fields.String(), metadata={
        "description": "422 `ssw_documents_missing`: the codes of the documents not sent"})
    items = fields.List(fields.String(), metadata={
        "description": "422 `ssw_inspection_item_failed`: the checklist items not in order"})
    allowed = fields.List(fields.String(), metadata={
        "description": "409 `action_not_allowed`: the actions the case's state allows"})
    accepted = fields.List(fields.String(), metadata={
        "description": "422 `file_type_refused`: the file types taken"})
    max_bytes = fields.Integer(metadata={
        "description": "422 `file_too_large`, 413 `request_entity_too_large`: the limit "
                       "in bytes"})
    max_pixels = fields.Integer(metadata={
        "description": "422 `image_too_large`: the most pixels an image may have"})
    limit = fields.Integer(metadata={
        "description": "422 `too_many_files`: the most files taken"})
    redirect = fields.String(metadata={
        "description": "409 `category_redirect`: where to go instead (Indonesian)"})
    redirect_en = fields.String(metadata={
        "description": "409 `category_redirect`: where to go instead (English)"})
    next_working_day = fields.Date(metadata={
        "description": "422 `due_date_not_working_day`: the next working day"})
    ends = fields.Date(metadata={
        "description": "422 `project_beyond_budget_year`: the day the schedule or contract "
                       "ends"})
    last_day = fields.Date(metadata={
        "description": "422 `project_beyond_budget_year`: the budget year's last day "
                       "(31 December)"})
    retry_after = fields.Integer(metadata={
        "description": "409 `resend_too_soon`: seconds to wait (also the Retry-After "
                       "header)"})
    fields = fields.Dict(metadata={"description": "per field messages (422)"})


class ErrorOut(Schema):
    error = fields.Nested(ErrorBody, required=True)
