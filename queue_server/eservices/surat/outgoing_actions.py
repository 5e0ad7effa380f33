"""Actions on an outgoing letter through the shared workflow (workflow_outgoing.yaml):
`submit` (its drafter: the chain starts at its first paraf), `approve` and `return` (the
current reviewer; `return` needs a comment and sends the draft back, the chain reset),
`sign` (the signer, after the last paraf: numbered, rendered, signed, issued:
outgoing_sign.py), `send` (drafter, signer or the office's TU: into the receiving office's
incoming register, or recorded as sent outside)."""

from __future__ import annotations

import logging

from queue_server.services.auth import Principal
from queue_server.services.cases import SYSTEM, Actor, Step, act
from queue_server.services.port_cases import CaseRow
from queue_server.services.port_documents import DocumentWork
from queue_server.services.ports import Clock

from . import outgoing_chain as chain_steps
from .incoming import IncomingLetter, register_incoming
from .models import SuratLetter
from .outgoing import WORKFLOW, outgoing_of
from .outgoing_sign import Signing, sign_letter

log = logging.getLogger(__name__)
ACTIONS = ("submit", "approve", "return", "sign", "send")


def act_on_letter(uow: DocumentWork, clock: Clock, principal: Principal, ref: str,
                  action: str, comment: str, signing: Signing | None,
                  tz: str = "Asia/Jakarta") -> tuple[CaseRow, SuratLetter]:
    """Take `action` (one of ACTIONS) on the outgoing letter `ref` as `principal`. Raises
    RefNotFound/OutgoingNotFound (404), LetterForbidden (403: may not read it), the
    engine's UnknownAction/CommentRequired (422), ActionNotAllowed (409: not from this
    state), ActionForbidden (403: not the drafter / current reviewer / signer),
    NotYourTurn (409: in the chain, another step current); `sign`: NoUnitCode (422),
    SigningUnavailable (503: nothing written); `send`: the incoming register's errors.
    Flushed, not committed."""
    case, letter = outgoing_of(uow, principal, ref)
    steps = chain_steps.chain(uow, case.id)
    roles = chain_steps.letter_roles(uow, principal, case, letter, steps)
    chain_steps.check_turn(uow, principal, case, action, steps, roles)
    actor = Actor(principal.actor, roles, principal.id)
    act(uow, clock, WORKFLOW, case, Step(action, comment or ""), actor, timezone=tz)
    now = clock.now()
    if action == "submit":
        chain_steps.start(steps)
    elif action == "approve":
        following = chain_steps.approve(steps, now, comment or "")
        if following is not None and following.step == "sign":
            act(uow, clock, WORKFLOW, case, Step("ready"), SYSTEM, timezone=tz)
    elif action == "return":
        chain_steps.send_back(steps, now, comment or "")
    elif action == "sign":
        assert signing is not None
        chain_steps.approve(steps, now, comment or "")
        sign_letter(uow, clock, letter, signing, tz)
    elif action == "send":
        _send(uow, clock, case, letter, tz)
    uow.session.flush()  # type: ignore[attr-defined]
    log.info("surat: outgoing SURAT-%s %s", case.id, action)
    return case, letter


def _send(uow: DocumentWork, clock: Clock, case: CaseRow, letter: SuratLetter,
          tz: str) -> None:
    """Deliver a signed letter: internal into the receiving office's register (an
    incoming letter naming this case and its document, registered by nobody), external
    recorded with its time."""
    if letter.delivery == "internal" and letter.to_office_id is not None:
        office = uow.offices.by_id(letter.office_id)
        assert office is not None
        register_incoming(uow, clock, IncomingLetter(
            office_id=letter.to_office_id, sender=office.name, subject=letter.subject,
            classification=letter.classification, access=letter.access,
            urgency=letter.urgency, letter_date=letter.letter_date,
            letter_number=letter.letter_number, source_case_id=case.id,
            document_code=letter.document_code), user_id=None, timezone=tz)
    letter.sent_at = clock.now()
