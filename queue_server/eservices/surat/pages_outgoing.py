"""e-Surat's outgoing letters' pages (Indonesian by default, `?lang=en`), signed in with
the shared staff login as the other e-Surat pages: the office's outgoing letters and
those waiting for the reader (`/surat/keluar`), the draft form from a template
(`/surat/keluar/baru`: the template's placeholders as fields, the paraf chain chosen from
the office's members), and the outgoing part of the letter page (`surat/_outgoing.html`,
included by `/surat/{ref}`), whose action forms post to `/surat/keluar/{ref}/aksi`. Forms
are CSRF-checked and call the same use cases as the API."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Flask, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from queue_server.domain.errors import DomainError
from queue_server.i18n import page_language
from queue_server.persistence.document_store import document_store
from queue_server.runtime import csrf, current
from queue_server.services.auth import Principal
from queue_server.signing import signer_of
from queue_server.staff_session import signed_in

from .outgoing import outgoing_of
from .outgoing_actions import act_on_letter
from .outgoing_form import FREE, create_from_form, edit_from_form, form_context, values_of
from .outgoing_sign import Signing
from .outgoing_views import letter_view, lists

bp = Blueprint("surat_out_pages", __name__, url_prefix="/surat/keluar",
               template_folder="templates")


def _zone() -> str:
    return str(current_app.config.get("CITY_TIMEZONE", "Asia/Jakarta"))


def _keep() -> dict[str, Any]:
    return {"lang": "en"} if page_language() == "en" else {}


def _said(exc: DomainError) -> str:
    return exc.message_en if page_language() == "en" else exc.message


def _login() -> ResponseReturnValue:
    from .pages_incoming import login_page

    return login_page("home")


@bp.get("")
def outgoing() -> ResponseReturnValue:
    """The office's outgoing letters and those waiting for the reader."""
    who = signed_in()
    if who is None:
        return _login()
    with current().uow(write=False) as uow:
        rows = lists(uow, who)
    return render_template("surat/keluar.html", lang=page_language(), user=who.name,
                           rows=rows)


@bp.route("/baru", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    """The draft form (GET, `?template=` chooses the template) and its target (POST:
    the draft is made and its letter page opens; a refusal shows the form again)."""
    who = signed_in()
    if who is None:
        return _login()
    error, status = None, 200
    if request.method == "POST":
        csrf.protect()
        try:
            ref = create_from_form(who, request.form, _zone())
            return redirect(url_for("surat_pages.letter", ref=ref, **_keep()), 303)
        except DomainError as exc:
            error, status = _said(exc), 403 if exc.kind == "forbidden" else 422
    source = request.form if request.method == "POST" else request.args
    return render_template("surat/keluar_baru.html", lang=page_language(), user=who.name,
                           error=error, **form_context(who, source)), status


@bp.route("/<ref>/ubah", methods=["GET", "POST"])
def edit(ref: str) -> ResponseReturnValue:
    """The edit form of a draft (a returned one too) for its drafter (GET: the draft's
    values; POST: the change, then the letter page; a refusal shows the form again)."""
    who = signed_in()
    if who is None:
        return _login()
    error, status = None, 200
    try:
        values = values_of(who, ref)
    except DomainError as exc:
        from .pages_incoming import refused

        return refused(who, exc)
    if request.method == "POST":
        csrf.protect()
        try:
            edit_from_form(who, ref, request.form)
            return redirect(url_for("surat_pages.letter", ref=ref, **_keep()), 303)
        except DomainError as exc:
            error, status = _said(exc), 403 if exc.kind == "forbidden" else 422
            values = {**values, **request.form}
    return render_template("surat/keluar_baru.html", lang=page_language(), user=who.name,
                           error=error, editing=ref.upper(),
                           **form_context(who, {**values, "template": FREE})), status


@bp.post("/<ref>/aksi")
def act(ref: str) -> ResponseReturnValue:
    """An action of the letter page's outgoing part: back to the letter page, with the
    refusal's message when there is one."""
    who = signed_in()
    if who is None:
        return _login()
    csrf.protect()
    rt = current()
    base = (current_app.config.get("PUBLIC_URL") or request.host_url).rstrip("/")
    signing = Signing(signer_of(current_app), document_store(current_app.instance_path), base)
    target = url_for("surat_pages.letter", ref=ref, **_keep())
    try:
        with rt.uow() as uow:
            act_on_letter(uow, rt.clock, who, ref, request.form.get("action", ""),
                          request.form.get("comment", ""), signing, _zone())
            uow.commit()
    except DomainError as exc:
        return redirect(f"{target}{'&' if '?' in target else '?'}"
                        f"{urlencode({'error': _said(exc)})}", 303)
    return redirect(target, 303)


def outgoing_view(ref: str) -> dict[str, Any] | None:
    """The outgoing letter `ref` as the signed-in reader sees it (outgoing_views), for
    the letter page's partial; None when there is no reader or they may not read it."""
    who: Principal | None = signed_in()
    if who is None:
        return None
    try:
        with current().uow(write=False) as uow:
            case, letter = outgoing_of(uow, who, ref)
            return letter_view(uow, who, case, letter)
    except DomainError:
        return None


def register_pages(app: Flask) -> None:
    """Register the outgoing pages and the partial's helper with `app`."""
    app.register_blueprint(bp)
    app.add_template_global(outgoing_view, "surat_outgoing_view")
