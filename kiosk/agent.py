"""The kiosk agent: serves the touch page, asks the server for numbers, prints them.

Routes for the page (all JSON but `/`): `GET /api/state` (facility, services, printer,
the start screen's notice), `POST /api/tickets`, `POST /api/check-in`,
`GET /api/jobs/<id>` (did that ticket print?), and the staff menu's routes (staff.py).
A patient only ever reads plain sentences from messages.PATIENT.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask import Flask, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from .addresses import QrAddress, qr_data_uri
from .background import start_background
from .messages import PATIENT, lang_of
from .options import Options
from .pin import PinGuard
from .printing import PrintService
from .server import QueueServer, ServerRefused, ServerUnreachable
from .spool import Spool, is_job_id

__all__ = ["Options", "Parts", "create_agent", "main", "start_background"]

log = logging.getLogger("kiosk")

PUBLIC_FIELDS = ("number", "service", "people_ahead", "estimated_call_at", "priority", "code")
MAX_CODE = 300  # a booking code, or the whole /t/{code} address a scanner types
MAX_NAME = 64  # a service or priority code


@dataclass
class Parts:
    """What the routes and the background loop share."""

    options: Options
    server: QueueServer
    printing: PrintService
    spool: Spool
    qr: QrAddress
    pin: PinGuard

    def learn_home(self, home: dict[str, Any]) -> dict[str, Any]:
        """Keep what the server's home payload says about the QR address; returns it."""
        self.qr.learn(home.get("public_url"))
        return home

    def notice(self, lang: str) -> dict[str, str] | None:
        """The start screen's sentence about the printer, before any tap (or None)."""
        state = self.printing.state
        if not self.printing.can_print():
            mode = "refuse" if self.options.when_no_paper == "refuse" else "screen"
            kind = "out" if state["paper"] == "out" else "offline"
            return {"level": "bad", "text": PATIENT[lang][f"{mode}_{kind}"]}
        if state["paper"] == "low":
            return {"level": "warn", "text": PATIENT[lang]["paper_low"]}
        return None

    @property
    def answer_within(self) -> float:
        """The longest a page request waits for the agent's answer, in seconds: a tap's
        retry window, one more server request (the QR address) and a print attempt, with
        room to spare. The page waits this long, so it never gives up before the agent."""
        options = self.options
        return options.server_retry_seconds + 2 * options.request_timeout + 20.0

    @property
    def taking_numbers(self) -> bool:
        """False while numbers are paused: no paper and `--when-no-paper refuse`."""
        return self.options.when_no_paper != "refuse" or self.printing.can_print()


def _lang() -> str:
    body = request.get_json(silent=True)
    chosen = body.get("lang") if isinstance(body, dict) else None
    return lang_of(chosen or request.args.get("lang"))


def _failure(exc: Exception, lang: str) -> ResponseReturnValue:
    """The server's trouble in plain words: its own sentence for a refusal it explained,
    a general one for anything else (never an exception name or a status code)."""
    if isinstance(exc, ServerRefused):
        if exc.status in (401, 403):  # the device token: a setup problem, for staff
            log.warning("the server refused the kiosk: %s %s", exc.status, exc.message)
            return jsonify(error={"code": exc.code,
                                  "message": PATIENT[lang]["not_allowed"]}), exc.status
        if exc.status < 500:  # the request was refused: the server's words, else ours
            return jsonify(error={"code": exc.code, "message": exc.message
                                  or PATIENT[lang]["bad_request"]}), exc.status
        return jsonify(error={"code": "server_error",
                              "message": PATIENT[lang]["server_error"]}), 503
    return jsonify(error={"code": "server_unreachable",
                          "message": PATIENT[lang]["unreachable"]}), 503


def _issued(parts: Parts, tkt: dict[str, Any], lang: str,
            checked_in: bool = False) -> ResponseReturnValue:
    """Print the ticket (or say it is on the screen only): the page's reply, 201."""
    if not parts.qr.known:
        # Else the --server address it is, and the staff menu warns if that is local.
        with contextlib.suppress(ServerUnreachable, ServerRefused):
            parts.learn_home(parts.server.home(lang))
    job_id, printed = parts.printing.submit(tkt, lang, checked_in)
    public = {k: tkt.get(k) for k in PUBLIC_FIELDS}
    reply: dict[str, Any] = {"ticket": public, "printed": printed, "job": job_id,
                             "print": parts.printing.job_state(job_id), "message": None,
                             "qr": None}
    if not printed:
        reply["message"] = PATIENT[lang]["printer"]
        reply["qr"] = qr_data_uri(parts.qr.base() + tkt["ticket_url"])
    return jsonify(reply), 201


def _invalid(lang: str, why: str = "bad_request", code: str = "invalid_body",
             ) -> ResponseReturnValue:
    """422 with a plain sentence (a key of PATIENT): nothing was sent to the server."""
    return jsonify(error={"code": code, "message": PATIENT[lang][why]}), 422


def _name(value: object, optional: bool = False) -> bool:
    """A service or priority code as the page sends it: short text (or None if optional)."""
    if value is None:
        return optional
    return isinstance(value, str) and 0 < len(value) <= MAX_NAME


def _code_problem(value: object) -> tuple[str, str] | None:
    """Why a typed or scanned booking code is not sent on: (PATIENT key, error code)."""
    if not isinstance(value, str):
        return "bad_request", "invalid_body"
    if not value.strip():
        return "no_code", "code_missing"
    if len(value) > MAX_CODE:
        return "code_too_long", "code_too_long"
    return None


def _page_route(app: Flask, parts: Parts) -> None:
    @app.get("/")
    def page() -> ResponseReturnValue:
        """The touch page (`?lang=en` for an English kiosk), with its timings: idle reset,
        how long a message stays, how long a request waits for the agent."""
        return render_template("kiosk.html", lang=lang_of(request.args.get("lang")),
                               idle_ms=int(parts.options.idle_seconds * 1000),
                               message_ms=int(parts.options.message_seconds * 1000),
                               wait_ms=int(parts.answer_within * 1000))


def _patient_routes(app: Flask, parts: Parts) -> None:
    @app.get("/api/state")
    def state() -> ResponseReturnValue:
        """The start screen: the server's home payload plus the printer and its notice."""
        lang = _lang()
        extra = {"printer": parts.printing.report(), "notice": parts.notice(lang),
                 "taking_numbers": parts.taking_numbers}
        try:
            home = parts.learn_home(parts.server.home(lang))
        except (ServerUnreachable, ServerRefused) as exc:
            body, status = _failure(exc, lang)
            return jsonify(**extra, **body.get_json()), status
        return jsonify(**home, **extra)

    @app.post("/api/tickets")
    def take() -> ResponseReturnValue:
        """A walk-in number for one tap: `{service, priority?, lang?}` → 201, or 503 with
        a plain sentence (server unreachable, numbers paused)."""
        lang, body = _lang(), request.get_json(silent=True)
        if not isinstance(body, dict) or not _name(body.get("service")) \
                or not _name(body.get("priority"), optional=True):
            return _invalid(lang)
        if not parts.taking_numbers:
            return jsonify(error={"code": "printer_unavailable",
                                  "message": parts.notice(lang)["text"]}), 503
        try:
            tkt = parts.server.take(body["service"], body.get("priority"), lang)
        except (ServerUnreachable, ServerRefused) as exc:
            return _failure(exc, lang)
        return _issued(parts, tkt, lang)

    @app.post("/api/check-in")
    def check_in() -> ResponseReturnValue:
        """Check a booking in: `{code}` as typed or scanned (any form) → 201; an empty
        code or one longer than MAX_CODE is 422 and never reaches the server."""
        lang, body = _lang(), request.get_json(silent=True)
        problem = _code_problem(body.get("code") if isinstance(body, dict) else None)
        if problem is not None:
            return _invalid(lang, *problem)
        try:
            tkt = parts.server.check_in(body["code"], lang)
        except (ServerUnreachable, ServerRefused) as exc:
            return _failure(exc, lang)
        return _issued(parts, tkt, lang, checked_in=True)



def _job_routes(app: Flask, parts: Parts) -> None:
    @app.get("/api/jobs/<job_id>")
    def job(job_id: str) -> ResponseReturnValue:
        """Whether a ticket printed: "printed", "waiting", "shown" or "unknown"; an id
        not of the spool's form is 404 `unknown_job`."""
        if not is_job_id(job_id):
            return jsonify(error={"code": "unknown_job",
                                  "message": PATIENT[_lang()]["unknown_job"]}), 404
        return jsonify(job=job_id, print=parts.printing.job_state(job_id))


def _error_replies(app: Flask) -> None:
    """Every error the page can meet is JSON with a plain sentence: an unknown address or
    method, a body too large (4xx), and, logged, anything unexpected (500)."""

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> ResponseReturnValue:
        code = (exc.name or "error").lower().replace(" ", "_")
        lang = lang_of(request.args.get("lang"))  # the body may be what went wrong
        return jsonify(error={"code": code, "message": PATIENT[lang]["bad_request"]}), \
            exc.code or 400

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> ResponseReturnValue:
        log.exception("unexpected error on %s %s", request.method, request.path)
        return jsonify(error={"code": "kiosk_error", "message": PATIENT[
            lang_of(request.args.get("lang"))]["server_error"]}), 500


def create_agent(options: Options) -> Flask:
    """The agent's Flask app; `app.extensions["kiosk"]` holds its Parts. Start its
    background loop (retries, expiry, printer probe, heartbeat) with start_background."""
    from .staff import staff_routes

    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = 1 << 20  # a tap or a scan is a few hundred bytes
    spool = Spool(options.spool)
    qr = QrAddress(options.server, options.public_url)
    parts = Parts(options=options,
                  server=QueueServer(options.server, options.device_token,
                                     options.request_timeout, options.server_retry_seconds),
                  printing=PrintService(options, spool, qr), spool=spool, qr=qr,
                  pin=PinGuard(options.staff_pin, options.pin_free_tries,
                               options.pin_wait_seconds))
    app.extensions["kiosk"] = parts
    _page_route(app, parts)
    _patient_routes(app, parts)
    _job_routes(app, parts)
    staff_routes(app, parts)
    _error_replies(app)
    return app


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m kiosk ...` (see cli.py)."""
    from .cli import main as run

    return run(argv)
