"""Every extra member a named error carries into its JSON answer (`self.details = {...}`,
spread into the body by mobile_api/errors.py) is documented on the OpenAPI `ErrorBody`
(mobile_api/schemas.py) with what it means: found by reading the source, so a new one
without its documentation fails here."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from mobile_api.schemas import ErrorBody

ROOT = Path(__file__).resolve().parents[2]


def _detail_keys() -> dict[str, str]:
    """Each key of a `<x>.details = {...}` dict literal under queue_server/ and
    mobile_api/ → the file that sets it."""
    found: dict[str, str] = {}
    for folder in ("queue_server", "mobile_api"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict)):
                    continue
                if any(isinstance(t, ast.Attribute) and t.attr == "details"
                       for t in node.targets):
                    for key in node.value.keys:
                        assert isinstance(key, ast.Constant), f"{path}: a computed key"
                        found.setdefault(str(key.value), str(path.relative_to(ROOT)))
    return found


def test_every_detail_an_error_carries_is_documented_on_error_body() -> None:
    keys = _detail_keys()
    assert {"ceiling", "amount", "missing", "items", "left", "rows", "flags"} <= set(keys)
    documented: dict[str, Any] = ErrorBody._declared_fields
    missing = {key: where for key, where in keys.items() if key not in documented}
    assert missing == {}
    for key in keys:
        assert documented[key].metadata.get("description"), key
