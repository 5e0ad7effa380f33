"""Marshmallow fields of e-Wadul's forms that read what people type."""

from __future__ import annotations

import re
from typing import Any

from marshmallow import fields

# A decimal number written with a decimal comma, as Indonesian keyboards and habits
# write it (PUEBI: "-7,26"); no thousands separators in a coordinate.
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+")


class Degrees(fields.Float):
    """A coordinate in degrees (WGS84): a number, or a string with a decimal point or a
    decimal comma ("-7,26" is read as -7.26); anything else is "Not a valid number."."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, str) and _DECIMAL_COMMA.fullmatch(value.strip()):
            value = value.strip().replace(",", ".")
        return super()._deserialize(value, attr, data, **kwargs)
