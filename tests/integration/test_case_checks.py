"""The citizen's phone checked by a one-time code before a case is filed (services/
case_checks.py), on both databases: the right code files the case, wrong ones are
counted (and the count kept), the last wrong one or an expired code leaves the case
unfiled; the code goes to the gateway in a notification row and never into a log."""

from __future__ import annotations

import logging
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server import notify
from queue_server.domain.case_codes import CaseCodeExpired, CaseCodeSpent, NoCaseCode
from queue_server.domain.identity import NotAMobileNumber
from queue_server.domain.phone_codes import MAX_ATTEMPTS, OtpNotDigits, WrongCode
from queue_server.persistence.access_models import Notification
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services import case_checks
from queue_server.services.cases import find
from tests.support.cases import World, file_case, world
from tests.support.clock import FakeClock

PHONE = "081234567890"
LASTS = timedelta(minutes=10)


@pytest.fixture
def w(engine: Engine) -> World:
    return world(engine)


def held(w: World, clock: FakeClock) -> tuple[str, str]:
    """A case filed unconfirmed with a code sent: (tracking code, the code sent)."""
    code = file_case(w, clock, phone=PHONE, confirmed=False)
    with w.uow() as uow:
        case_checks.start(uow, clock, find(uow, code), LASTS, "pengaduan e-Wadul")
        uow.commit()
    return code, sent_code(w, code)


def messages(w: World, code: str) -> list[Notification]:
    with w.uow() as uow:
        case_id = find(uow, code).id
        rows = uow.session.query(Notification).filter_by(case_id=case_id)
        return list(rows.order_by(Notification.id))


def sent_code(w: World, code: str) -> str:
    return str(messages(w, code)[-1].payload["otp"])


def confirm(w: World, clock: FakeClock, code: str, otp: str) -> None:
    """Confirm as a route would: inside the unit of work, committing only on success."""
    with w.uow() as uow:
        case_checks.confirm(uow, clock, find(uow, code), otp)
        uow.commit()


def state(w: World, code: str) -> tuple[bool, int | None]:
    """(confirmed, attempts left or None when no check is outstanding)."""
    with w.uow() as uow:
        case = find(uow, code)
        check = uow.cases.check(case.id)
        return case.confirmed, None if check is None else check.attempts_left


def wrong(otp: str) -> str:
    return f"{(int(otp) + 1) % 1_000_000:06d}"


def test_the_code_is_queued_for_the_phone_and_kept_only_hashed(
        w: World, clock: FakeClock) -> None:
    code, otp = held(w, clock)
    [message] = messages(w, code)
    assert message.kind == "case_code" and message.ticket_id is None
    assert message.status == "pending" and message.next_attempt_at == clock.now()
    payload = message.payload
    assert payload["kind"] == "case_code" and payload["case"] == code
    assert payload["phone"] == PHONE and len(otp) == 6 and otp.isdigit()
    assert payload["expires_at"] == "2026-11-23T08:10:00+07:00"
    assert f"pengaduan e-Wadul {code}: {otp}" in payload["message"]
    assert "Berlaku 10 menit" in payload["message"]
    with w.uow() as uow:
        check = uow.cases.check(find(uow, code).id)
        assert check is not None and otp not in check.code_hash
        assert check.attempts_left == MAX_ATTEMPTS
    assert state(w, code) == (False, MAX_ATTEMPTS)


def test_the_right_code_files_the_case(w: World, clock: FakeClock) -> None:
    code, otp = held(w, clock)
    clock.advance(minutes=9)
    confirm(w, clock, code, otp)
    assert state(w, code) == (True, None)
    with pytest.raises(NoCaseCode) as again:
        confirm(w, clock, code, otp)
    assert again.value.code == "no_code_pending"


def test_a_wrong_code_is_counted_even_though_the_caller_rolls_back(
        w: World, clock: FakeClock) -> None:
    code, otp = held(w, clock)
    with pytest.raises(WrongCode) as refused:
        confirm(w, clock, code, wrong(otp))
    assert refused.value.details == {"attempts_left": MAX_ATTEMPTS - 1}
    assert refused.value.message == f"Kode verifikasi salah. Sisa percobaan: {MAX_ATTEMPTS - 1}."
    assert state(w, code) == (False, MAX_ATTEMPTS - 1)
    confirm(w, clock, code, otp)
    assert state(w, code) == (True, None)


def test_the_last_wrong_code_spends_the_check_and_the_sweep_drops_the_case(
        w: World, clock: FakeClock) -> None:
    code, otp = held(w, clock)
    for left in range(MAX_ATTEMPTS - 1, 0, -1):
        with pytest.raises(WrongCode) as refused:
            confirm(w, clock, code, wrong(otp))
        assert refused.value.details["attempts_left"] == left
    with pytest.raises(CaseCodeSpent) as spent:
        confirm(w, clock, code, wrong(otp))
    assert spent.value.code == "too_many_attempts" and spent.value.kind == "conflict"
    with pytest.raises(CaseCodeSpent):
        confirm(w, clock, code, otp)  # even the right code is no longer taken
    assert state(w, code) == (False, 0)
    with w.uow() as uow:
        clock.advance(seconds=1)
        assert [c.code for c in uow.cases.unconfirmed_before(clock.now())] == [code]


def test_an_expired_code_is_refused(w: World, clock: FakeClock) -> None:
    code, otp = held(w, clock)
    clock.advance(minutes=10)
    with pytest.raises(CaseCodeExpired) as late:
        confirm(w, clock, code, otp)
    assert late.value.code == "case_code_expired"
    assert late.value.message.startswith("Waktu verifikasi kode sudah habis")
    assert state(w, code) == (False, MAX_ATTEMPTS)


def test_a_case_filed_without_a_check_has_no_code_to_confirm(w: World,
                                                             clock: FakeClock) -> None:
    code = file_case(w, clock, phone=PHONE)
    with pytest.raises(NoCaseCode):
        confirm(w, clock, code, "123456")
    with pytest.raises(OtpNotDigits):
        confirm(w, clock, code, "12a456")


def test_a_case_without_a_phone_cannot_be_checked(w: World, clock: FakeClock) -> None:
    code = file_case(w, clock, confirmed=False)
    with w.uow() as uow, pytest.raises(NotAMobileNumber):
        case_checks.start(uow, clock, find(uow, code), LASTS, "pengaduan e-Wadul")


def test_a_new_code_replaces_the_one_sent_before(w: World, clock: FakeClock) -> None:
    code, first = held(w, clock)
    with w.uow() as uow:
        case_checks.start(uow, clock, find(uow, code), LASTS, "pengaduan e-Wadul")
        uow.commit()
    second = sent_code(w, code)
    assert len(messages(w, code)) == 2
    if first != second:  # one in a million they are the same
        with pytest.raises(WrongCode):
            confirm(w, clock, code, first)
    confirm(w, clock, code, second)
    assert state(w, code) == (True, None)


@pytest.mark.sqlite_only("logging and the gateway worker do not depend on the database")
def test_the_code_is_never_written_to_a_log_and_is_wiped_once_sent(
        w: World, clock: FakeClock, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    caplog.set_level(logging.DEBUG)
    posted: list[dict[str, Any]] = []
    monkeypatch.setattr(notify, "post_json", lambda url, payload, timeout=5.0:
                        posted.append(payload))
    code, otp = held(w, clock)
    with pytest.raises(WrongCode):
        confirm(w, clock, code, wrong(otp))
    runtime = SimpleNamespace(uow=lambda: SqlUnitOfWork(w.engine), clock=clock)
    assert notify.deliver_due(runtime, "http://gateway.test/send") == 1  # type: ignore[arg-type]
    assert posted[0]["otp"] == otp and posted[0]["phone"] == PHONE
    [message] = messages(w, code)
    assert message.status == "sent"
    assert message.payload == {"kind": "case_code", "wiped": True}
    confirm(w, clock, code, otp)
    assert "notification" in caplog.text  # the delivery was logged, by its kind only
    assert otp not in caplog.text and PHONE not in caplog.text
