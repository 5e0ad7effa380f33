"""The planning agency's screen `/musrenbang/perencanaan` (Bappedalitbang and the admin,
signed in with the shared staff login): open a cycle, re-date its phases, import the
catalogue CSV (each refused line said), place RWs in their kelurahan and kecamatan, set
ceilings per RW and per kelurahan, rank and see the ranking. Each form calls one use
case (cycles, agency, catalogue, ranking); a refusal brings the page back with what was
sent and the error beside its form."""

from __future__ import annotations

from typing import Any

from flask import redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from queue_server.domain.errors import DomainError, Words
from queue_server.i18n import page_language
from queue_server.runtime import csrf, current
from queue_server.services.auth import Principal
from queue_server.staff_session import signed_in

from . import agency, catalogue, cycles, ranking, views
from .errors import CycleInvalid, MusrenbangForbidden
from .flow import cycle, is_agency, require_agency, today
from .pages import bp, phase_rows, rupiah, said, status_of, with_money
from .pages_staff import login_page
from .rules import PHASE_WORDS, PHASES, open_phase

DONE = ("cycle", "phases", "catalogue", "areas", "ceilings", "rank")
MAX_UPLOAD = 1_000_000  # bytes of a catalogue CSV


def _keep(year: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"lang": "en"} if page_language() == "en" else {}
    return {**out, "tahun": year} if year else out


def _year_arg() -> int | None:
    raw = request.args.get("tahun", "")
    return int(raw) if raw.isdigit() and len(raw) == 4 else None


def _shown(uow: Any, year: int | None) -> dict[str, Any] | None:
    """The chosen cycle as the page shows and pre-fills it (None: no cycle yet)."""
    every = agency.years(uow)
    if not every:
        return None
    chosen = year if year in every else every[0]
    row = cycle(uow, chosen)
    lang = page_language()
    now = open_phase(row.phases, today(current().clock))
    ranked = [with_money(p) for g in views.by_kelurahan(uow, row, lang)
              for p in g["proposals"] if p["rank"]]
    items = [{**catalogue.describe(uow, i), "price_said": rupiah(i.unit_price)}
             for i in catalogue.items(uow, row.id)]
    return {"year": row.year, "rw_ceiling": row.rw_ceiling, "phases": row.phases,
            "phase_rows": phase_rows(row.phases, now), "items": items, "ranked": ranked}


def _page(who: Principal, year: int | None, form: MultiDict[str, str] | None = None,
          error: DomainError | None = None, where: str = "") -> ResponseReturnValue:
    lang = page_language()
    with current().uow(write=False) as uow:
        try:
            require_agency(uow, who)
        except MusrenbangForbidden as exc:
            return render_template("musrenbang/missing.html", lang=lang, user=who.name,
                                   message=said(exc)), 403
        shown = _shown(uow, year)
        row = cycle(uow, shown["year"]) if shown else None
        data = {"years": agency.years(uow), "areas": agency.areas(uow, row),
                "kelurahan": agency.kelurahan_ceilings(uow, row),
                "kel_choices": agency.offices_of(uow, "kelurahan"),
                "kec_choices": agency.offices_of(uow, "kecamatan")}
    refused = (error.details or {}).get("rows", []) if error is not None else []
    done = request.args.get("selesai", "")
    return render_template(
        "musrenbang/agency.html", lang=lang, user=who.name, agency_link=True, cycle=shown,
        phases=PHASES, form=form or MultiDict(), where=where, refused=refused,
        phase_names={k: w.en if lang == "en" else w.id for k, w in PHASE_WORDS.items()},
        error=said(error) if error is not None else None,
        done=done if done in DONE else "", **data), (status_of(error) if error else 200)


@bp.get("/perencanaan")
def agency_page() -> ResponseReturnValue:
    """The agency's screen for the cycle `?tahun=` (default: the newest)."""
    who = signed_in()
    return login_page("perencanaan") if who is None else _page(who, _year_arg())


def _posted(where: str, call: Any, year: int | None) -> ResponseReturnValue:
    """Run the use case `call(uow, clock, who)` for the form `where`: back to the page of
    cycle `year` with `selesai=where`, or the page with the form as sent and the refusal
    beside it (the status of the refusal's kind)."""
    csrf.protect()
    who = signed_in()
    if who is None:
        return login_page("perencanaan", status=401)
    rt = current()
    try:
        call(rt.uow(), rt.clock, who)
    except DomainError as exc:
        return _page(who, _year_arg(), request.form, exc, where)
    return redirect(url_for("musrenbang_pages.agency_page", selesai=where, **_keep(year)),
                    code=303)


def _phases_of(form: MultiDict[str, str]) -> dict[str, dict[str, str]]:
    return {code: {"starts": form.get(f"{code}_starts", "").strip(),
                   "ends": form.get(f"{code}_ends", "").strip()} for code in PHASES}


def amount_of(text: str) -> int:
    """Whole rupiah as typed ("500.000.000", "Rp 500000"); -1 for anything else (the
    use case refuses it with words)."""
    plain = text.strip().removeprefix("Rp").replace(".", "").replace(" ", "")
    return int(plain) if plain.isdigit() and len(plain) <= 14 else -1


@bp.post("/perencanaan/siklus")
def agency_cycle() -> ResponseReturnValue:
    """Open a cycle: budget year, the five phases' dates, the default RW ceiling."""
    form = request.form
    typed = form.get("year", "").strip()
    year = int(typed) if typed.isdigit() and len(typed) == 4 else 0

    def call(uow: Any, clock: Any, who: Principal) -> None:
        if not 2000 <= year <= 2100:
            raise CycleInvalid(Words("tahun anggaran harus antara 2000 dan 2100",
                                     "the budget year must be between 2000 and 2100"))
        cycles.create(uow, clock, who, year, _phases_of(form),
                      amount_of(form.get("rw_ceiling", "")))
    return _posted("cycle", call, year)


@bp.post("/perencanaan/tahap")
def agency_phases() -> ResponseReturnValue:
    """Re-date the chosen cycle's phases and its default RW ceiling."""
    year, form = _year_arg() or 0, request.form
    return _posted("phases", lambda uow, clock, who: agency.change_phases(
        uow, who, year, _phases_of(form), amount_of(form.get("rw_ceiling", ""))), year)


@bp.post("/perencanaan/kamus")
def agency_catalogue() -> ResponseReturnValue:
    """Import the chosen cycle's catalogue: a CSV file or the CSV pasted."""
    year = _year_arg() or 0
    upload = request.files.get("file")
    text = request.form.get("csv", "")
    if upload is not None and upload.filename:
        text = upload.stream.read(MAX_UPLOAD).decode("utf-8", errors="replace")
    return _posted("catalogue", lambda uow, clock, who: catalogue.import_csv(
        uow, who, year, text), year)


@bp.post("/perencanaan/wilayah")
def agency_areas() -> ResponseReturnValue:
    """Place each RW chosen on the form in its kelurahan and kecamatan."""
    form = request.form
    entries = [{"rw": key[4:], "kelurahan": form.get(key, ""),
                "kecamatan": form.get("kec_" + key[4:], "")}
               for key in form if key.startswith("kel_") and form.get(key)]
    return _posted("areas", lambda uow, clock, who: cycles.set_areas(uow, who, entries),
                   _year_arg())


@bp.post("/perencanaan/pagu")
def agency_ceilings() -> ResponseReturnValue:
    """Set the ceilings typed for RWs (`rw_<code>`) and kelurahan (`kl_<code>`)."""
    year, form = _year_arg() or 0, request.form
    entries = [{"office": key.split("_", 1)[1], "amount": amount_of(form[key])}
               for key in form if key.startswith(("rw_", "kl_")) and form[key].strip()]
    return _posted("ceilings", lambda uow, clock, who: cycles.set_ceilings(
        uow, who, year, entries), year)


@bp.post("/perencanaan/peringkat")
def agency_rank() -> ResponseReturnValue:
    """Rank the chosen cycle's accepted proposals (results phase)."""
    year = _year_arg() or 0
    return _posted("rank", lambda uow, clock, who: ranking.rank_cycle(uow, clock, who, year),
                   year)


@bp.context_processor
def agency_link() -> dict[str, Any]:
    """`agency_link` for the module's layout on its own pages: whether the signed-in
    staff member may open the agency's screen."""
    if "token" not in session:
        return {}
    who = signed_in()
    if who is None:
        return {}
    with current().uow(write=False) as uow:
        return {"agency_link": is_agency(uow, who)}
