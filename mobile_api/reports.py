"""Report routes (/api/v1/reports/...): tables computed from the ticket history, as JSON
or, with `?format=csv` or `Accept: text/csv`, as CSV with the same columns and rows."""

from __future__ import annotations

from typing import Any

from flask import Response, request

from queue_server.runtime import current
from queue_server.services import reports
from queue_server.services.reports import ReportQuery

from .auth import principal
from .blueprint import Blueprint
from .report_schemas import ReportOut, ReportQueryIn, as_csv

blp = Blueprint("reports", __name__, url_prefix="/api/v1/reports",
                description="Reports from the ticket history (admin, city, facility admin)")

WHO = ("Admin and city: any facility, or every facility side by side without `facility`; "
       "a facility admin: its own (403 `wrong_facility` for another); operators and "
       "devices: 403 `reports_forbidden`.")


def _answer(table: str, args: dict[str, Any]) -> Any:
    """Parse, run the one use case, and answer JSON or CSV."""
    rt = current()
    result = reports.report(rt.uow(write=False), rt.clock, principal(), ReportQuery(
        table, args["facility"], args["since"], args["until"], args["service"]))
    wants_csv = args["format"] == "csv" or (
        args["format"] is None and request.accept_mimetypes.best == "text/csv")
    if not wants_csv:
        return result
    name = f"antrian-{table}-{result['from']}-{result['to']}.csv"
    return Response(as_csv(result["rows"]), mimetype="text/csv",  # type: ignore[arg-type]
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _route(table: str, summary: str) -> None:
    def view(args: dict[str, Any]) -> Any:
        return _answer(table, args)

    view.__name__ = f"report_{table}"
    view.__doc__ = f"{summary}\n\n{WHO}"
    decorated = blp.doc(security=[{"bearer": []}])(view)
    decorated = blp.response(200, ReportOut)(decorated)
    decorated = blp.arguments(ReportQueryIn(), location="query")(decorated)
    blp.get(f"/{table}")(decorated)


_route("summary", "Per service: tickets by channel (`channel_kiosk`, ...), served, "
       "no_show, cancelled, closed_end_of_day, transferred; waiting time (arrival to "
       "last call) and service time (start, or call, to finish) as nearest-rank median "
       "and p90 in minutes; `sla_pct`: share of called tickets called within the "
       "service's target; `over_target`.")
_route("hourly", "Per service and arrival hour (local, `hour` \"08\" is 08:00-08:59): "
       "arrivals, served, waiting median/p90 in minutes, sla_pct, over_target, and "
       "`waiting_at_end`: people still waiting at the hour's end (mean per day).")
_route("counters", "Per counter: tickets, served, no_show, transferred, waiting and "
       "service time median/p90 in minutes.")
_route("heatmap", "Arrivals per weekday (0 Monday ... 6 Sunday) and local hour "
       "(`h00` ... `h23`), summed over the range.")
_route("bookings", "Per service: booked, quota over the range (daily quota x days), "
       "quota_use_pct, checked_in, cancelled, not_arrived, booking lead time in days "
       "(median, p90).")
