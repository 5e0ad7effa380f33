"""The ⚙ staff menu: the kiosk's state in plain sentences, and reprints, behind the PIN.

`POST /api/staff/status {pin, lang}` → `{lines: [{level, text}], shown: [...]}`;
`POST /api/staff/reprint {pin, job}` reprints a shown-not-printed ticket (`job`: its id)
or, with `job: "last"`, the last ticket; any other `job` (missing, a number, not an id)
is 422 and prints nothing. A wrong PIN is 403; after 5 wrong ones every try is 429 with
Retry-After.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import TYPE_CHECKING, Any

from flask import Flask, jsonify, request
from flask.typing import ResponseReturnValue

from .messages import ERRORS, STAFF, lang_of
from .pin import PinThrottled, WrongPin
from .printing import PrinterUnavailable
from .spool import is_job_id
from .ticket import zone_label

if TYPE_CHECKING:
    from .agent import Parts


def _clock(epoch: float) -> str:
    return time.strftime("%H:%M", time.localtime(epoch))


def staff_lines(parts: Parts, lang: str) -> list[dict[str, str]]:
    """The kiosk's state as sentences with a level ("ok", "warn", "bad"), in `lang`."""
    words, state = STAFF[lang], parts.printing.state
    report = parts.printing.report()
    printer, paper = state["printer"], state["paper"]
    lines = [
        {"level": {"online": "ok", "offline": "bad"}.get(printer, "warn"),
         "text": words[f"printer_{printer}"]},
        {"level": {"ok": "ok", "out": "bad"}.get(paper, "warn"), "text": words[f"paper_{paper}"]},
        {"level": "warn" if report["jobs_waiting"] else "ok",
         "text": words["jobs"].format(n=report["jobs_waiting"])},
        {"level": "warn" if report["shown_not_printed"] else "ok",
         "text": words["shown"].format(n=report["shown_not_printed"])},
        {"level": "ok", "text": words["qr"].format(url=report["qr_url"])},
    ]
    problem = parts.qr.warning()
    if problem:
        lines.append({"level": "warn", "text": words[f"qr_{problem[0]}"].format(host=problem[1])})
    lines.append({"level": "ok", "text": words[f"mode_{parts.options.when_no_paper}"]})
    if state["last_error"]:
        lines.append({"level": "bad", "text": words["last_error"].format(
            at=_clock(state["last_error_at"]), words=ERRORS[lang][state["last_error"]])})
    else:
        lines.append({"level": "ok", "text": words["no_error"]})
    reachable = parts.server.reachable is not False
    lines.append({"level": "ok" if reachable else "bad",
                  "text": words["server_ok" if reachable else "server_down"]})
    return lines


def _issued_at(ticket: dict[str, Any], created_at: float) -> str:
    """When a ticket was taken, in the facility's time with its label ("08:01 WITA"), as
    the server gave it; the kiosk's own clock for a ticket without that."""
    if ticket.get("issued_at"):
        return f"{ticket['issued_at'][11:16]} {zone_label(ticket)}"
    return _clock(created_at)


def _shown(parts: Parts) -> list[dict[str, Any]]:
    return [{"job": job["id"], "number": job["ticket"].get("number"),
             "service": (job["ticket"].get("service") or {}).get("name"),
             "at": _issued_at(job["ticket"], job.get("created_at", 0))}
            for job in parts.spool.shown()]


def _guard(parts: Parts, body: dict[str, Any], lang: str) -> ResponseReturnValue | None:
    """None when the PIN is right; else the 403 or 429 reply to give."""
    words = STAFF[lang]
    if not parts.pin.enabled:
        return jsonify(error={"code": "forbidden", "message": words["no_pin"]}), 403
    try:
        parts.pin.check(body.get("pin"))
    except PinThrottled as exc:
        reply = jsonify(error={"code": "too_many_attempts",
                               "message": words["throttled"].format(s=exc.retry_after),
                               "retry_after": exc.retry_after})
        return reply, 429, {"Retry-After": str(exc.retry_after)}
    except WrongPin:
        return jsonify(error={"code": "forbidden", "message": words["wrong_pin"]}), 403
    return None


LAST = "last"  # the `job` the menu's "reprint the last ticket" sends, on purpose


def _reprint(parts: Parts, job_id: str | None, lang: str) -> ResponseReturnValue:
    """Reprint the shown-not-printed job `job_id`, or the last ticket (job_id None)."""
    words = STAFF[lang]
    if job_id:
        job = next((j for j in parts.spool.shown() if j["id"] == job_id), None)
        if job is None:
            return jsonify(error={"code": "unknown_job", "message": words["unknown_job"]}), 404
    else:
        job = parts.spool.last()
        if job is None:
            return jsonify(error={"code": "nothing_printed", "message": words["nothing"]}), 404
    number = job["ticket"].get("number")
    try:
        parts.printing.reprint(job)
    except PrinterUnavailable as exc:
        return jsonify(printed=False, number=number, printer=parts.printing.report(),
                       message=words["not_reprinted"].format(
                           number=number, words=ERRORS[lang][exc.code]))
    if job_id:
        parts.spool.forget_shown(job_id)
    return jsonify(printed=True, number=number, printer=parts.printing.report(),
                   message=words["reprinted"].format(number=number))


def staff_routes(app: Flask, parts: Parts) -> None:
    """Add the staff menu's routes to the agent."""

    def body_and_lang() -> tuple[dict[str, Any], str]:
        """The JSON body (or {}) and the language asked for."""
        body = request.get_json(silent=True)
        body = body if isinstance(body, dict) else {}
        return body, lang_of(body.get("lang") or request.args.get("lang"))

    @app.post("/api/staff/status")
    def staff_status() -> ResponseReturnValue:
        """The kiosk's state in sentences and the shown-not-printed tickets (PIN)."""
        body, lang = body_and_lang()
        refused = _guard(parts, body, lang)
        if refused is not None:
            return refused
        return jsonify(lines=staff_lines(parts, lang), shown=_shown(parts),
                       checked_at=datetime.now().astimezone().isoformat(timespec="seconds"))

    @app.post("/api/staff/reprint")
    def reprint() -> ResponseReturnValue:
        """Reprint a shown-not-printed ticket (`job`: its id) or, `job: "last"`, the last
        one (PIN); a missing or malformed `job` is 422 `choose_job`."""
        body, lang = body_and_lang()
        refused = _guard(parts, body, lang)
        if refused is not None:
            return refused
        job_id = body.get("job")
        if job_id != LAST and not is_job_id(job_id):
            return jsonify(error={"code": "choose_job",
                                  "message": STAFF[lang]["choose_job"]}), 422
        return _reprint(parts, None if job_id == LAST else job_id, lang)
