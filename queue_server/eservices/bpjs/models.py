"""BPJS Antrean Online's tables: the facilities that report to BPJS and how (FKTP or
FKRTL, their BPJS code), each service's part in a JKN visit and its BPJS poli code, the
hosted web service's accounts (what Mobile JKN signs in with), the BPJS side of a
booking (the fields Mobile JKN sent, or what we reported), and the outbox of calls to
BPJS (`antrean/add`, `antrean/updatewaktu`, `antrean/batal`) with its retries.

No personal data is copied here: NIK, card number, phone and name stay on the visit;
an outgoing call's body is built from the visit when it is sent."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from queue_server.persistence.models import Base


class BpjsFacility(Base):
    """A facility that takes Mobile JKN bookings and reports task times: `level` "fktp"
    (puskesmas, klinik: primary care) or "fkrtl" (hospital: referral care), `ppk_code`
    its BPJS facility code (kode PPK), `reporting` whether the outbox sends for it."""

    __tablename__ = "bpjs_facilities"
    facility_id: Mapped[int] = mapped_column(ForeignKey("facilities.id"), primary_key=True)
    level: Mapped[str] = mapped_column(String(8), default="fktp")
    ppk_code: Mapped[str] = mapped_column(String(20), default="")
    reporting: Mapped[bool] = mapped_column(Boolean, default=True)
    # "accept": every card books (no medical-record numbers kept here); "register": a
    # card never seen at the facility is answered 202 (new patient) until registered.
    new_patients: Mapped[str] = mapped_column(String(8), default="accept",
                                              server_default="accept")


class BpjsService(Base):
    """A service's part in a JKN visit (`role`): "poli" (a BPJS poli, `kodepoli` e.g.
    UMU, GIG, KIA, with the doctor Mobile JKN shows), "registration" (the admission desk:
    tasks 1–3) or "pharmacy" (tasks 6–7). A service without a row is not reported."""

    __tablename__ = "bpjs_services"
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facilities.id"), index=True)
    role: Mapped[str] = mapped_column(String(12), default="poli")
    kodepoli: Mapped[str | None] = mapped_column(String(8), nullable=True)
    namapoli: Mapped[str] = mapped_column(String(120), default="")
    kodedokter: Mapped[int | None] = mapped_column(Integer, nullable=True)
    namadokter: Mapped[str] = mapped_column(String(120), default="")
    __table_args__ = (UniqueConstraint("facility_id", "kodepoli", name="uq_bpjs_poli"),)


class BpjsAccount(Base):
    """An account of the hosted web service (what BPJS's Mobile JKN signs in with at
    `GET /bpjs/auth`), bound to one facility; the password is kept as a hash
    (queue_server.domain.credentials)."""

    __tablename__ = "bpjs_accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    facility_id: Mapped[int] = mapped_column(ForeignKey("facilities.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Bumped when the password changes: tokens signed before it are refused.
    version: Mapped[int] = mapped_column(Integer, default=1)


class BpjsBooking(Base):
    """The BPJS side of one visit: `kodebooking` (the visit's code), `source` "mjkn" (Mobile
    JKN booked it through the hosted service) or "local" (our own channels: reported with
    `antrean/add`), `jenispasien` "JKN" or "NON JKN", the poli and date, and the fields
    Mobile JKN sent (`nomorreferensi`, `jeniskunjungan` 1–4, `kodedokter`, `jampraktek`,
    `norm`), `checked_in_at` when Mobile JKN checked it in."""

    __tablename__ = "bpjs_bookings"
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"), primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facilities.id"))
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    kodebooking: Mapped[str] = mapped_column(String(16), unique=True)
    source: Mapped[str] = mapped_column(String(8))
    jenispasien: Mapped[str] = mapped_column(String(8), default="JKN")
    kodepoli: Mapped[str] = mapped_column(String(8))
    tanggalperiksa: Mapped[date] = mapped_column(Date)
    nomorreferensi: Mapped[str] = mapped_column(String(40), default="")
    jeniskunjungan: Mapped[int | None] = mapped_column(Integer, nullable=True)
    kodedokter: Mapped[int | None] = mapped_column(Integer, nullable=True)
    jampraktek: Mapped[str] = mapped_column(String(11), default="")
    norm: Mapped[str] = mapped_column(String(20), default="")
    created_at: Mapped[datetime] = mapped_column()
    checked_in_at: Mapped[datetime | None] = mapped_column(nullable=True)
    __table_args__ = (Index("ix_bpjs_bookings_day", "facility_id", "tanggalperiksa"),)


class BpjsPatient(Base):
    """A JKN patient registered through Mobile JKN's "pasien baru" at a facility whose
    `new_patients` is "register": the card, the NIK and the medical-record number
    (`norm`) generated for it. Personal data: never logged or shown unmasked."""

    __tablename__ = "bpjs_patients"
    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facilities.id"))
    nomorkartu: Mapped[str] = mapped_column(String(13))
    nik: Mapped[str] = mapped_column(String(16))
    norm: Mapped[str] = mapped_column(String(20), default="")
    created_at: Mapped[datetime] = mapped_column()
    __table_args__ = (UniqueConstraint("facility_id", "nomorkartu",
                                       name="uq_bpjs_patient_card"),)


class BpjsCall(Base):
    """One call to BPJS waiting in the outbox, or done: `kind` "add", "task" (updatewaktu
    with `taskid` 1–7 or 99 at `waktu_ms`, epoch milliseconds) or "batal". `status`
    "pending" (to send at `next_at`), "done" (BPJS accepted it, or said it already had
    it: 208), "refused" (BPJS refused it for good; `last_code`, `last_message` say why).
    `attempts` counts sends; `lease_until` keeps two server processes from sending the
    same call at once."""

    __tablename__ = "bpjs_calls"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                    primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"), index=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facilities.id"))
    kodebooking: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(8))
    taskid: Mapped[int] = mapped_column(Integer, default=0)
    waktu_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_at: Mapped[datetime] = mapped_column()
    lease_until: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column()
    sent_at: Mapped[datetime | None] = mapped_column(nullable=True)
    done_at: Mapped[datetime | None] = mapped_column(nullable=True)
    last_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_message: Mapped[str] = mapped_column(Text, default="")
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    __table_args__ = (
        UniqueConstraint("visit_id", "kind", "taskid", name="uq_bpjs_call"),
        Index("ix_bpjs_calls_due", "status", "next_at"),
    )


class BpjsCursor(Base):
    """How far the outbox has read the ticket history (`ticket_events.id`): one row."""

    __tablename__ = "bpjs_cursor"
    id: Mapped[int] = mapped_column(primary_key=True)
    last_event_id: Mapped[int] = mapped_column(BigInteger, default=0)
