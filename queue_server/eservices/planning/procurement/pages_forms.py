"""e-Procurement's staff forms on `/pengadaan/{code}` (one procurement): the pokja
publishes a draft, evaluates each bid (pass or fail with a note, a score), awards a passed
bid and answers a complaint (sanggah); a bidder files a complaint within the period; the
package office's PPK issues the award letter (SPPBJ) once the period is over. On the list
`/pengadaan` the pokja opens a draft for a planned package that needs a tender and the PPK
records a direct procurement (pages_ready.py). Routes parse, call one use case and map
its named errors: a refusal is said next to the form it concerns, with its status."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from queue_server.domain.dates import long_date
from queue_server.domain.errors import DomainError, InvalidInput
from queue_server.i18n import page_language
from queue_server.runtime import csrf, current
from queue_server.services.auth import Principal
from queue_server.staff_session import signed_in

from ..budgeting.pages_common import said, status_of
from ..delivery import contracts
from ..delivery.api import paper
from . import complaints, store, tenders, views
from .access import PPK, UNIT_OFFICE, is_admin, member_of_code, provider_of, roles
from .errors import DeadlineInvalid
from .pages import pages
from .pages_common import lang_args, login_page, refused, rupiah

Run = Callable[[Any, Principal], object]


class ScoreInvalid(InvalidInput):
    """An evaluation score that is not a number from 0 to 100."""

    code = "pages18g_score_invalid"
    text_id = "Nilai evaluasi harus angka 0 sampai 100 (boleh dikosongkan)."
    text_en = "The evaluation score must be a number from 0 to 100 (or left empty)."


def _can(uow: Any, who: Principal, item: dict[str, Any]) -> dict[str, Any]:
    """What the caller may do on the procurement `item` (views.detail's shape)."""
    package = store.package(uow, item["package_code"])
    mine = provider_of(uow, who)
    bidder = mine is not None and any(b["provider"] == mine.name for b in item["bids"])
    until = item["complaints_until"]
    today = store.today(current().clock).isoformat()
    return {"unit": is_admin(who) or member_of_code(uow, who, UNIT_OFFICE),
            "ppk": is_admin(who) or PPK in roles(uow, who).get(package.office_id, set()),
            "complain": bidder and item["state"] == "awarded" and until is not None
            and today <= until,
            "period_over": item["state"] == "awarded" and (until is None or today > until)}


def tender_page(who: Principal, code: str, status: int = 200,
                **extra: Any) -> ResponseReturnValue:
    """The procurement `code` with the caller's forms; `extra` may carry `error`
    (message) and `where` (the form it concerns: publish, award, bid-{id},
    complaint-{id}, file, sppbj)."""
    rt = current()
    try:
        with rt.uow(write=False) as uow:
            item = views.detail(uow, rt.clock, who, code)
            can = _can(uow, who, item)
    except DomainError as exc:
        return refused(exc, who.name, "pengadaan")
    extra.setdefault("where", "")
    until = item["complaints_until"]
    words = long_date(date.fromisoformat(until), page_language()) if until else ""
    return render_template("procurement/tender.html", lang=page_language(), user=who.name,
                           t=item, can=can, rupiah=rupiah, until_words=words,
                           **extra), status


@pages.get("/pengadaan/<string:code>")
def tender(code: str) -> ResponseReturnValue:
    """One procurement: its bids, complaints and the caller's forms."""
    who = signed_in()
    if who is None:
        return login_page("pengadaan")
    return tender_page(who, code[:40], done=request.args.get("done", "")[:20])


def _act(code: str, where: str, run: Run, done: str) -> ResponseReturnValue:
    """Sign-in and CSRF checked, `run` the use case; its refusal said at `where`."""
    who = signed_in()
    if who is None:
        return login_page("pengadaan", status=401)
    csrf.protect()
    try:
        run(current(), who)
    except DomainError as exc:
        return tender_page(who, code[:40], status_of(exc), error=said(exc), where=where)
    return redirect(url_for("procurement_pages.tender", code=code[:40], done=done,
                            **lang_args()), code=303)


def deadline_of(text: str) -> datetime:
    """A `datetime-local` field (`YYYY-MM-DDTHH:MM`, the city's time) as an aware time;
    DeadlineInvalid (422, saying now) when it is not one."""
    rt = current()
    try:
        moment = datetime.fromisoformat(text.strip()[:19])
    except ValueError:
        raise DeadlineInvalid(rt.clock.now().isoformat(timespec="minutes")) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(store.city_tz()))


def score_of(text: str) -> float | None:
    """An optional score 0–100 (a decimal comma read as a point); None when empty;
    ScoreInvalid (422) otherwise."""
    text = text.strip().replace(",", ".")[:12]
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ScoreInvalid() from None
    if not 0 <= value <= 100:
        raise ScoreInvalid()
    return value


@pages.post("/pengadaan/<string:code>/umumkan")
def publish(code: str) -> ResponseReturnValue:
    """The pokja publishes a draft with its bid deadline (tenders.publish)."""
    return _act(code, "publish", lambda rt, who: tenders.publish(
        rt.uow(), rt.clock, who, code[:40], deadline_of(request.form.get("deadline", ""))),
        "published")


@pages.post("/pengadaan/<string:code>/evaluasi/<int:bid_id>")
def evaluate(code: str, bid_id: int) -> ResponseReturnValue:
    """The pokja marks a bid passed or failed with a note and a score (tenders.evaluate)."""
    form = request.form
    return _act(code, f"bid-{bid_id}", lambda rt, who: tenders.evaluate(
        rt.uow(), rt.clock, who, code[:40], bid_id, form.get("result") == "pass",
        score_of(form.get("score", "")), form.get("note", "")[:500]), "evaluated")


@pages.post("/pengadaan/<string:code>/pemenang")
def award(code: str) -> ResponseReturnValue:
    """The pokja awards a passed bid (tenders.award; a blacklisted winner is refused)."""
    text = request.form.get("bid", "")
    bid_id = int(text) if text.isdigit() and len(text) < 12 else 0
    return _act(code, "award", lambda rt, who: tenders.award(
        rt.uow(), rt.clock, who, code[:40], bid_id), "awarded")


@pages.post("/pengadaan/<string:code>/sanggah")
def complain(code: str) -> ResponseReturnValue:
    """A bidder files a complaint within the period (complaints.file)."""
    return _act(code, "file", lambda rt, who: complaints.file(
        rt.uow(), rt.clock, who, code[:40], request.form.get("text", "")[:4000]), "filed")


@pages.post("/pengadaan/<string:code>/sanggah/<int:complaint_id>")
def answer(code: str, complaint_id: int) -> ResponseReturnValue:
    """The pokja upholds or rejects a complaint with its answer (complaints.answer)."""
    form = request.form
    return _act(code, f"complaint-{complaint_id}", lambda rt, who: complaints.answer(
        rt.uow(), rt.clock, who, code[:40], complaint_id, form.get("result") == "uphold",
        form.get("answer", "")[:4000]), "answered")


@pages.post("/pengadaan/<string:code>/sppbj")
def award_letter(code: str) -> ResponseReturnValue:
    """The package office's PPK issues the award letter (delivery.contracts.award_letter)
    once the complaint period is over; then the contract page."""
    who = signed_in()
    if who is None:
        return login_page("pengadaan", status=401)
    csrf.protect()
    rt = current()
    try:
        with rt.uow(write=False) as uow:
            package_code = views.detail(uow, rt.clock, who, code[:40])["package_code"]
        contracts.award_letter(rt.uow(), rt.clock, paper(), who, package_code)
    except DomainError as exc:
        return tender_page(who, code[:40], status_of(exc), error=said(exc), where="sppbj")
    return redirect(url_for("delivery_pages.contracts", done=package_code, **lang_args()),
                    code=303)
