"""The application form as posted to `/ssw/ajukan/{type}`: its fields read and checked one
by one so each wrong one is marked where it is (the use case checks again: this only
spares the applicant a round trip with everything re-chosen), and the documents, one
file input per requirement (`doc-{code}`), each within the catalogue's types and the
case file limit (CASE_FILE_MAX_BYTES)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import request

from queue_server.domain.errors import DomainError
from queue_server.domain.identity import normalise_identifier, parse_nik, parse_phone
from queue_server.domain.texts import text
from queue_server.i18n import page_language

from .applications import NIB, Application

FIELDS = ("applicant_kind", "name", "nik", "phone", "address", "kelurahan",
          "business_name", "nib")
# The catalogue's document types and the content types a browser sends for them.
TYPES = {"pdf": ("application/pdf",), "jpeg": ("image/jpeg", "image/jpg"),
         "png": ("image/png",)}
LIMITS = {"name": 120, "address": 300, "kelurahan": 80, "business_name": 200}


@dataclass
class PostedForm:
    """The form as posted: `values` (typed text, for the form shown again), `errors`
    (field → message), the Application and files (requirement → (bytes, file name))
    when there are no errors."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    application: Application | None = None

    def field_errors(self, exc: DomainError) -> dict[str, str]:
        """The use case's refusal placed at its field when it names one (a
        requirement's file or an applicant's field), else no field errors."""
        named = [str(v) for v in exc.values.values()] + [str(v) for v in exc.details.values()]
        spots = {f"doc-{code}" for code in self.values.get("_docs", "").split()} | set(FIELDS)
        return {spot: said_of(exc) for spot in spots
                if any(spot.removeprefix("doc-") in n.split(", ") for n in named)}


def said_of(exc: DomainError) -> str:
    """A named error's message in the page's language."""
    return exc.message_en if page_language() == "en" else exc.message


def _reads(check: Any) -> bool:
    """Whether `check()` passes the domain's rule (False on its named error)."""
    try:
        check()
    except DomainError:
        return False
    return True


def _check_fields(values: dict[str, str], lang: str) -> dict[str, str]:
    errors = {}
    for name in ("name", "nik", "phone", "address"):
        if not values.get(name):
            errors[name] = text("ssw_page_v_required", lang)
    # The domain's own checks (as the use case and e-Wadul read them: grouped NIKs and
    # +62 / 08 numbers with spaces or dashes are fine).
    if values.get("nik") and not _reads(lambda: parse_nik(
            normalise_identifier(values["nik"], "nik"), date.today())):
        errors["nik"] = text("ssw_page_v_nik", lang)
    if values.get("phone") and not _reads(lambda: parse_phone(
            normalise_identifier(values["phone"], "phone"))):
        errors["phone"] = text("ssw_page_v_phone", lang)
    if values.get("applicant_kind") == "business":
        if not values.get("business_name"):
            errors["business_name"] = text("ssw_page_v_required", lang)
        if not NIB.fullmatch(values.get("nib", "")):
            errors["nib"] = text("ssw_page_v_nib", lang)
    for name, most in LIMITS.items():
        if len(values.get(name, "")) > most:
            errors[name] = text("ssw_page_v_long", lang, n=most)
    return errors


def read_file(document: dict[str, Any], most: int, lang: str
                ) -> tuple[tuple[bytes, str] | None, str | None]:
    """One requirement's file: (bytes, file name) or None, and its error or None."""
    sent = request.files.get(f"doc-{document['code']}")
    if sent is None or not sent.filename:
        return None, (text("ssw_page_v_file_required", lang) if document["required"] else None)
    data = sent.read(most + 1)
    kinds = [t for kind in document["types"] for t in TYPES.get(kind, ())]
    content_type = (sent.mimetype or "").lower()
    if not data:
        return None, text("ssw_page_v_file_empty", lang)
    if len(data) > most:
        return None, text("ssw_page_v_file_large", lang, mb=f"{most / 1048576:g}")
    if kinds and content_type not in kinds:
        return None, text("ssw_page_v_file_type", lang,
                          types=", ".join(t.upper() for t in document["types"]))
    return (data, sent.filename[:120]), None


def read_form(permit: dict[str, Any], most: int) -> PostedForm:
    """The posted application for `permit` (pages.permit_facts), checked; `most` the
    largest file in bytes."""
    lang = page_language()
    values = {name: request.form.get(name, "").strip() for name in FIELDS}
    values["applicant_kind"] = ("business" if values["applicant_kind"] == "business"
                                else "person")
    values["_docs"] = " ".join(d["code"] for d in permit["documents"])
    form = PostedForm(values, _check_fields(values, lang))
    for document in permit["documents"]:
        kept, error = read_file(document, most, lang)
        if error:
            form.errors[f"doc-{document['code']}"] = error
        elif kept is not None:
            form.files[document["code"]] = kept
    if not form.errors:
        business = values["applicant_kind"] == "business"
        form.application = Application(
            permit_type=permit["code"], applicant_kind=values["applicant_kind"],
            nik=values["nik"], phone=values["phone"], name=values["name"],
            address=values["address"], kelurahan=values["kelurahan"] or None,
            business_name=values["business_name"] if business else None,
            nib=values["nib"] if business else None)
    return form
