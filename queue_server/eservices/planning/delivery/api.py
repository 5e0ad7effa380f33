"""e-Delivery's API (/api/v1/delivery/...): a package's contract step by step (award
letter, signing, notice to proceed, handover: the office's PPK), invoices (the
provider), their decision (the PPK) and payments (BPKAD)."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify, request
from flask_smorest import Blueprint

from mobile_api.auth import principal
from queue_server.persistence.document_store import document_store
from queue_server.runtime import current
from queue_server.services.auth import Principal
from queue_server.signing import signer_of

from ..procurement.errors import ProcurementForbidden
from . import contracts, payments, views
from .api_schemas import (
    DeliveryContractListOut,
    DeliveryContractOut,
    DeliveryDecideBody,
    DeliveryInvoiceBody,
    DeliveryPayBody,
    DeliverySignBody,
)
from .paper import Paper

blp = Blueprint("delivery", __name__, url_prefix="/api/v1/delivery",
                description="e-Delivery: award letter, contract, notice to proceed, "
                            "handover; termins, invoices and payments")
STAFF: list[dict[str, list[str]]] = [{"bearer": []}]


def _staff() -> Principal:
    who = principal()
    if who.kind != "staff":
        raise ProcurementForbidden("membaca kontrak", "read contracts")
    return who


def paper() -> Paper:
    """This app's signer, document store and public address (the documents' QR)."""
    base = (current_app.config.get("PUBLIC_URL") or request.host_url).rstrip("/")
    return Paper(signer_of(current_app), document_store(current_app.instance_path), base)


def _contract(code: str) -> Response:
    with current().uow(write=False) as uow:
        return jsonify(views.detail(uow, _staff(), code))


@blp.get("/contracts")
@blp.doc(security=STAFF)
@blp.response(200, DeliveryContractListOut)
def list_contracts() -> Response:
    """The contracts the caller may read: the admin and BPKAD all, an office's people
    their office's, a provider's people theirs."""
    with current().uow(write=False) as uow:
        return jsonify({"items": views.listing(uow, _staff())})


@blp.get("/contracts/<string:code>")
@blp.doc(security=STAFF)
@blp.response(200, DeliveryContractOut)
def read_contract(code: str) -> Response:
    """The contract of package `code`: steps with their documents (`/v/{code}`),
    termins, invoices, payments, approved progress."""
    return _contract(code)


@blp.post("/contracts/<string:code>/award-letter")
@blp.doc(security=STAFF)
@blp.response(200, DeliveryContractOut)
def issue_award_letter(code: str) -> Response:
    """The PPK issues the award letter (SPPBJ) once the procurement is awarded, its
    complaint period over and no complaint open (409 `delivery_not_awarded`)."""
    rt = current()
    contracts.award_letter(rt.uow(), rt.clock, paper(), _staff(), code)
    return _contract(code)


@blp.post("/contracts/<string:code>/sign")
@blp.doc(security=STAFF)
@blp.arguments(DeliverySignBody())
@blp.response(200, DeliveryContractOut)
def sign_contract(body: dict[str, Any], code: str) -> Response:
    """The PPK signs the contract (value = the award; termins from the payment plan,
    summing exactly to the value); the package becomes `contracted`."""
    rt = current()
    contracts.sign(rt.uow(), rt.clock, paper(), _staff(), code, body["starts"], body["ends"])
    return _contract(code)


@blp.post("/contracts/<string:code>/start")
@blp.doc(security=STAFF)
@blp.response(200, DeliveryContractOut)
def start_contract(code: str) -> Response:
    """The PPK issues the notice to proceed (SPMK)."""
    rt = current()
    contracts.start(rt.uow(), rt.clock, paper(), _staff(), code)
    return _contract(code)


@blp.post("/contracts/<string:code>/handover")
@blp.doc(security=STAFF)
@blp.response(200, DeliveryContractOut)
def hand_over(code: str) -> Response:
    """The PPK records the handover (BAST): the latest approved progress must be 100 %
    (409 `delivery_progress_too_low`); the package becomes `completed`."""
    rt = current()
    contracts.hand_over(rt.uow(), rt.clock, paper(), _staff(), code)
    return _contract(code)


@blp.post("/contracts/<string:code>/invoices")
@blp.doc(security=STAFF)
@blp.arguments(DeliveryInvoiceBody())
@blp.response(200, DeliveryContractOut)
def submit_invoice(body: dict[str, Any], code: str) -> Response:
    """The contract's provider invoices a termin once the approved physical progress
    reached its `progress_needed` (409 `delivery_progress_too_low`)."""
    rt = current()
    payments.invoice(rt.uow(), rt.clock, _staff(), code, body["termin"], body["number"])
    return _contract(code)


@blp.post("/contracts/<string:code>/invoices/<int:invoice>/decision")
@blp.doc(security=STAFF)
@blp.arguments(DeliveryDecideBody())
@blp.response(200, DeliveryContractOut)
def decide_invoice(body: dict[str, Any], code: str, invoice: int) -> Response:
    """The PPK approves an invoice or rejects it with a `reason`."""
    rt = current()
    payments.decide(rt.uow(), rt.clock, _staff(), code, invoice, body["approve"],
                    body["reason"])
    return _contract(code)


@blp.post("/contracts/<string:code>/invoices/<int:invoice>/payment")
@blp.doc(security=STAFF)
@blp.arguments(DeliveryPayBody())
@blp.response(200, DeliveryContractOut)
def pay_invoice(body: dict[str, Any], code: str, invoice: int) -> Response:
    """BPKAD records the payment of an approved invoice (SP2D `reference`); payments
    never exceed the contract's value (409 `delivery_payment_above_value`)."""
    rt = current()
    payments.pay(rt.uow(), rt.clock, _staff(), code, invoice, body["reference"])
    return _contract(code)
