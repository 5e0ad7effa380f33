"""e-Musrenbang's public pages: `/musrenbang` (the cycle, its phases with dates, per
kelurahan the proposals with their state, reasons of rejected and returned ones, the
ranking with why a proposal fell out, the kecamatan minutes) and `/musrenbang/usulan/
{ref}` (one proposal: item, amount, where, its public timeline, the reason, and what
became of it: controlling.follow). No personal data: an RW is named by its office. The
staff pages (RW form, work list) are in pages_staff.py."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, Flask, render_template
from flask.typing import ResponseReturnValue

from queue_server.domain.dates import long_date
from queue_server.domain.errors import DomainError
from queue_server.i18n import page_language
from queue_server.runtime import current

from ..controlling.follow import follow
from . import minutes, views
from .flow import cycle, proposal, today
from .models import MusrenbangProposal
from .rules import PHASE_WORDS, PHASES, money, open_phase

bp = Blueprint("musrenbang_pages", __name__, url_prefix="/musrenbang",
               template_folder="templates", static_folder="static")
STATUS = {"forbidden": 403, "not_found": 404, "unauthorized": 401, "rate_limited": 429,
          "conflict": 409, "invalid": 422}


def said(exc: DomainError) -> str:
    """A named error's message in the page's language."""
    return exc.message_en if page_language() == "en" else exc.message


def status_of(exc: DomainError) -> int:
    """The HTTP status of a named error's kind (422 when unknown)."""
    return STATUS.get(exc.kind, 422)


def rupiah(amount: int | None) -> str:
    """Whole rupiah in the page's language ("Rp 1.500.000" / "IDR 1,500,000")."""
    words = money(int(amount or 0))
    return words.en if page_language() == "en" else words.id


def phase_rows(phases: dict[str, Any], now: str | None) -> list[dict[str, Any]]:
    """The cycle's phases as the page lists them: name, dates in words, open or not."""
    lang = page_language()
    out = []
    for code in PHASES:
        span = phases.get(code)
        if span:
            words = PHASE_WORDS[code]
            out.append({"code": code, "name": words.en if lang == "en" else words.id,
                        "starts": long_date(date.fromisoformat(span["starts"]), lang),
                        "ends": long_date(date.fromisoformat(span["ends"]), lang),
                        "open": code == now})
    return out


def with_money(item: dict[str, Any]) -> dict[str, Any]:
    """A proposal's row with its prices in words."""
    quantity = f"{item['quantity']:g}"
    return {**item, "amount_said": rupiah(item["amount"]),
            "quantity_said": quantity if page_language() == "en" else quantity.replace(".", ","),
            "unit_price_said": rupiah(item["adjusted_price"] or item["unit_price"])}


@bp.get("")
def public() -> ResponseReturnValue:
    """The latest cycle in public (a page saying there is none yet, 200)."""
    rt = current()
    lang = page_language()
    with rt.uow(write=False) as uow:
        try:
            row = cycle(uow)
        except DomainError:
            return render_template("musrenbang/public.html", lang=lang, cycle=None)
        now = open_phase(row.phases, today(rt.clock))
        groups = [{"kelurahan": g["kelurahan"],
                   "proposals": [with_money(p) for p in g["proposals"]]}
                  for g in views.by_kelurahan(uow, row, lang)]
        shown = {"year": row.year, "phases": phase_rows(row.phases, now),
                 "minutes": minutes.of_cycle(uow, row)}
    return render_template("musrenbang/public.html", lang=lang, cycle=shown, groups=groups)


@bp.get("/usulan/<ref>")
def one(ref: str) -> ResponseReturnValue:
    """One proposal in public (404 page for an unknown reference)."""
    lang = page_language()
    with current().uow(write=False) as uow:
        try:
            row = proposal(uow, ref)
        except DomainError as exc:
            return render_template("musrenbang/missing.html", lang=lang,
                                   message=said(exc)), status_of(exc)
        shown = with_money(views.rows(uow, MusrenbangProposal.id == row.id, lang)[0])
        lines = views.public_timeline(uow, row)
        after = follow(uow, row.id)
    for line in lines:
        line["label"] = line["to_label_en"] if lang == "en" else line["to_label"]
    if after:
        for package in after.get("packages", []):
            package["value_said"] = rupiah(package.get("value"))
    return render_template("musrenbang/proposal.html", lang=lang, p=shown, lines=lines,
                           after=after)


def register_pages(app: Flask) -> None:
    """Add e-Musrenbang's pages (public and staff) to `app`."""
    from . import pages_staff  # noqa: F401  (its routes on `bp`)

    app.register_blueprint(bp)
