"""The `/anggaran` page's forms: an office's staff makes a budget line from a ready
proposal or a programme (lines.create); the planning agency loads the standard-cost CSV
(standard_costs.load) and sets an office's ceiling (ceilings.set_ceiling). A refusal
shows the page again with the message next to the field it is about."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask import redirect, request, url_for
from flask.typing import ResponseReturnValue

from queue_server.domain.errors import DomainError, Words
from queue_server.runtime import csrf, current
from queue_server.staff_session import signed_in

from . import ceilings, lines, pages_view, standard_costs
from .errors import NumberInvalid, StandardCostsInvalid
from .pages import pages
from .pages_common import lang_args, login_page
from .rules import MAX_RUPIAH

MAX_CSV_BYTES = 1_000_000  # a city's standard-cost list is a few thousand rows
SOURCES = ("proposal", "programme")


# What a number field is (both languages), its largest value and an example: the API's
# bounds (api_schemas.LineBody, CeilingBody).
NUMBERS = {"quantity": (Words("Volume", "The quantity"), Decimal(10**9), "12,5"),
           "unit_price": (Words("Harga satuan", "The unit price"), Decimal(10**14),
                          "185.000"),
           "amount": (Words("Pagu", "The ceiling"), Decimal(MAX_RUPIAH), "2.500.000.000")}


def _number(name: str, required: bool = False) -> Decimal | None:
    """The form's `name` (a key of NUMBERS) as people write it: `1.250.000` rupiah (dots
    group thousands, whole only), a quantity `12,5` (comma or dot decimals); empty:
    None unless `required`; `NumberInvalid` (422, said next to the field) for anything else."""
    what, most, example = NUMBERS[name]
    text = request.form.get(name, "").strip()[:40]
    if not text and not required:
        return None
    plain = text.replace(",", ".") if name == "quantity" else text.replace(".", "")
    try:
        number = Decimal(plain)
    except InvalidOperation:
        number = Decimal("NaN")
    whole = name == "quantity" or (number.is_finite() and number == number.to_integral())
    if not (number.is_finite() and whole and 0 < number <= most):
        raise NumberInvalid(name, what, f"{most:,}".replace(",", "."), example)
    return number


def _asked(source: str) -> lines.NewLine:
    form = request.form
    year = form.get("year", "").strip()
    quantity, price = _number("quantity"), _number("unit_price")
    return lines.NewLine(
        office=form.get("office", "")[:40], code=form.get("code", "")[:60],
        proposal=form.get("proposal", "")[:40] if source == "proposal" else "",
        title=form.get("title", "")[:300], standard_cost=form.get("standard_cost", "")[:40],
        year=int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None,
        quantity=quantity.quantize(Decimal("0.01")) if quantity is not None else None,
        unit_price=int(price) if price is not None else None)


def _signed_in_posting() -> ResponseReturnValue | None:
    if signed_in() is None:
        return login_page("anggaran", status=401)
    csrf.protect()
    return None


@pages.post("/anggaran/baris")
def make_line() -> ResponseReturnValue:
    """The office's form: a draft line from a ready proposal or a programme."""
    refused = _signed_in_posting()
    if refused is not None:
        return refused
    who, rt = signed_in(), current()
    assert who is not None
    source = request.form.get("source", "")
    source = source if source in SOURCES else "programme"
    try:
        line_id = lines.create(rt.uow(), rt.clock, who, _asked(source))
    except DomainError as exc:
        return pages_view.refused(who, source, exc)
    return redirect(url_for("budgeting_pages.lines", done=f"line-{line_id}", **lang_args()),
                    code=303)


def _csv_text() -> str:
    upload = request.files.get("file")
    raw = upload.read(MAX_CSV_BYTES + 1) if upload and upload.filename else b""
    text = raw.decode("utf-8", errors="replace") if raw else request.form.get("csv", "")
    if len(text) > MAX_CSV_BYTES:
        raise StandardCostsInvalid([{"row": 0, "reason_id": "berkas lebih dari 1 MB",
                                     "reason": "the file is larger than 1 MB"}])
    return text


@pages.post("/anggaran/standar-harga")
def load_costs() -> ResponseReturnValue:
    """The agency's form: the year's standard costs from a CSV file or pasted text."""
    refused = _signed_in_posting()
    if refused is not None:
        return refused
    who, rt = signed_in(), current()
    assert who is not None
    try:
        standard_costs.load(rt.uow(), who, pages_view.page_year(), _csv_text())
    except DomainError as exc:
        return pages_view.refused(who, "costs", exc)
    return redirect(url_for("budgeting_pages.lines", year=pages_view.page_year(),
                            done="costs", **lang_args()), code=303)


@pages.post("/anggaran/pagu")
def set_ceiling() -> ResponseReturnValue:
    """The agency's form: an office's ceiling for the year (rupiah)."""
    refused = _signed_in_posting()
    if refused is not None:
        return refused
    who, rt = signed_in(), current()
    assert who is not None
    try:
        amount = int(_number("amount", required=True) or 0)
        ceilings.set_ceiling(rt.uow(), who, pages_view.page_year(),
                             request.form.get("office", "")[:40], amount)
    except DomainError as exc:
        return pages_view.refused(who, "ceiling", exc)
    return redirect(url_for("budgeting_pages.lines", year=pages_view.page_year(),
                            done="ceiling", **lang_args()), code=303)
