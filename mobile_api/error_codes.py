"""The table of every error code: its HTTP status and what it means, built from the named
errors (every class queue_server/domain/errors.py registers, the API's own input
screening and guards included) and the API's answers to failures outside the rules
(errors.EDGE_ERRORS, the plain HTTP errors). It goes into the OpenAPI document twice: as
`x-error-codes` (one entry per named error) and as a table in its description, one row
per code, which ReDoc shows."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import queue_server.domain
from queue_server.domain.errors import named_errors

from .errors import EDGE_ERRORS, http_code, http_errors, status_of


def _import_domain() -> None:
    """Import every domain module, so every named error is registered."""
    for module in pkgutil.iter_modules(queue_server.domain.__path__):
        importlib.import_module(f"{queue_server.domain.__name__}.{module.name}")


def error_codes() -> list[dict[str, Any]]:
    """Every error the API (and the command line) can give: `code`, `status`, `error`
    (the named class, or None for an answer of the API's edge) and `meaning` (English),
    by code."""
    _import_domain()
    rows = [{"code": cls.code, "status": status_of(cls), "error": cls.__name__,
             "meaning": cls.describe()} for cls in named_errors()]
    rows += [{"code": edge.code, "status": edge.status, "error": None,
              "meaning": edge.text_en} for edge in EDGE_ERRORS]
    named = {row["code"] for row in rows}
    rows += [{"code": http_code(exc), "status": exc.code, "error": None,
              "meaning": exc.description} for exc in http_errors()
             if http_code(exc) not in named]  # 429: the named error answers
    return sorted(rows, key=lambda row: (row["code"], row["status"], row["error"] or ""))


def _cell(text: str) -> str:
    """Text safe in a Markdown table cell (and as HTML once rendered)."""
    return (" ".join(text.split()).replace("|", "\\|").replace("<", "&lt;")
            .replace(">", "&gt;"))


def markdown_table(rows: list[dict[str, Any]]) -> str:
    """`rows` (error_codes()) as a Markdown table, one line per code: its statuses and
    each situation it names."""
    codes: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        codes.setdefault(row["code"], []).append(row)
    lines = ["| code | status | meaning |", "|---|---|---|"]
    for code, same in codes.items():
        statuses = " / ".join(str(s) for s in sorted({row["status"] for row in same}))
        meanings = " — or — ".join(dict.fromkeys(_cell(row["meaning"]) for row in same))
        lines.append(f"| `{code}` | {statuses} | {meanings} |")
    return "\n".join(lines)


def document(description: str) -> dict[str, Any]:
    """The spec options that carry the table: `info.description` with the table after
    `description`, and `x-error-codes`."""
    rows = error_codes()
    table = markdown_table(rows)
    return {"info": {"description": f"{description}\n\n## Error codes\n\n{table}"},
            "x-error-codes": rows}
