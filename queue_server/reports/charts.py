"""The report charts, drawn on the server as SVG with pygal: no script (`js=[]`), its own
style inside the SVG (served as an image, so the page's policy stays strict)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import pygal  # type: ignore[import-untyped]
from pygal.etree import etree  # type: ignore[import-untyped]
from pygal.style import Style  # type: ignore[import-untyped]

# pygal appends an old-style import hook for its map plugins (pygal.maps.*, unused here);
# every later import then warns (ImportWarning: no find_spec), so it is taken out.
sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "PluginImportFixer"]

Row = dict[str, Any]

STYLE = Style(background="white", plot_background="white", foreground="#1f2933",
              foreground_strong="#1f2933", foreground_subtle="#52606d",
              colors=("#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c", "#0e7490"),
              font_family="sans-serif")


def _chart(kind: type[pygal.graph.graph.Graph], title: str, labels: Sequence[str]) -> Any:
    chart = kind(js=[], style=STYLE, title=title, width=640, height=320,
                 legend_at_bottom=True, print_values=False, x_label_rotation=0,
                 disable_xml_declaration=False, show_y_guides=True)
    chart.x_labels = list(labels)
    return chart


def _svg(chart: Any) -> bytes:
    """The chart as an SVG document without any script: pygal writes its config as an
    inline script even with `js=[]`; nothing here runs script (the CSP forbids it too)."""
    root = chart.render_tree()
    for parent in list(root.iter()):
        for child in list(parent):
            if str(child.tag).endswith("script"):
                parent.remove(child)
    return b"<?xml version='1.0' encoding='utf-8'?>\n" + bytes(etree.tostring(root))


def _label(row: Row, key: str, many: bool) -> str:
    return f"{row['facility']} · {row[key]}" if many else str(row[key])


def summary(rows: Sequence[Row], title: str, names: dict[str, str]) -> bytes:
    """Waiting time per service: median and p90 (minutes), one pair of bars each."""
    many = len({r["facility"] for r in rows}) > 1
    chart = _chart(pygal.Bar, title, [_label(r, "name", many) for r in rows])
    chart.add(names["median"], [r["wait_median_min"] for r in rows])
    chart.add(names["p90"], [r["wait_p90_min"] for r in rows])
    return _svg(chart)


def hourly(rows: Sequence[Row], title: str, names: dict[str, str]) -> bytes:
    """Waiting time median (minutes) per arrival hour, one line per service."""
    hours = sorted({r["hour"] for r in rows})
    chart = _chart(pygal.Line, title, [f"{h}:00" for h in hours])
    many = len({r["facility"] for r in rows}) > 1
    series: dict[str, dict[str, Any]] = {}
    for r in rows:
        series.setdefault(_label(r, "name", many), {})[r["hour"]] = r["wait_median_min"]
    for name, values in series.items():
        chart.add(name, [values.get(h) for h in hours])
    return _svg(chart)


def counters(rows: Sequence[Row], title: str, names: dict[str, str]) -> bytes:
    """Patients served and no-shows per counter."""
    many = len({r["facility"] for r in rows}) > 1
    chart = _chart(pygal.Bar, title, [_label(r, "name", many) for r in rows])
    chart.add(names["served"], [r["served"] for r in rows])
    chart.add(names["no_show"], [r["no_show"] for r in rows])
    return _svg(chart)


def bookings(rows: Sequence[Row], title: str, names: dict[str, str]) -> bytes:
    """Bookings against the quota per service."""
    many = len({r["facility"] for r in rows}) > 1
    chart = _chart(pygal.Bar, title, [_label(r, "name", many) for r in rows])
    chart.add(names["booked"], [r["booked"] for r in rows])
    chart.add(names["quota"], [r["quota"] for r in rows])
    return _svg(chart)


DRAW = {"summary": summary, "hourly": hourly, "counters": counters, "bookings": bookings}
