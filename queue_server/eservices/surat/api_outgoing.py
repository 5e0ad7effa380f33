"""e-Surat's outgoing letters' API (/api/v1/surat/...): the templates, a draft and its
edits, the actions of the review chain, signing and sending, the lists. Staff only; every
read asks access.may_read. Routes parse, call one use case, and answer; named errors
answer through the app's one error shape."""

from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask_smorest import Blueprint

from mobile_api.auth import principal
from queue_server.persistence.document_store import document_store
from queue_server.runtime import current
from queue_server.services.auth import Principal
from queue_server.signing import signer_of

from .api_outgoing_schemas import (
    OutgoingActionBody,
    OutgoingDraftBody,
    OutgoingListsOut,
    OutgoingOut,
    TemplateOut,
)
from .outgoing import Draft, draft_letter, edit_letter, outgoing_of
from .outgoing_actions import act_on_letter
from .outgoing_data import templates
from .outgoing_errors import NotDraftingMember
from .outgoing_sign import Signing
from .outgoing_views import letter_view, lists

blp = Blueprint("surat_outgoing", __name__, url_prefix="/api/v1/surat",
                description="e-Surat: outgoing letters (draft, paraf chain, signature, "
                            "number, send)")
STAFF: list[dict[str, list[str]]] = [{"bearer": []}]


def tz() -> str:
    """The city's time zone (app config CITY_TIMEZONE)."""
    return str(current_app.config.get("CITY_TIMEZONE", "Asia/Jakarta"))


def staff() -> Principal:
    """The staff caller (401 without a credential, 403 `surat_not_member` for a device)."""
    who = principal()
    if who.kind != "staff":
        raise NotDraftingMember("-")
    return who


def signing() -> Signing:
    """The deployment's signer, document store and public address (for the QR)."""
    base = (current_app.config.get("PUBLIC_URL") or request.host_url).rstrip("/")
    return Signing(signer_of(current_app), document_store(current_app.instance_path), base)


def draft_of(body: dict[str, Any]) -> Draft:
    """The Draft of a parsed OutgoingDraftBody."""
    values = dict(body)
    values["fields"] = values.pop("fields_", None) or {}
    return Draft(**values)


@blp.get("/templates")
@blp.doc(security=STAFF)
@blp.response(200, TemplateOut(many=True))
def list_templates() -> list[dict[str, Any]]:
    """The outgoing letter templates: title, default classification, fields, body."""
    staff()
    return [t.as_dict() for t in templates()]


@blp.get("/outgoing")
@blp.doc(security=STAFF)
@blp.response(200, OutgoingListsOut)
def list_outgoing() -> dict[str, Any]:
    """The caller's offices' outgoing letters (`office`) and those waiting for the
    caller (`mine`), newest first; letters the caller may not read are left out."""
    who = staff()
    with current().uow(write=False) as uow:
        return lists(uow, who)


@blp.post("/outgoing")
@blp.doc(security=STAFF)
@blp.arguments(OutgoingDraftBody())
@blp.response(201, OutgoingOut)
def create_outgoing(body: dict[str, Any]) -> dict[str, Any]:
    """Draft an outgoing letter from a template (its fields) or a free body, with its
    paraf chain and signer; delivery internal (`to_office`) or external (`recipient`)."""
    who, rt = staff(), current()
    with rt.uow() as uow:
        case, letter = draft_letter(uow, rt.clock, who, draft_of(body), tz())
        answer = letter_view(uow, who, case, letter)
        uow.commit()
    return answer


@blp.get("/outgoing/<ref>")
@blp.doc(security=STAFF)
@blp.response(200, OutgoingOut)
def read_outgoing(ref: str) -> dict[str, Any]:
    """One outgoing letter (`SURAT-12`), its chain and the caller's actions."""
    who, rt = staff(), current()
    with rt.uow(write=False) as uow:
        case, letter = outgoing_of(uow, who, ref)
        return letter_view(uow, who, case, letter)


@blp.patch("/outgoing/<ref>")
@blp.doc(security=STAFF)
@blp.arguments(OutgoingDraftBody())
@blp.response(200, OutgoingOut)
def patch_outgoing(body: dict[str, Any], ref: str) -> dict[str, Any]:
    """Change a draft (its drafter only, while a draft): the fields given."""
    who, rt = staff(), current()
    with rt.uow() as uow:
        case, letter = edit_letter(uow, rt.clock, who, ref, draft_of(body))
        answer = letter_view(uow, who, case, letter)
        uow.commit()
    return answer


@blp.post("/outgoing/<ref>/actions")
@blp.doc(security=STAFF)
@blp.arguments(OutgoingActionBody())
@blp.response(200, OutgoingOut)
def act_outgoing(body: dict[str, Any], ref: str) -> dict[str, Any]:
    """`submit` (drafter), `approve` / `return` with a comment (the current reviewer;
    the signer may return too), `sign` (the signer: numbered, signed PDF issued),
    `send` (drafter, signer or the office's TU)."""
    who, rt = staff(), current()
    with rt.uow() as uow:
        case, letter = act_on_letter(uow, rt.clock, who, ref, body["action"],
                                     body["comment"], signing(), tz())
        answer = letter_view(uow, who, case, letter)
        uow.commit()
    return answer
