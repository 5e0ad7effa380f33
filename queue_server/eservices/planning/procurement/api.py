"""e-Procurement's API (/api/v1/procurement/...): providers and the blacklist, tenders
(draft, publish, bids, evaluation, award, complaints), direct procurement and SPSE
imports. Routes parse, call one use case and answer its view."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from mobile_api.auth import principal
from queue_server.runtime import current
from queue_server.services.auth import Principal

from . import complaints, direct, providers, tenders, views
from .api_schemas import (
    ProcurementAnswerBody,
    ProcurementAwardBody,
    ProcurementBidBody,
    ProcurementBlacklistBody,
    ProcurementBlacklistOut,
    ProcurementComplaintBody,
    ProcurementDirectBody,
    ProcurementEvaluateBody,
    ProcurementProviderBody,
    ProcurementProviderOut,
    ProcurementPublishBody,
    ProcurementSpseBody,
    ProcurementTenderCreateBody,
    ProcurementTenderListOut,
    ProcurementTenderOut,
)
from .errors import ProcurementForbidden

blp = Blueprint("procurement", __name__, url_prefix="/api/v1/procurement",
                description="e-Procurement: tenders, bids, award, complaints (sanggah), "
                            "direct procurement, SPSE results, providers and the blacklist")
STAFF: list[dict[str, list[str]]] = [{"bearer": []}]


class ProcurementCsvBody(Schema):
    csv = fields.String(required=True, validate=validate.Length(min=1, max=1_000_000),
                        metadata={"description": "header npwp,name,reason,starts,ends,source"})


def _staff() -> Principal:
    who = principal()
    if who.kind != "staff":
        raise ProcurementForbidden("membaca pengadaan", "read procurements")
    return who


def _tender(code: str) -> Response:
    rt = current()
    with rt.uow(write=False) as uow:
        return jsonify(views.detail(uow, rt.clock, _staff(), code))


@blp.post("/providers")
@blp.doc(security=STAFF)
@blp.arguments(ProcurementProviderBody())
@blp.response(200, ProcurementProviderOut)
def register_provider(body: dict[str, Any]) -> Response:
    """Register or update (by NPWP: 15 or 16 digits, `procurement_invalid_npwp` 422) a
    provider and its office (kind provider). UKPBJ staff or the admin (403)."""
    row = providers.register(current().uow(), _staff(), body["office"], body["name"],
                             body["npwp"], body["address"])
    return jsonify({"id": row.id, "name": row.name, "npwp": row.npwp})


@blp.get("/blacklist")
@blp.doc(security=STAFF)
@blp.response(200, ProcurementBlacklistOut)
def read_blacklist() -> Response:
    """The blacklist (daftar hitam), newest first: any staff member."""
    _staff()
    with current().uow(write=False) as uow:
        return jsonify({"items": providers.entries(uow)})


@blp.post("/blacklist")
@blp.doc(security=STAFF)
@blp.arguments(ProcurementBlacklistBody())
@blp.response(200, ProcurementBlacklistOut)
def add_blacklist(body: dict[str, Any]) -> Response:
    """Add an entry (NPWP, name, reason, from, until, source). UKPBJ or the admin."""
    providers.blacklist(current().uow(), _staff(), body)
    return jsonify({"added": 1})


@blp.post("/blacklist/import")
@blp.doc(security=STAFF)
@blp.arguments(ProcurementCsvBody())
@blp.response(200, ProcurementBlacklistOut)
def import_blacklist(body: dict[str, Any]) -> Response:
    """Entries from CSV text (`csv`: header npwp,name,reason,starts,ends,source); all
    lines checked before any is written (`procurement_blacklist_csv_invalid` 422)."""
    return jsonify({"added": providers.import_csv(current().uow(), _staff(), body["csv"])})


@blp.get("/tenders")
@blp.doc(security=STAFF)
@blp.response(200, ProcurementTenderListOut)
def list_tenders() -> Response:
    """The procurements the caller may read: UKPBJ and the admin all, an office's staff
    their packages', a provider's people the published ones and those they bid on."""
    with current().uow(write=False) as uow:
        return jsonify({"items": views.listing(uow, _staff())})


@blp.post("/tenders")
@blp.doc(security=STAFF)
@blp.arguments(ProcurementTenderCreateBody())
@blp.response(200, ProcurementTenderOut)
def create_tender(body: dict[str, Any]) -> Response:
    """UKPBJ opens a draft tender for a planned package whose method needs one; a
    package that has one gets it back (a retry makes no second)."""
    rt = current()
    row = tenders.create(rt.uow(), rt.clock, _staff(), body["package"])
    return _tender(row.code)


@blp.get("/tenders/<string:code>")
@blp.doc(security=STAFF)
@blp.response(200, ProcurementTenderOut)
def read_tender(code: str) -> Response:
    """One procurement with its bids (sealed from other providers until the deadline)
    and complaints."""
    return _tender(code)


@blp.post("/tenders/<string:code>/publish")
@blp.doc(security=STAFF)
@blp.arguments(ProcurementPublishBody())
@blp.response(200, ProcurementTenderOut)
def publish_tender(body: dict[str, Any], code: str) -> Response:
    """UKPBJ publishes a draft with its bid deadline; a published tender is returned
    unchanged (200: a retried publish never makes two)."""
    rt = current()
    tenders.publish(rt.uow(), rt.clock, _staff(), code, body["bid_deadline"])
    return _tender(code)


@blp.post("/tenders/<string:code>/bids")
@blp.doc(security=STAFF)
@blp.arguments(ProcurementBidBody())
@blp.response(200, ProcurementTenderOut)
def place_bid(body: dict[str, Any], code: str) -> Response:
    """A provider's people bid (one per provider, at most the HPS, before the deadline)."""
    rt = current()
    tenders.bid(rt.uow(), rt.clock, _staff(), code, body["amount"])
    return _tender(code)


@blp.post("/tenders/<string:code>/evaluations")
@blp.doc(security=STAFF)
@blp.arguments(ProcurementEvaluateBody())
@blp.response(200, ProcurementTenderOut)
def evaluate_bid(body: dict[str, Any], code: str) -> Response:
    """UKPBJ marks a bid passed or failed (`note` required on fail), after the deadline."""
    rt = current()
    tenders.evaluate(rt.uow(), rt.clock, _staff(), code, body["bid"], body["passed"],
                     body["score"], body["note"])
    return _tender(code)


@blp.post("/tenders/<string:code>/award")
@blp.doc(security=STAFF)
@blp.arguments(ProcurementAwardBody())
@blp.response(200, ProcurementTenderOut)
def award_tender(body: dict[str, Any], code: str) -> Response:
    """UKPBJ awards a passed bid; a blacklisted winner: 409 `procurement_blacklisted`
    naming the entry. The complaint period: 5 working days."""
    rt = current()
    tenders.award(rt.uow(), rt.clock, _staff(), code, body["bid"])
    return _tender(code)


@blp.post("/tenders/<string:code>/complaints")
@blp.doc(security=STAFF)
@blp.arguments(ProcurementComplaintBody())
@blp.response(200, ProcurementTenderOut)
def file_complaint(body: dict[str, Any], code: str) -> Response:
    """A bidder files a complaint (sanggah) within the complaint period."""
    rt = current()
    complaints.file(rt.uow(), rt.clock, _staff(), code, body["text"])
    return _tender(code)


@blp.post("/tenders/<string:code>/complaints/<int:complaint>")
@blp.doc(security=STAFF)
@blp.arguments(ProcurementAnswerBody())
@blp.response(200, ProcurementTenderOut)
def answer_complaint(body: dict[str, Any], code: str, complaint: int) -> Response:
    """UKPBJ answers a complaint: upheld (back to evaluation) or rejected."""
    rt = current()
    complaints.answer(rt.uow(), rt.clock, _staff(), code, complaint, body["upheld"],
                      body["answer"])
    return _tender(code)


@blp.post("/direct")
@blp.doc(security=STAFF)
@blp.arguments(ProcurementDirectBody())
@blp.response(200, ProcurementTenderOut)
def record_direct(body: dict[str, Any]) -> Response:
    """The package office's PPK records a direct procurement (offer, negotiated price)
    below the tender threshold; awarded at once; a retry returns the first."""
    rt = current()
    row = direct.direct(rt.uow(), rt.clock, _staff(), body["package"], body["provider"],
                        body["offer"], body["negotiated"], body["note"])
    return _tender(row.code)


@blp.post("/imports")
@blp.doc(security=STAFF)
@blp.arguments(ProcurementSpseBody())
@blp.response(200, ProcurementTenderOut)
def import_result(body: dict[str, Any]) -> Response:
    """UKPBJ imports a tender result from SPSE (source `spse`); the same `tender_id`
    again changes nothing; a blacklisted winner is refused (409)."""
    rt = current()
    row = direct.import_spse(rt.uow(), rt.clock, _staff(), body)
    return _tender(row.code)
