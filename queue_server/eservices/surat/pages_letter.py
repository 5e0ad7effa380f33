"""e-Surat's letter page (`/surat/{ref}`, incoming and outgoing): details, the scan link,
the dispositions with their read receipts and the actions the reader may take (dispose,
withdraw, pass on, follow up, file), posted back to this page (CSRF-checked) and done by
the same use cases as the API. Opening the page is the recipient's read receipt. An
outgoing letter's part is helper B's partial `surat/_outgoing.html`."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from queue_server.domain.errors import DomainError
from queue_server.i18n import page_language
from queue_server.runtime import csrf, current
from queue_server.services.auth import Principal
from queue_server.services.cases import staff_actor

from . import dispositions, incoming_close
from .incoming_register import user_ids
from .letters import general_view, locate
from .pages_incoming import bp, keep, login_page, refused, said, zone
from .pages_people import member_choices
from .pages_words import named_timeline
from .workflows import workflow_of


def _context(who: Principal, ref: str) -> dict[str, Any]:
    """What the page shows (locate's errors when `who` may not read it); marks the
    reader's own dispositions read (the read receipt) first."""
    rt = current()
    with rt.uow() as uow:
        case, letter = locate(uow, who, ref)
        dispositions.mark_read(uow, rt.clock, who, case.id)
        uow.commit()
    with rt.uow(write=False) as uow:
        case, letter = locate(uow, who, ref)
        roles = staff_actor(uow, who, case, None).roles
        actions = {t.action for t in workflow_of(case.kind).actions_from(case.state, roles)}
        view = general_view(uow, who, ref, zone())
        view["timeline"] = named_timeline(uow, view["timeline"])
        return {"view": view, "case": case, "letter": letter,
                "ref": ref.upper(), "principal_roles": roles, "actions": actions,
                "dispositions": incoming_close.listing(uow, who, ref),
                "members": member_choices(uow, letter.office_id),
                "me": who.id}


@bp.get("/<ref>")
def letter(ref: str) -> ResponseReturnValue:
    """The letter page (see the module docstring)."""
    who = signed_in_or_none()
    if who is None:
        return login_page("home")
    try:
        context = _context(who, ref)
    except DomainError as exc:
        return refused(who, exc)
    return render_template("surat/letter.html", lang=page_language(), user=who.name,
                           error=request.args.get("error"), **context)


def signed_in_or_none() -> Principal | None:
    """The signed-in member of staff (staff_session.signed_in)."""
    from queue_server.staff_session import signed_in

    return signed_in()


def _giving(uow: Any, office_id: int, form: Any) -> dispositions.Giving:
    due, days = form.get("due", "").strip(), form.get("due_days", "").strip()
    parent = form.get("parent_id", "").strip()
    try:
        due_date = date.fromisoformat(due) if due else None
    except ValueError:
        due_date = None
    return dispositions.Giving(
        to=user_ids(uow, office_id, form.getlist("to")), instruction=form.get("instruction", ""),
        due=due_date, due_days=int(days) if days.isdigit() else None,
        parent_id=int(parent) if parent.isdigit() else None)


def _do(who: Principal, ref: str, form: Any) -> None:
    """Take the posted action (`do`) on the letter `ref` (the use cases' errors)."""
    rt, tz, what = current(), zone(), form.get("do", "")
    number = form.get("disposition", "")
    disposition_id = int(number) if number.isdigit() else 0
    with rt.uow() as uow:
        if what in ("dispose", "pass_on"):
            _, row = locate(uow, who, ref)
            dispositions.give(uow, rt.clock, who, ref, _giving(uow, row.office_id, form), tz)
        elif what == "withdraw":
            dispositions.withdraw(uow, rt.clock, who, ref, disposition_id, tz)
        elif what == "follow_up":
            incoming_close.follow_up(uow, rt.clock, who, ref, disposition_id,
                                     form.get("text", ""), form.get("done") != "0", tz)
        elif what == "file":
            incoming_close.file_letter(uow, rt.clock, who, ref, form.get("comment", ""), tz)
        uow.commit()


@bp.post("/<ref>")
def letter_post(ref: str) -> ResponseReturnValue:
    """An action posted from the letter page; back to the page, with the refusal's
    message when refused."""
    who = signed_in_or_none()
    if who is None:
        return login_page("home", status=401)
    csrf.protect()
    try:
        _do(who, ref, request.form)
    except DomainError as exc:
        if exc.kind in ("forbidden", "not_found") and exc.code in (
                "letter_forbidden", "case_not_found"):
            return refused(who, exc)
        return redirect(url_for("surat_pages.letter", ref=ref, error=said(exc), **keep()),
                        code=303)
    return redirect(url_for("surat_pages.letter", ref=ref, **keep()), code=303)
