"""The reports page's words: column headings per table, chart titles and series names,
in the page's language (Flask-Babel, keys `reports.*`)."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _  # type: ignore[import-untyped]

from ..domain.dates import DAYS, MONTHS
from ..domain.texts import text


def columns(table: str) -> list[tuple[str, str]]:
    """(row key, heading) of the columns the page shows for `table`."""
    service = [("facility", _("reports.col.facility")), ("name", _("reports.col.service"))]
    wait = [("wait_median_min", _("reports.col.wait_median")),
            ("wait_p90_min", _("reports.col.wait_p90"))]
    if table == "summary":
        return [*service, ("tickets", _("reports.col.tickets")),
                ("channel_kiosk", _("reports.col.kiosk")),
                ("channel_staff", _("reports.col.staff")),
                ("channel_mobile", _("reports.col.mobile")),
                ("channel_transfer", _("reports.col.transfer_in")),
                ("served", _("reports.col.served")), ("no_show", _("reports.col.no_show")),
                ("cancelled", _("reports.col.cancelled")),
                ("closed_end_of_day", _("reports.col.closed")),
                ("transferred", _("reports.col.transferred")), *wait,
                ("service_median_min", _("reports.col.service_median")),
                ("service_p90_min", _("reports.col.service_p90")),
                ("sla_pct", _("reports.col.sla")), ("over_target", _("reports.col.over")),
                ("estimate_error_median_min", _("reports.col.estimate_error"))]
    if table == "hourly":
        return [*service, ("hour", _("reports.col.hour")), ("arrivals", _("reports.col.arrivals")),
                ("served", _("reports.col.served")), *wait, ("sla_pct", _("reports.col.sla")),
                ("waiting_at_end", _("reports.col.waiting_at_end"))]
    if table == "counters":
        return [("facility", _("reports.col.facility")),
                ("counter", _("reports.col.counter_code")), ("name", _("reports.col.counter")),
                ("tickets", _("reports.col.tickets")), ("served", _("reports.col.served")),
                ("no_show", _("reports.col.no_show")),
                ("transferred", _("reports.col.transferred")), *wait,
                ("service_median_min", _("reports.col.service_median")),
                ("service_p90_min", _("reports.col.service_p90"))]
    return [*service, ("booked", _("reports.col.booked")), ("quota", _("reports.col.quota")),
            ("quota_use_pct", _("reports.col.quota_use")),
            ("checked_in", _("reports.col.checked_in")),
            ("cancelled", _("reports.col.cancelled")),
            ("not_arrived", _("reports.col.not_arrived")),
            ("lead_median_days", _("reports.col.lead_median"))]


def titles() -> dict[str, str]:
    """Each table's heading (also its chart's title)."""
    return {"summary": _("reports.summary"), "hourly": _("reports.hourly"),
            "counters": _("reports.counters"), "heatmap": _("reports.heatmap"),
            "bookings": _("reports.bookings")}


def series() -> dict[str, str]:
    """The charts' series names."""
    return {"median": _("reports.col.wait_median"), "p90": _("reports.col.wait_p90"),
            "served": _("reports.col.served"), "no_show": _("reports.col.no_show"),
            "booked": _("reports.col.booked"), "quota": _("reports.col.quota")}


def weekdays(lang: str) -> list[str]:
    """Monday to Sunday in `lang` (the catalogue's `date.*`)."""
    return [text(f"date.{day}", lang) for day in DAYS]


def shown(value: object, lang: str) -> str:
    """A table cell as the page's language writes it: "–" for nothing measured; in
    Indonesian a decimal comma and a thousands point ("1.234", "0,6"), in English the
    other way round (the CSV and the API keep plain numbers)."""
    if value is None:
        return "–"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    said = f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"
    return said.translate(str.maketrans(",.", ".,")) if lang == "id" else said


def day_said(iso: str, lang: str) -> str:
    """An ISO day as the page shows it: "30 Nov 2026" ("Agu", "Okt", "Des" in
    Indonesian: the catalogue's month names, first three letters)."""
    day = date.fromisoformat(iso)
    return f"{day.day} {text(f'date.{MONTHS[day.month - 1]}', lang)[:3]} {day.year}"


def heat(rows: list[dict[str, object]]) -> tuple[list[str], int]:
    """The heat map's hour columns with any arrival (`h07` ...), and its largest cell."""
    keys = [f"h{h:02d}" for h in range(24)]
    cells = [int(str(r[k])) for r in rows for k in keys]
    shown = [k for k in keys if any(int(str(r[k])) for r in rows)]
    return shown, max(cells, default=0)


def level(value: int, top: int) -> int:
    """A heat map cell's shade, 0 (none) to 4 (the busiest), for its CSS class."""
    return 0 if not value or not top else max(1, -(-4 * value // top))
