"""e-Controlling's charts as SVG drawn on the server with pygal (the reports' way:
queue_server/reports/charts.py, no script): planned vs actual per office or kecamatan
(bars, value-weighted percent) and the planned-vs-actual curve (lines, per month)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from queue_server.reports import charts

CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"


def bars(title: str, rows: Sequence[dict[str, Any]], label: str, planned: str,
         actual: str) -> bytes:
    """Planned and actual percent of each row (labelled by `label`), side by side."""
    drawn = charts._chart(charts.pygal.Bar, title, [str(r[label] or "–") for r in rows])
    drawn.range = (0, 100)
    drawn.add(planned, [r["planned"] for r in rows])
    drawn.add(actual, [r["actual"] for r in rows])
    return bytes(charts._svg(drawn))


def curve(title: str, points: Sequence[dict[str, Any]], planned: str, actual: str) -> bytes:
    """The planned and actual cumulative percent per month (actual stops at this month)."""
    drawn = charts._chart(charts.pygal.Line, title, [p["month"] for p in points])
    drawn.range = (0, 100)
    drawn.add(planned, [p["planned"] for p in points])
    drawn.add(actual, [p["actual"] for p in points])
    return bytes(charts._svg(drawn))
