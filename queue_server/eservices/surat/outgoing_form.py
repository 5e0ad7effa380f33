"""The draft form of the outgoing letters' pages: what it offers the signed-in drafter
(their offices, the templates with their fields or a free body, classification codes,
the office's members for the paraf chain and its heads as signer, the offices to send
to) and the draft it makes or changes from the posted fields (the same use cases as the
API: outgoing.draft_letter, outgoing.edit_letter). Editing shows the body itself (a
returned draft is corrected in its words, whatever template it came from)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from queue_server.runtime import current
from queue_server.services.auth import Principal
from queue_server.services.cases import public_ref

from . import classification
from .access import ACCESS_CLASSES, URGENCIES
from .models import SuratLetter
from .outgoing import Draft, draft_letter, edit_letter, outgoing_of
from .outgoing_chain import chain
from .outgoing_data import LetterTemplate, template, templates
from .outgoing_errors import TemplateUnknown
from .pages_people import member_choices

CHAIN_SLOTS = 3  # paraf steps the form offers (the API takes up to eight)
FREE = "bebas"  # the template choice "no template: the body written freely"


def _chosen(code: str | None) -> LetterTemplate | None:
    """The template `code` names (None: the free body), else the first one."""
    if code == FREE:
        return None
    try:
        return template(code or templates()[0].code)
    except TemplateUnknown:
        return templates()[0]


def form_context(who: Principal, source: Mapping[str, str]) -> dict[str, Any]:
    """Everything the form shows, with the values `source` (query, posted form or the
    draft being edited) holds."""
    chosen = _chosen(source.get("template"))
    with current().uow(write=False) as uow:
        held = uow.offices.roles_of(who.id)
        mine = [o for o in (uow.offices.by_id(i) for i in sorted(held)) if o and o.active]
        office = next((o for o in mine if o.code == source.get("office")),
                      mine[0] if mine else None)
        members = member_choices(uow, office.id, who.name) if office else []
        others = [{"code": o.code, "name": o.name} for o in uow.offices.all(active_only=True)
                  if office is None or o.id != office.id]
        codes = [{"code": c.code, "title": c.title} for c in classification.all_codes(uow)]
    return {"template": chosen.as_dict() if chosen else None, "free": FREE,
            "templates": [t.as_dict() for t in templates()],
            "offices": [{"code": o.code, "name": o.name} for o in mine],
            "office": office.code if office else None,
            "members": [m for m in members if "head" not in m["roles"]],
            "heads": [m for m in members if "head" in m["roles"]],
            "to_offices": others, "codes": codes, "access_classes": ACCESS_CLASSES,
            "urgencies": URGENCIES, "slots": range(1, CHAIN_SLOTS + 1),
            "values": dict(source)}


def _people(form: Mapping[str, str]) -> tuple[list[str | int], str | None]:
    reviewers: list[str | int] = [
        form[f"reviewer_{n}"] for n in range(1, CHAIN_SLOTS + 1)
        if (form.get(f"reviewer_{n}") or "").strip()]
    return reviewers, (form.get("signer") or "").strip() or None


def draft_of_form(form: Mapping[str, str], editing: bool = False) -> Draft:
    """The Draft the posted form says (empty fields: not given). A new letter takes its
    body from the template's fields, or from `body` when the free body is chosen; an
    edit takes `body` as written."""
    reviewers, signer = _people(form)
    delivery = form.get("delivery") or "internal"
    chosen = None if editing else _chosen(form.get("template"))
    return Draft(
        subject=form.get("subject", ""), template=chosen.code if chosen else None,
        fields={f.name: form.get(f"field_{f.name}", "") for f in chosen.fields}
        if chosen else {},
        body=None if chosen else form.get("body", ""),
        classification=form.get("classification") or None,
        access=form.get("access") or None, urgency=form.get("urgency") or None,
        reviewers=reviewers, signer=signer, delivery=delivery,
        to_office=form.get("to_office") if delivery == "internal" else None,
        recipient=form.get("recipient", "") if editing else form.get("recipient") or None,
        office=None if editing else form.get("office") or None)


def create_from_form(who: Principal, form: Mapping[str, str], tz: str) -> str:
    """Draft the letter of the posted form; returns its reference (SURAT-n). Raises the
    errors of outgoing.draft_letter."""
    rt = current()
    with rt.uow() as uow:
        case, _ = draft_letter(uow, rt.clock, who, draft_of_form(form), tz)
        ref = public_ref(case)
        uow.commit()
    return ref


def edit_from_form(who: Principal, ref: str, form: Mapping[str, str]) -> str:
    """Change the draft `ref` as the posted edit form says; returns its reference. Raises
    the errors of outgoing.edit_letter (NotDraft 409, NotDrafter 403, the fields' 422)."""
    rt = current()
    with rt.uow() as uow:
        case, _ = edit_letter(uow, rt.clock, who, ref, draft_of_form(form, editing=True))
        ref = public_ref(case)
        uow.commit()
    return ref


def _usernames(uow: Any, ids: list[int]) -> list[str]:
    from .outgoing_people import user_named

    return [user.username for user in (user_named(uow, i) for i in ids) if user]


def values_of(who: Principal, ref: str) -> dict[str, Any]:
    """The draft `ref`'s current values as the edit form's fields (outgoing_of's errors)."""
    with current().uow(write=False) as uow:
        case, letter = outgoing_of(uow, who, ref)
        steps = chain(uow, case.id)
        reviewers = _usernames(uow, [s.user_id for s in steps if s.step == "paraf"])
        signer = _usernames(uow, [s.user_id for s in steps if s.step == "sign"])
        office = uow.offices.by_id(letter.office_id)
        to_office = uow.offices.by_id(letter.to_office_id) if letter.to_office_id else None
        values = _letter_values(letter)
        values.update({"office": office.code if office else "",
                       "to_office": to_office.code if to_office else "",
                       "signer": signer[0] if signer else "", "state": case.state,
                       "drafter": letter.created_by == who.id})
        values.update({f"reviewer_{n}": name for n, name in enumerate(reviewers, 1)})
    return values


def _letter_values(letter: SuratLetter) -> dict[str, Any]:
    return {"subject": letter.subject, "body": letter.body, "recipient": letter.recipient or "",
            "classification": letter.classification, "access": letter.access,
            "urgency": letter.urgency, "delivery": letter.delivery}
