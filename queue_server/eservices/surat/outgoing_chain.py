"""An outgoing letter's review chain (paraf steps in order, then the signature) as it
moves, and the roles a staff member holds on one letter: `drafter` (created it),
`reviewer` (holds the current paraf step), `signer` (holds the signature step once it is
current, and after signing), beside the office roles of services.cases.roles_for."""

from __future__ import annotations

from datetime import datetime

from queue_server.services.auth import Principal
from queue_server.services.cases import roles_for
from queue_server.services.port_cases import CaseRow, CaseWork

from .models import SuratLetter, SuratReview
from .outgoing_errors import NotYourTurn
from .outgoing_people import display_name

TURN_ACTIONS = ("approve", "return", "sign")


def chain(uow: CaseWork, case_id: int) -> list[SuratReview]:
    """The letter's steps in order (paraf…, sign)."""
    session = uow.session  # type: ignore[attr-defined]
    return list(session.query(SuratReview).filter_by(case_id=case_id)
                .order_by(SuratReview.position).all())


def current(steps: list[SuratReview]) -> SuratReview | None:
    """The step whose turn it is (None: the letter is not in review or signing)."""
    return next((s for s in steps if s.state == "current"), None)


def letter_roles(uow: CaseWork, principal: Principal, case: CaseRow, letter: SuratLetter,
                 steps: list[SuratReview]) -> frozenset[str]:
    """The workflow roles `principal` holds on this letter (see the module docstring)."""
    roles = set(roles_for(uow, principal, case, None))
    if letter.created_by == principal.id:
        roles.add("drafter")
    now = current(steps)
    if now is not None and now.user_id == principal.id:
        roles.add("reviewer" if now.step == "paraf" else "signer")
    if case.state == "signed" and any(s.step == "sign" and s.user_id == principal.id
                                      for s in steps):
        roles.add("signer")  # who signed may send it
    return frozenset(roles)


def check_turn(uow: CaseWork, principal: Principal, case: CaseRow, action: str,
               steps: list[SuratReview], roles: frozenset[str]) -> None:
    """Raise NotYourTurn (409) when `principal` holds a step of the chain, another step
    is current (the letter is in review or signing) and `action` is any step's action
    (approve, return, sign): one answer for every step out of turn, the head's `sign`
    before the paraf included (README, "e-Surat"). Everyone else is left to the workflow
    (ActionNotAllowed 409, ActionForbidden 403)."""
    now = current(steps)
    if (action in TURN_ACTIONS and now is not None and not roles & {"reviewer", "signer"}
            and any(s.user_id == principal.id for s in steps)):
        raise NotYourTurn(display_name(uow, now.user_id))


def start(steps: list[SuratReview]) -> None:
    """A submitted letter: every step waits, the first is current."""
    for index, step in enumerate(steps):
        step.state, step.acted_at, step.comment = ("current" if index == 0 else "waiting",
                                                   None, "")


def approve(steps: list[SuratReview], now: datetime, comment: str) -> SuratReview | None:
    """The current step approved; the next becomes current. Returns that next step."""
    at = current(steps)
    assert at is not None
    at.state, at.acted_at, at.comment = "approved", now, comment.strip()
    following = next((s for s in steps if s.position > at.position), None)
    if following is not None:
        following.state = "current"
    return following


def send_back(steps: list[SuratReview], now: datetime, comment: str) -> None:
    """The current step returned the letter with `comment`: the chain starts over (every
    other step waits) at the next submission."""
    at = current(steps)
    for step in steps:
        if step is at:
            step.state, step.acted_at, step.comment = "returned", now, comment.strip()
        else:
            step.state, step.acted_at, step.comment = "waiting", None, ""
