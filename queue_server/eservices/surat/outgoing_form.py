"""The draft form of the outgoing letters' pages: what it offers the signed-in drafter
(their offices, the templates with their fields, classification codes, the office's
members for the paraf chain, the offices to send to) and the draft it makes from the
posted fields (the same use case as the API: outgoing.draft_letter)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from queue_server.runtime import current
from queue_server.services.auth import Principal
from queue_server.services.cases import public_ref

from . import classification
from .access import ACCESS_CLASSES, URGENCIES
from .outgoing import Draft, draft_letter
from .outgoing_data import template, templates
from .outgoing_errors import TemplateUnknown

CHAIN_SLOTS = 3  # paraf steps the form offers (the API takes up to eight)


def _chosen(code: str | None) -> Any:
    try:
        return template(code or templates()[0].code)
    except TemplateUnknown:
        return templates()[0]


def form_context(who: Principal, source: Mapping[str, str]) -> dict[str, Any]:
    """Everything the form shows, with the values `source` (query or posted form) holds."""
    chosen = _chosen(source.get("template"))
    with current().uow(write=False) as uow:
        held = uow.offices.roles_of(who.id)
        mine = [o for o in (uow.offices.by_id(i) for i in sorted(held)) if o and o.active]
        office = next((o for o in mine if o.code == source.get("office")),
                      mine[0] if mine else None)
        members = ([{"username": name, "role": role}
                    for name, role in uow.offices.members(office.id) if name != who.name]
                   if office else [])
        others = [{"code": o.code, "name": o.name} for o in uow.offices.all(active_only=True)
                  if office is None or o.id != office.id]
        codes = [{"code": c.code, "title": c.title} for c in classification.all_codes(uow)]
    return {"template": chosen.as_dict(), "templates": [t.as_dict() for t in templates()],
            "offices": [{"code": o.code, "name": o.name} for o in mine],
            "office": office.code if office else None, "members": members,
            "to_offices": others, "codes": codes, "access_classes": ACCESS_CLASSES,
            "urgencies": URGENCIES, "slots": range(1, CHAIN_SLOTS + 1),
            "values": dict(source)}


def draft_of_form(form: Mapping[str, str]) -> Draft:
    """The Draft the posted form says (empty fields: not given)."""
    chosen = _chosen(form.get("template"))
    reviewers: list[str | int] = [
        form[f"reviewer_{n}"] for n in range(1, CHAIN_SLOTS + 1)
        if (form.get(f"reviewer_{n}") or "").strip()]
    delivery = form.get("delivery") or "internal"
    return Draft(
        subject=form.get("subject", ""), template=chosen.code,
        fields={f.name: form.get(f"field_{f.name}", "") for f in chosen.fields},
        classification=form.get("classification") or None,
        access=form.get("access") or None, urgency=form.get("urgency") or None,
        reviewers=reviewers, delivery=delivery,
        to_office=form.get("to_office") if delivery == "internal" else None,
        recipient=form.get("recipient") or None, office=form.get("office") or None)


def create_from_form(who: Principal, form: Mapping[str, str], tz: str) -> str:
    """Draft the letter of the posted form; returns its reference (SURAT-n). Raises the
    errors of outgoing.draft_letter."""
    rt = current()
    with rt.uow() as uow:
        case, _ = draft_letter(uow, rt.clock, who, draft_of_form(form), tz)
        ref = public_ref(case)
        uow.commit()
    return ref
