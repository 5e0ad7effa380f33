"""The applicant's re-upload page, `/ssw/berkas/{code}` (the tracking code is their
secret, as on `/c/{code}`): only the documents the desk flagged `revision`, each with its
reason and one file input, posted to applications.resubmit; the others keep moving. An
unknown code counts as a code guess (edge/code_guard.py) and answers 404."""

from __future__ import annotations

from typing import Any

from flask import current_app, redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from queue_server.domain.codes import normalise_code
from queue_server.domain.errors import DomainError
from queue_server.edge import code_guard
from queue_server.i18n import page_language
from queue_server.persistence.case_file_store import file_store
from queue_server.runtime import csrf, current
from queue_server.services.case_files import max_bytes
from queue_server.services.cases import find

from . import MODULE
from .applications import resubmit
from .pages import bp, lang_args, limit_mb, said, status_of
from .pages_form import read_file
from .public import application_of, requirement_names
from .store import latest_documents

# The owner's pages: never indexed, never kept by a browser or proxy cache.
NOINDEX = {"X-Robots-Tag": "noindex", "Cache-Control": "private, no-store"}


def flagged(code: str) -> dict[str, Any] | None:
    """The application of tracking `code` as the re-upload page needs it: `code`,
    `permit` (name), `documents` flagged `revision` (code, name, reason, types,
    required), or None for an unknown code."""
    lang = page_language()
    with current().uow(write=False) as uow:
        try:
            case = find(uow, normalise_code(code), MODULE)
        except DomainError:
            return None
        found = application_of(uow, case)
        if found is None:
            return None
        _, permit = found
        names = requirement_names(permit, lang)
        types = {d["code"]: list(d.get("types") or []) for d in permit.documents or []}
        docs = [{"code": d.requirement, "name": names.get(d.requirement, d.requirement),
                 "reason": d.reason, "types": types.get(d.requirement, []), "required": True}
                for d in latest_documents(uow, case.id).values() if d.state == "revision"]
        return {"code": case.code, "state": case.state, "documents": docs,
                "permit": permit.name_en if lang == "en" and permit.name_en else permit.name}


def _page(found: dict[str, Any], errors: dict[str, str] | None = None,
          error: str | None = None, status: int = 200) -> ResponseReturnValue:
    return render_template("ssw/berkas.html", lang=page_language(), a=found,
                           errors=errors or {}, error=error, max_mb=limit_mb()
                           ), status, NOINDEX


def _unknown() -> ResponseReturnValue:
    code_guard.count_miss()  # CodeProbing (429) once a caller has guessed too often
    return render_template("ssw/missing.html", lang=page_language()), 404, NOINDEX


@bp.get("/berkas/<code>")
def reupload(code: str) -> ResponseReturnValue:
    """The flagged documents of the application of tracking `code`, each with its
    reason and a file input (or a line saying nothing is flagged)."""
    found = flagged(code)
    return _unknown() if found is None else _page(found)


@bp.post("/berkas/<code>")
def reupload_post(code: str) -> ResponseReturnValue:
    """The corrected documents: each checked (type, size), then applications.resubmit;
    on to `/c/{code}` (303). Wrong files are marked at their input (422)."""
    csrf.protect()
    found = flagged(code)
    if found is None:
        return _unknown()
    errors: dict[str, str] = {}
    files: dict[str, tuple[bytes, str]] = {}
    for document in found["documents"]:
        kept, error = read_file(document, max_bytes(current_app.config), page_language())
        if error:
            errors[f"doc-{document['code']}"] = error
        elif kept is not None:
            files[document["code"]] = kept
    if errors:
        return _page(found, errors, None, 422)
    rt = current()
    try:
        resubmit(rt.uow(), rt.clock, found["code"], files,
                 file_store(current_app.instance_path), max_bytes(current_app.config))
    except DomainError as exc:
        return _page(found, {}, said(exc), status_of(exc))
    return redirect(url_for("casepage.case", code=found["code"], **lang_args()), code=303)
