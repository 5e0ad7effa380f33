"""One application for staff, `/ssw/kasus/{ref}` (its public reference `SSW-12`: staff
never see the tracking code): the applicant, each document with its view link and the
desk's accept / revise-with-reason form, the reviews (each office's form for its
members), the inspection checklist (inspectors), the deadline, the timeline, and the
head's issue / reject / revoke. Every form posts to `/ssw/kasus/{ref}/aksi` with its
CSRF token; the use case behind it checks the caller's roles again (checks, reviews,
inspections, decisions)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Response, current_app, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue

from queue_server.domain.attachments import FileNotFound
from queue_server.domain.errors import DomainError
from queue_server.i18n import page_language
from queue_server.persistence.case_file_store import file_store
from queue_server.persistence.document_store import document_store
from queue_server.runtime import csrf, current
from queue_server.services import case_files
from queue_server.services.auth import Principal
from queue_server.services.cases import find_by_ref
from queue_server.signing import signer_of
from queue_server.staff_session import signed_in

from . import MODULE
from .checks import check_document
from .decisions import issue_permit, reject, revoke_permit, send_back
from .flow import WORKFLOW
from .inspections import record_inspection
from .pages import bp, city_zone, lang_args, said
from .pages_staff import login_page, refused, shown_name, staff_nav
from .pages_timeline import words_of
from .pages_words import document_state, progress_words, review_state, timeline_actions
from .reviews import decide_review
from .views import require_file, staff_view

ERROR_KEY = "ssw_act_error"  # the refusal of the last form, shown once on its page


def _view(who: Principal, ref: str) -> dict[str, Any]:
    """views.staff_view with the words the page adds (states, progress)."""
    lang = page_language()
    view = staff_view(current().uow(write=False), who, ref, city_zone(), lang)
    for doc in view.get("documents", []):
        doc["state_said"] = document_state(doc.get("state", ""), lang)
    for item in view.get("reviews", []):
        item["state_said"] = review_state(item.get("state", ""), lang)
    view["progress_said"] = progress_words(view.get("progress"), lang)
    words = timeline_actions({t.action: (t.label_id, t.label_en)
                              for t in WORKFLOW.transitions.values()}, lang)
    for line in view.get("timeline", []):
        line["action_said"] = words.get(line.get("action", ""), line.get("action", ""))
    words_of(current().uow(write=False), view, ref, lang)
    return view


def _page(who: Principal, ref: str, error: str | None = None,
          status: int = 200) -> ResponseReturnValue:
    try:
        view = _view(who, ref)
    except DomainError as exc:
        return refused(who, exc)
    return render_template("ssw/case.html", lang=page_language(), user=shown_name(who),
                           nav=staff_nav(who), a=view, ref=ref, error=error), status


@bp.get("/kasus/<ref>")
def case(ref: str) -> ResponseReturnValue:
    """The application `ref` for staff who may read it (403 another's, 404 unknown)."""
    who = signed_in()
    if who is None:
        return login_page(request.path)
    ref = ref.upper()
    kept = session.pop(ERROR_KEY, None)
    error = kept[1] if isinstance(kept, list) and len(kept) == 2 and kept[0] == ref else None
    return _page(who, ref, error)


def _answers(checklist: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The checklist's answers as posted: item code → {ok, note}."""
    return {item["code"]: {"ok": request.form.get(f"ok-{item['code']}") == "1",
                           "note": request.form.get(f"note-{item['code']}", "").strip()[:500]}
            for item in checklist}


def _to_correct() -> dict[str, str]:
    """The documents ticked on the send-back form, each with its reason as posted
    (requirement code → reason; decisions.send_back refuses none ticked or a reason
    left empty)."""
    return {code: request.form.get(f"why-{code}", "").strip()[:500]
            for code in request.form.getlist("revise_doc")[:50] if code}


def _checklist(who: Principal, ref: str) -> list[dict[str, Any]]:
    view = staff_view(current().uow(write=False), who, ref, city_zone(), page_language())
    return list(view.get("permit", {}).get("checklist") or [])


def _doing(who: Principal, ref: str, do: str) -> Callable[[], Any] | None:
    """The use case call the form `do` asks for, or None for an unknown form."""
    rt, form = current(), request.form
    text = form.get("text", "").strip()[:2000]
    calls: dict[str, Callable[[], Any]] = {
        "check": lambda: check_document(rt.uow(), rt.clock, who, ref, form.get("requirement", ""),
                                        form.get("accepted") == "1", text),
        "review": lambda: decide_review(rt.uow(), rt.clock, who, ref, form.get("office", ""),
                                        form.get("approve") == "1", text),
        "inspect": lambda: record_inspection(rt.uow(), rt.clock, who, ref,
                                             _answers(_checklist(who, ref)),
                                             form.get("result", ""), text),
        "issue": lambda: issue_permit(rt.uow(), rt.clock, who, ref, signer_of(current_app),
                                      document_store(current_app.instance_path),
                                      (current_app.config.get("PUBLIC_URL")
                                       or request.host_url).rstrip("/")),
        "reject": lambda: reject(rt.uow(), rt.clock, who, ref, text),
        "send_back": lambda: send_back(rt.uow(), rt.clock, who, ref, text, _to_correct()),
        "revoke": lambda: revoke_permit(rt.uow(), rt.clock, who, ref, text)}
    return calls.get(do)


@bp.post("/kasus/<ref>/aksi")
def act(ref: str) -> ResponseReturnValue:
    """One staff form of the page (`do`: check, review, inspect, issue, send_back,
    reject, revoke) through its use case; back to the page (303) in any case, a refusal
    said at its top (kept in the session for that one showing: the address never stays
    at `/aksi`, so a reload posts nothing again)."""
    csrf.protect()
    who = signed_in()
    if who is None:
        return login_page(url_for("ssw_pages.case", ref=ref.upper()), status=401)
    ref = ref.upper()
    call = _doing(who, ref, request.form.get("do", ""))
    try:
        if call is None:
            session[ERROR_KEY] = [ref, said_unknown()]
        else:
            call()
    except DomainError as exc:
        session[ERROR_KEY] = [ref, said(exc)]
    return redirect(url_for("ssw_pages.case", ref=ref, **lang_args()), code=303)


def said_unknown() -> str:
    """The refusal of a form the page does not know."""
    from queue_server.domain.texts import text

    return text("ssw_page_unknown_form", page_language())


@bp.get("/kasus/<ref>/berkas/<int:file_id>")
def case_file(ref: str, file_id: int) -> ResponseReturnValue:
    """A document of the application for staff who may read it (its view link);
    another office's, or a personal document (the KTP) for a reviewing office's staff
    (views.require_file): 403; a file not among its documents: 404."""
    who = signed_in()
    if who is None:
        return login_page(request.path, status=401)
    ref = ref.upper()
    try:
        require_file(current().uow(write=False), who, ref, file_id)
        view = staff_view(current().uow(write=False), who, ref, city_zone(), page_language())
        if file_id not in {d.get("file_id") for d in view.get("documents", [])}:
            raise FileNotFound()
        with current().uow(write=False) as uow:
            row = uow.cases.file(find_by_ref(uow, ref, MODULE).id, file_id)
            if row is None:
                raise FileNotFound()
            kind, data = row.content_type, case_files.read(
                file_store(current_app.instance_path), row)
    except DomainError as exc:
        return refused(who, exc)
    return Response(data, mimetype=kind, headers={
        "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff",
        "Content-Disposition": "inline"})
