"""The satisfaction index page for staff (`/wadul/skm`): the IKM of the surveys citizens
sent (Permenpan-RB 14/2017) over a range of days, each of the nine elements with its mean
(1–4), its converted value (× 25) and grade A–D, and the index with its grade. One page
for both services: the admin and the city choose the queue, e-Wadul or both, and an
office; a facility admin reads their facility's visits; an office head their office's
cases (services.surveys.index decides; a refusal is the 403 page)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import render_template, request
from flask.typing import ResponseReturnValue

from queue_server.domain import survey
from queue_server.domain.errors import DomainError
from queue_server.domain.report_range import read_day
from queue_server.i18n import page_language
from queue_server.runtime import current
from queue_server.services import surveys
from queue_server.services.auth import ADMIN, CITY, Principal
from queue_server.staff_session import signed_in

from . import MODULE
from .pages import bp, city_zone, said
from .pages_nav import filter_offices, staff_nav
from .pages_staff import STATUS, login_page, refused

MODULES = ("queue", MODULE)  # the services a survey is about


def _query(who: Principal, args: Mapping[str, str]) -> surveys.IndexQuery:
    """The index asked by the query string (`since`, `until` YYYY-MM-DD, `module`,
    `office`); only the admin and the city choose a module. Raises read_day's 422."""
    start, end = (read_day(name, args[name].strip()) if args.get(name, "").strip() else None
                  for name in ("since", "until"))
    module = args.get("module", "").strip() or None
    if who.role not in (ADMIN, CITY) or module not in MODULES:
        module = None
    return surveys.IndexQuery(start, end, None, args.get("office", "").strip() or None,
                              module)


def element_rows(result: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """Each element of an index result: its label in `lang`, mean (1–4), converted value
    (mean × 25, 25–100) and grade A–D by the regulation's intervals (None: no survey)."""
    rows = []
    for element in result["elements"]:
        mean = element["mean"]
        value = None if mean is None else round(mean * 25, 2)
        rows.append({"label": element["label_en"] if lang == "en" else element["label"],
                     "mean": mean, "value": value,
                     "grade": None if value is None else survey.grade(value)})
    return rows


@bp.get("/skm")
def skm() -> ResponseReturnValue:
    """The SKM page (sign-in form when signed out; 403 page for a role without an index;
    the form again with the message for a bad date, 422)."""
    who = signed_in()
    if who is None:
        return login_page("skm")
    rt, lang = current(), page_language()
    result, error, status = None, None, 200
    try:
        result = surveys.index(rt.uow(write=False), rt.clock, who,
                               _query(who, request.args), city_zone())
    except DomainError as exc:
        if exc.kind in ("forbidden", "unauthorized"):
            return refused(who, exc)
        error, status = said(exc), STATUS.get(exc.kind, 422)
    rows = element_rows(result, lang) if result else []
    return render_template("wadul/skm.html", lang=lang, user=who.name, result=result,
                           rows=rows, error=error, asked=request.args,
                           nav=staff_nav(rt.uow(write=False), who),
                           offices=filter_offices(rt.uow(write=False), who),
                           choose_module=who.role in (ADMIN, CITY)), status
