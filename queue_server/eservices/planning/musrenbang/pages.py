"""e-Musrenbang's public pages: `/musrenbang` (the cycle, its phases with dates, per
kelurahan the proposals with their state, reasons of rejected and returned ones, the
ranking with why a proposal fell out, the kecamatan minutes) and `/musrenbang/usulan/
{ref}` (one proposal: item, amount, where, its public timeline, the reason, and what
became of it: controlling.follow). No personal data: an RW is named by its office. The
staff pages (RW form, work list) are in pages_staff.py."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, Flask, render_template, request
from flask.typing import ResponseReturnValue

from queue_server.domain.dates import MONTHS, long_date
from queue_server.domain.errors import DomainError
from queue_server.domain.texts import text
from queue_server.i18n import page_language
from queue_server.runtime import current

from ..controlling.follow import follow
from . import agency, minutes, views
from .errors import CycleNotFound
from .flow import cycle, proposal, today
from .models import MusrenbangCycle, MusrenbangProposal
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


def percent(value: float | None) -> str:
    """A percentage as the page's language writes it: "100 %", "62,5 %" / "62.5 %"."""
    said = f"{float(value or 0):.2f}".rstrip("0").rstrip(".")
    return f"{said if page_language() == 'en' else said.replace('.', ',')} %"


def month_words(month: str | None) -> str:
    """ "YYYY-MM" as words in the page's language ("Oktober 2026")."""
    if not month:
        return ""
    year, number = month.split("-")
    return f"{text(f'date.{MONTHS[int(number) - 1]}', page_language())} {year}"


def minutes_said(listed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The forum minutes (minutes.of_cycle) with their date in words."""
    lang = page_language()
    return [{**m, "held_said": long_date(date.fromisoformat(m["held_on"]), lang)}
            for m in listed]


def _asked_year() -> int | None:
    raw = request.args.get("tahun", "").strip()
    return int(raw) if raw.isdigit() and len(raw) == 4 else (0 if raw else None)


@bp.get("")
def public() -> ResponseReturnValue:
    """The cycle `?tahun=` in public (default: the newest cycle holding proposals), with
    a choice of every cycle; a page saying there is none yet (200), an unknown year 404."""
    rt = current()
    lang = page_language()
    asked = _asked_year()
    with rt.uow(write=False) as uow:
        year = agency.shown_year(uow, asked)
        if asked is not None and year != asked:
            return render_template("musrenbang/missing.html", lang=lang, message=said(
                CycleNotFound(asked or request.args.get("tahun", "")[:8]))), 404
        if year is None:
            return render_template("musrenbang/public.html", lang=lang, cycle=None)
        row = cycle(uow, year)
        now = open_phase(row.phases, today(rt.clock))
        groups = [{"kelurahan": g["kelurahan"],
                   "proposals": [with_money(p) for p in g["proposals"]]}
                  for g in views.by_kelurahan(uow, row, lang)]
        shown = {"year": row.year, "phases": phase_rows(row.phases, now),
                 "minutes": minutes_said(minutes.of_cycle(uow, row)), "years": agency.years(uow)}
    return render_template("musrenbang/public.html", lang=lang, cycle=shown, groups=groups)


def _after(after: dict[str, Any] | None) -> dict[str, Any] | None:
    """What became of a proposal (controlling.follow) with its money, percentages and
    months said in the page's language."""
    if not after:
        return after
    for package in after.get("packages", []):
        package["value_said"] = rupiah(package.get("value"))
        package["paid_said"] = rupiah(package.get("paid"))
        package["progress_said"] = (percent(package["progress"])
                                    if package.get("progress") is not None else None)
        package["month_said"] = month_words(package.get("progress_month"))
    after["budget_line"]["amount_said"] = rupiah(after["budget_line"].get("amount"))
    return after


@bp.get("/usulan/<ref>")
def one(ref: str) -> ResponseReturnValue:
    """One proposal in public (404 page for an unknown reference): its facts, what
    became of it, its kecamatan's forum minutes, its history act by act."""
    lang = page_language()
    with current().uow(write=False) as uow:
        try:
            row = proposal(uow, ref)
        except DomainError as exc:
            return render_template("musrenbang/missing.html", lang=lang,
                                   message=said(exc)), status_of(exc)
        shown = with_money(views.rows(uow, MusrenbangProposal.id == row.id, lang)[0])
        lines = [{**line, "at_said": long_date(date.fromisoformat(line["at"][:10]), lang)}
                 for line in views.public_history(uow, row, lang)]
        after = _after(follow(uow, row.id))
        held = [m for m in minutes_said(minutes.of_cycle(uow, cycle_of(uow, row)))
                if m["kecamatan"] == shown["kecamatan"]]
    return render_template("musrenbang/proposal.html", lang=lang, p=shown, lines=lines,
                           after=after, minutes=held)


def cycle_of(uow: Any, row: MusrenbangProposal) -> MusrenbangCycle:
    """The cycle a proposal belongs to."""
    return uow.session.get(MusrenbangCycle, row.cycle_id)  # type: ignore[no-any-return]


def register_pages(app: Flask) -> None:
    """Add e-Musrenbang's pages (public and staff) to `app`."""
    from . import pages_agency, pages_staff  # noqa: F401  (their routes on `bp`)

    app.register_blueprint(bp)
