"""e-Musrenbang's staff routes (/api/v1/musrenbang/...): the planning agency's cycle,
ceilings, areas, catalogue import and ranking; the verifying offices' work list and
steps; the kecamatan forum's minutes."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify, request

from mobile_api.auth import principal
from queue_server.persistence.document_store import document_store
from queue_server.runtime import current
from queue_server.signing import signer_of

from . import catalogue, cycles, decisions, minutes, ranking, views
from .api import STAFF, _answer, blp, cycle_out
from .api_schemas import (
    MusrenbangActionBody,
    MusrenbangAreasBody,
    MusrenbangCatalogueBody,
    MusrenbangCeilingsBody,
    MusrenbangCountOut,
    MusrenbangCycleBody,
    MusrenbangCycleOut,
    MusrenbangLangQuery,
    MusrenbangMinutesBody,
    MusrenbangMinutesOut,
    MusrenbangProposalOut,
)
from .flow import cycle


@blp.post("/cycles")
@blp.doc(security=STAFF)
@blp.arguments(MusrenbangCycleBody())
@blp.response(201, MusrenbangCycleOut)
def create_cycle(body: dict[str, Any]) -> Response:
    """The planning agency (bappedalitbang) or the admin opens a cycle: budget year, the
    five phases in order (submission, kelurahan, kecamatan, office, results; ISO dates),
    the default RW ceiling (rupiah). `musrenbang_forbidden` 403, `musrenbang_cycle_exists`
    409, `musrenbang_cycle_invalid` 422."""
    rt = current()
    phases = {code: {k: v.isoformat() for k, v in span.items()}
              for code, span in body["phases"].items()}
    row = cycles.create(rt.uow(), rt.clock, principal(), body["year"], phases, body["rw_ceiling"])
    response = jsonify(cycle_out(row.year))
    response.status_code = 201
    return response


@blp.put("/cycles/<int:year>/ceilings")
@blp.doc(security=STAFF)
@blp.arguments(MusrenbangCeilingsBody())
@blp.response(200, MusrenbangCountOut)
def set_ceilings(body: dict[str, Any], year: int) -> Response:
    """The agency sets ceilings per RW or kelurahan office (rupiah); all or none.
    `musrenbang_area_unknown` 422, `musrenbang_forbidden` 403."""
    return jsonify({"count": cycles.set_ceilings(current().uow(), principal(), year,
                                                 body["ceilings"])})


@blp.put("/areas")
@blp.doc(security=STAFF)
@blp.arguments(MusrenbangAreasBody())
@blp.response(200, MusrenbangCountOut)
def set_areas(body: dict[str, Any]) -> Response:
    """The agency places RW offices in their kelurahan and kecamatan (office codes of
    those kinds; `musrenbang_area_unknown` 422), all or none."""
    return jsonify({"count": cycles.set_areas(current().uow(), principal(), body["areas"])})


@blp.put("/cycles/<int:year>/items")
@blp.doc(security=STAFF)
@blp.arguments(MusrenbangCatalogueBody())
@blp.response(200, MusrenbangCountOut)
def import_items(body: dict[str, Any], year: int) -> Response:
    """The agency imports the catalogue as CSV (`code,name,unit,unit_price,office,
    category`): all rows or none; `musrenbang_catalogue_invalid` 422 lists each refused
    row's number and reason (`rows`). Items not in the file become inactive."""
    return jsonify({"count": catalogue.import_csv(current().uow(), principal(), year,
                                                  body["csv"])})


@blp.post("/cycles/<int:year>/ranking")
@blp.doc(security=STAFF)
@blp.response(200, MusrenbangCountOut)
def rank(year: int) -> Response:
    """The agency ranks the accepted proposals within each kelurahan's ceiling (results
    phase; rules.rank's rule). `musrenbang_phase_closed` 409."""
    rt = current()
    return jsonify({"count": ranking.rank_cycle(rt.uow(), rt.clock, principal(), year)})


@blp.get("/cycles/<int:year>/work")
@blp.doc(security=STAFF)
@blp.arguments(MusrenbangLangQuery(), location="query")
@blp.response(200, MusrenbangProposalOut(many=True))
def work(args: dict[str, Any], year: int) -> Response:
    """The caller's work list: proposals at a step of one of their offices (the agency
    and the admin: every open one)."""
    who = principal()
    with current().uow(write=False) as uow:
        return jsonify(views.work_list(uow, who, cycle(uow, year), args["lang"]))


@blp.post("/proposals/<string:ref>/actions")
@blp.doc(security=STAFF)
@blp.arguments(MusrenbangActionBody())
@blp.response(200, MusrenbangProposalOut)
def act(body: dict[str, Any], ref: str) -> Response:
    """A verifying office's step: `verify` (kelurahan), `forum` (kecamatan), `accept`
    (the responsible office; `adjusted_price` optional, the amount recomputed), `return`
    and `reject` (a `comment`, the reason, is required and public). `action_forbidden`
    403 (not this office's step), `action_not_allowed` 409, `musrenbang_phase_closed`
    409, `comment_required` 422."""
    rt = current()
    row = decisions.decide(rt.uow(), rt.clock, principal(), ref, body["action"],
                           body["comment"], body["adjusted_price"])
    return _answer(row.ref, 200)


@blp.post("/cycles/<int:year>/minutes")
@blp.doc(security=STAFF)
@blp.arguments(MusrenbangMinutesBody())
@blp.response(201, MusrenbangMinutesOut)
def record_minutes(body: dict[str, Any], year: int) -> Response:
    """The kecamatan's staff record the forum (date, attendees): the minutes listing the
    proposals it agreed, issued as a signed PDF (`/v/{code}`). In the kecamatan phase;
    `musrenbang_forbidden` 403 for anyone but the kecamatan's members,
    `signing_unavailable` 503."""
    rt = current()
    code, count = minutes.record(
        rt.uow(), rt.clock, principal(), year, body, signer_of(current_app),
        document_store(current_app.instance_path),
        (current_app.config.get("PUBLIC_URL") or request.host_url).rstrip("/"))
    response = jsonify({"code": code, "proposals": count})
    response.status_code = 201
    return response
