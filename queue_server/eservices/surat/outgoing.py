"""Drafting an outgoing letter (surat keluar): from a template or a free body, with its
review chain (paraf, in order) and signer (the office's head), delivered inside the city
(another office's incoming register) or outside (recorded). The letter is a case of module
`surat`, kind `outgoing`, on workflow_outgoing.yaml; it is edited only while a draft and
only by its drafter. Review, signature and sending: outgoing_actions.py."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import delete

from queue_server.domain.errors import Words
from queue_server.domain.workflow import Workflow
from queue_server.domain.workflow_data import parse_workflow
from queue_server.services.auth import Principal
from queue_server.services.cases import Actor, Filing, find_by_ref, open_case
from queue_server.services.port_cases import CaseRow, CaseWork, OfficeRow
from queue_server.services.ports import Clock
from queue_server.services.yaml_text import read_yaml

from . import MODULE, classification
from .access import ACCESS_CLASSES, URGENCIES, involve, require_read
from .incoming_errors import REQUIRED, LetterFieldInvalid, at_most, one_of
from .models import SuratLetter, SuratReview
from .outgoing_data import fill, template, unit_of
from .outgoing_errors import DeliveryInvalid, NotDraft, NotDrafter, OutgoingNotFound
from .outgoing_people import chain_of, drafting_office

log = logging.getLogger(__name__)
KIND = "outgoing"
WORKFLOW: Workflow = parse_workflow(KIND, read_yaml(
    Path(__file__).parent / "workflow_outgoing.yaml"))
DELIVERIES = ("internal", "external")
BODY_MAX = 20_000


@dataclass
class Draft:
    """An outgoing letter as drafted (None: not given; on an edit, kept). `template` and
    its `fields` fill the body unless `body` is given; `reviewers` are user ids or
    usernames of the office's members in paraf order; `signer` the office's head (None:
    its first head); `delivery` internal (`to_office` code) or external (`recipient`)."""

    subject: str | None = None
    recipient: str | None = None
    classification: str | None = None
    access: str | None = None
    urgency: str | None = None
    template: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    body: str | None = None
    reviewers: list[str | int] | None = None
    signer: str | int | None = None
    delivery: str | None = None
    to_office: str | None = None
    office: str | None = None


def _text(name: str, value: str | None, most: int) -> str:
    said = (value or "").strip()
    if not said:
        raise LetterFieldInvalid(name, REQUIRED)
    if len(said) > most:
        raise LetterFieldInvalid(name, at_most(most))
    return said


def _template_fields(letter: SuratLetter, draft: Draft) -> Draft:
    """`draft` with the template its `fields` fill: the one given, else the letter's own.
    Template fields are never dropped unread: with a body too, or with no template to
    fill, LetterFieldInvalid (422) says so."""
    if not draft.fields:
        return draft
    if draft.body is not None:
        raise LetterFieldInvalid("fields", Words(
            "isian templat (fields) atau isi surat (body), bukan keduanya",
            "template fields or a body, not both"))
    if draft.template is None:
        if not letter.template:
            raise LetterFieldInvalid("fields", Words(
                "surat ini tanpa templat; kirim juga `template`",
                "this letter has no template: send `template` too"))
        return replace(draft, template=letter.template)
    return draft


def _content(uow: CaseWork, letter: SuratLetter, draft: Draft) -> None:
    """Apply `draft`'s content to `letter`, checking each field given (422 errors)."""
    draft = _template_fields(letter, draft)
    if draft.template is not None:
        chosen = template(draft.template)
        letter.template = chosen.code
        if draft.body is None:
            letter.body = fill(chosen, draft.fields)
        if draft.classification is None and not letter.classification:
            letter.classification = chosen.classification
    if draft.body is not None:
        letter.body = _text("body", draft.body, BODY_MAX)
    if draft.subject is not None:
        letter.subject = _text("subject", draft.subject, 300)
    if draft.classification is not None:
        letter.classification = classification.get(uow, draft.classification.strip()).code
    for name, allowed in (("access", ACCESS_CLASSES), ("urgency", URGENCIES)):
        value = getattr(draft, name)
        if value is not None:
            if value not in allowed:
                raise LetterFieldInvalid(name, one_of(allowed))
            setattr(letter, name, value)
    for name in ("subject", "classification", "body"):
        if not getattr(letter, name):
            raise LetterFieldInvalid(name, REQUIRED)


def _delivery(uow: CaseWork, letter: SuratLetter, draft: Draft) -> None:
    """Apply the delivery: internal to another active office (its name the recipient
    unless one is given), or external to the `recipient` (DeliveryInvalid 422)."""
    kind = draft.delivery or letter.delivery
    if kind not in DELIVERIES:
        raise DeliveryInvalid(Words("pilih delivery internal atau external",
                                    "choose delivery internal or external"))
    letter.delivery = kind
    if draft.recipient is not None:
        letter.recipient = draft.recipient.strip()[:200] or None
    if kind == "internal":
        code = draft.to_office
        target = (uow.offices.by_code(code) if code
                  else uow.offices.by_id(letter.to_office_id or 0))
        if target is None or not target.active or target.id == letter.office_id:
            raise DeliveryInvalid(Words(
                f"kantor tujuan (to_office) {code or '-'} tidak ada, tidak aktif atau kantor "
                "pengirim sendiri",
                f"the office to send to (to_office) {code or '-'} is unknown, inactive or "
                "the sender's own"))
        letter.to_office_id = target.id
        letter.recipient = letter.recipient or f"Kepala {target.name}"
    else:
        letter.to_office_id = None
        if not letter.recipient:
            raise DeliveryInvalid(Words("penerima (recipient) wajib diisi",
                                        "the recipient is required"))


def set_chain(uow: CaseWork, case_id: int, reviewer_ids: list[int], signer_id: int) -> None:
    """Write the letter's chain: paraf steps in order, then the signature; everyone in it
    is involved (access.involve) so they may read it whatever its class."""
    session = uow.session  # type: ignore[attr-defined]
    session.execute(delete(SuratReview).where(SuratReview.case_id == case_id))
    people = [(uid, "paraf", "reviewer") for uid in reviewer_ids]
    for position, (uid, step, why) in enumerate([*people, (signer_id, "sign", "signer")], 1):
        session.add(SuratReview(case_id=case_id, position=position, user_id=uid, step=step,
                                state="waiting", comment=""))
        involve(uow, case_id, uid, why)
    session.flush()


def draft_letter(uow: CaseWork, clock: Clock, principal: Principal, draft: Draft,
                 tz: str = "Asia/Jakarta") -> tuple[CaseRow, SuratLetter]:
    """A new outgoing letter drafted by `principal` for their office (draft.office when
    they have several): the case opens in `draft`. Raises NotDraftingMember (403),
    DraftOfficeNeeded, NoUnitCode, LetterFieldInvalid, UnknownClassification,
    TemplateUnknown, TemplateFieldsMissing, DeliveryInvalid, ReviewerInvalid, ChainEmpty,
    SignerInvalid, NoHead (422). Flushed, not committed."""
    office: OfficeRow = drafting_office(uow, principal, draft.office)
    unit_of(office.code)  # an office without a unit code could never number it
    letter = SuratLetter(direction=KIND, office_id=office.id, classification="",
                         access=draft.access or "biasa", urgency=draft.urgency or "biasa",
                         subject="", body="", created_by=principal.id,
                         created_at=clock.now())
    _content(uow, letter, draft)
    _delivery(uow, letter, draft)
    reviewers, signer = chain_of(uow, office, principal.id, draft.reviewers or [],
                                 draft.signer)
    case = open_case(uow, clock, WORKFLOW, Filing(MODULE, office_id=office.id),
                     Actor(principal.actor, frozenset({"drafter"}), principal.id),
                     timezone=tz)
    letter.case_id = case.id
    session = uow.session  # type: ignore[attr-defined]
    session.add(letter)
    session.flush()
    involve(uow, case.id, principal.id, "drafted")
    set_chain(uow, case.id, reviewers, signer)
    log.info("surat: outgoing SURAT-%s drafted", case.id)
    return case, letter


def outgoing_of(uow: CaseWork, principal: Principal | None, ref: str
                ) -> tuple[CaseRow, SuratLetter]:
    """The outgoing letter of public reference `ref` (`SURAT-12`) that `principal` may
    read. Raises RefNotFound / OutgoingNotFound (404), LetterForbidden (403)."""
    case = find_by_ref(uow, ref, MODULE)
    session = uow.session  # type: ignore[attr-defined]
    letter = session.query(SuratLetter).filter_by(case_id=case.id).one_or_none()
    if letter is None or letter.direction != KIND:
        raise OutgoingNotFound(ref)
    require_read(uow, principal, letter)
    return case, letter


def edit_letter(uow: CaseWork, clock: Clock, principal: Principal, ref: str,
                draft: Draft) -> tuple[CaseRow, SuratLetter]:
    """Change a draft (only in state `draft`: NotDraft 409; only by its drafter:
    NotDrafter 403); the fields given replace the old ones (template `fields` alone
    refill the letter's own template), a new chain replaces the old one (`reviewers: []`
    is ChainEmpty 422, never ignored). Raises the errors of `draft_letter` for the fields
    given. Flushed."""
    case, letter = outgoing_of(uow, principal, ref)
    if letter.created_by != principal.id:
        raise NotDrafter()
    if case.state != "draft":
        raise NotDraft()
    _content(uow, letter, draft)
    if draft.delivery or draft.to_office or draft.recipient is not None:
        _delivery(uow, letter, draft)
    if draft.reviewers is not None or draft.signer is not None:
        office = uow.offices.by_id(letter.office_id)
        assert office is not None
        reviewers, signer = chain_of(uow, office, principal.id, _reviewers(uow, case.id)
                                     if draft.reviewers is None else draft.reviewers,
                                     draft.signer)
        set_chain(uow, case.id, reviewers, signer)
    case.version += 1
    session = uow.session  # type: ignore[attr-defined]
    session.flush()
    return case, letter


def _reviewers(uow: CaseWork, case_id: int) -> list[str | int]:
    session = uow.session  # type: ignore[attr-defined]
    rows = session.query(SuratReview).filter_by(case_id=case_id, step="paraf").order_by(
        SuratReview.position).all()
    return [row.user_id for row in rows]
