"""Schemas of the report routes, and the CSV form of a report's rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from marshmallow import ValidationError, fields, validate

from queue_server.domain.errors import InvalidInput
from queue_server.domain.report_range import read_day

from .fields import FacilityCode, FieldMessage, ServiceCode
from .schemas import Strict

# A cell a spreadsheet would read as a formula is kept as text (OWASP: CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ReportDay(fields.Date):
    """A report's `from` / `to`, YYYY-MM-DD; anything else is 422 `invalid_date` with the
    domain's message in both languages (domain.report_range.read_day)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        try:
            return read_day(self.data_key or attr or "", str(value).strip())
        except InvalidInput as exc:
            raise ValidationError(FieldMessage(exc)) from None


class ReportQueryIn(Strict):
    facility = FacilityCode(load_default=None, validate=validate.Length(min=1, max=40),
                            metadata={"description": "a facility code; left out: every "
                                                     "facility (admin, city) or your own",
                                      "example": "pkm-demo"})
    since = ReportDay(data_key="from", load_default=None,
                        metadata={"description": "first local day (inclusive; default: "
                                                 "today)", "example": "2026-11-23"})
    until = ReportDay(data_key="to", load_default=None,
                        metadata={"description": "last local day (inclusive; default: "
                                                 "`from` or today); at most 366 days",
                                  "example": "2026-11-23"})
    service = ServiceCode(load_default=None, validate=validate.Length(min=1, max=40),
                          metadata={"description": "only this service", "example": "umum"})
    format = fields.String(load_default=None, validate=validate.OneOf(["json", "csv"]),
                           metadata={"description": "csv: the rows as CSV (also with "
                                                    "`Accept: text/csv`)"})


class ReportOut(Strict):
    table = fields.String(metadata={"example": "summary"})
    facility = fields.String(allow_none=True, metadata={"example": "pkm-demo"})
    service = fields.String(allow_none=True)
    since = fields.String(data_key="from", attribute="from", metadata={"example": "2026-11-23"})
    until = fields.String(data_key="to", attribute="to", metadata={"example": "2026-11-23"})
    rows = fields.List(fields.Dict(), metadata={"description": "one flat object per row; "
                                                               "minutes with one decimal, "
                                                               "null where nothing was "
                                                               "measured"})


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def as_csv(rows: Sequence[dict[str, Any]]) -> str:
    """The rows as CSV: a header of the first row's keys, then one line per row (empty
    for no rows); None is an empty cell."""
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(list(rows[0]))
    for row in rows:
        writer.writerow([_cell(v) for v in row.values()])
    return out.getvalue()
