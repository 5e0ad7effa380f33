"""The shared case use cases on both databases (issue 16): filing sets deadlines in
working days, actions move the case and write its timeline, the public timeline hides
staff, the roles staff hold on a case, and the sweep that closes silent answered cases,
escalates overdue ones once and drops cases whose phone code never came back."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from queue_server.domain.workflow import ActionForbidden, ActionNotAllowed
from queue_server.persistence.access_models import Notification
from queue_server.persistence.case_file_store import DiskFileStore, file_store
from queue_server.persistence.case_models import Case, CaseCheck, CaseEvent, CaseFile
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services import case_checks, case_files
from queue_server.services.case_sweep import SweepReport, sweep
from queue_server.services.cases import CITIZEN, Step, find, note, roles_for, timeline
from tests.conftest import make_app
from tests.support import images
from tests.support.cases import KIND, TZ, WADUL, World, file_case, take, to_answered, world
from tests.support.clock import WIB, FakeClock
from tests.support.servers import wait_until

PNG = images.png()  # a real one: stored photos are decoded and saved again


@pytest.fixture
def w(engine: Engine) -> World:
    return world(engine)


def case_of(w: World, code: str) -> Case:
    with w.uow() as uow:
        found = uow.cases.by_code(code)
        assert isinstance(found, Case)
        return found


def events_of(w: World, code: str) -> list[CaseEvent]:
    with w.uow() as uow:
        return list(uow.cases.events(case_of(w, code).id))


def run_sweep(w: World, clock: FakeClock, files: DiskFileStore | None = None) -> SweepReport:
    return sweep(lambda: SqlUnitOfWork(w.engine), clock, [KIND], TZ, files)


def test_filing_sets_the_deadlines_in_working_days(w: World, clock: FakeClock) -> None:
    code = file_case(w, clock, office_id=w.desk_office, nik="3578010101900001",
                     comment="Saluran mampet di Jl. Tunjungan.")
    case = case_of(w, code)
    assert case.state == "received" and case.confirmed and case.version == 1
    assert case.state_due == date(2026, 11, 26)  # Monday + 3 working days (SP4N-LAPOR!)
    assert case.due == date(2026, 12, 21)  # + 20 working days: four weekends skipped
    [filed] = events_of(w, code)
    assert (filed.action, filed.from_state, filed.to_state, filed.actor) == (
        "file", None, "received", "citizen")
    assert filed.public and filed.comment == "Saluran mampet di Jl. Tunjungan."


def test_a_case_filed_on_friday_counts_past_the_weekend(w: World, clock: FakeClock) -> None:
    clock.set(datetime(2026, 11, 27, 20, 30, tzinfo=WIB))  # Friday evening, city time
    case = case_of(w, file_case(w, clock, state_days=1))
    assert case.state_due == date(2026, 11, 30)  # a category's own 1 day: Monday


def test_an_action_moves_the_case_and_writes_the_timeline(w: World, clock: FakeClock) -> None:
    code = file_case(w, clock)
    clock.advance(hours=2)
    take(w, clock, code, w.desk, Step("verify", comment="Lokasi jelas."))
    case = case_of(w, code)
    assert case.state == "verified" and case.version == 2
    assert case.state_since == clock.now() and case.state_due == date(2026, 11, 24)
    verify = events_of(w, code)[-1]
    assert (verify.action, verify.from_state, verify.to_state, verify.role) == (
        "verify", "received", "verified", "desk")
    assert verify.actor == f"staff:{w.desk.name}" and verify.comment == "Lokasi jelas."
    take(w, clock, code, w.desk, Step("forward", office_id=w.office))
    assert case_of(w, code).office_id == w.office


def test_a_refused_action_changes_nothing(w: World, clock: FakeClock) -> None:
    code = file_case(w, clock)
    with pytest.raises(ActionForbidden):
        take(w, clock, code, w.staff, Step("verify"))  # not the desk's member
    with pytest.raises(ActionNotAllowed):
        take(w, clock, code, w.desk, Step("answer", comment="x"))
    case = case_of(w, code)
    assert case.state == "received" and case.version == 1
    assert len(events_of(w, code)) == 1


def test_the_public_timeline_hides_staff_names_and_internal_lines(
        w: World, clock: FakeClock) -> None:
    code = file_case(w, clock)
    take(w, clock, code, w.desk, Step("verify"))
    with w.uow() as uow:
        note(uow, clock, case_of(w, code), w.actor(w.desk, None), "note",
             "Pelapor pernah melapor hal serupa.")
        uow.commit()
    take(w, clock, code, w.desk, Step("forward", office_id=w.office))
    with w.uow() as uow:
        public = timeline(uow, WADUL, find(uow, code), TZ, public_only=True)
        staff = timeline(uow, WADUL, find(uow, code), TZ, public_only=False)
    assert [line["action"] for line in public] == ["file", "verify", "forward"]
    assert all(line["actor"] is None for line in public)
    assert "Pelapor" not in str(public) and w.desk.name not in str(public)
    assert [line["role"] for line in public] == ["citizen", "desk", "desk"]
    assert public[2]["to_label"] == "Diteruskan ke OPD"
    assert public[0]["at"] == "2026-11-23T08:00:00+07:00"
    assert [line["action"] for line in staff] == ["file", "verify", "note", "forward"]
    assert staff[1]["actor"] == f"staff:{w.desk.name}"


def test_staff_hold_desk_office_head_and_admin_roles_by_office(
        w: World, clock: FakeClock) -> None:
    code = file_case(w, clock)
    take(w, clock, code, w.desk, Step("verify"))
    take(w, clock, code, w.desk, Step("forward", office_id=w.office))
    with w.uow() as uow:
        case = find(uow, code)
        held = {who.name: roles_for(uow, who, case, w.desk_office)
                for who in (w.desk, w.staff, w.head, w.outsider)}
        assert roles_for(uow, w.admin, case, w.desk_office) == {"admin"}
        assert roles_for(uow, None, case, w.desk_office) == frozenset()
        assert roles_for(uow, w.staff, None, w.desk_office) == frozenset()
    assert held[w.desk.name] == {"desk"}
    assert held[w.staff.name] == {"office"}
    assert held[w.head.name] == {"head", "office"}
    assert held[w.outsider.name] == frozenset()


def test_an_answered_case_closes_itself_after_ten_working_days(
        w: World, clock: FakeClock) -> None:
    code = file_case(w, clock)
    to_answered(w, clock, code)
    assert case_of(w, code).state_due == date(2026, 12, 7)
    clock.set(datetime(2026, 12, 7, 23, 0, tzinfo=WIB))  # the last day still counts
    assert run_sweep(w, clock).moved == 0
    clock.set(datetime(2026, 12, 8, 0, 5, tzinfo=WIB))
    report = run_sweep(w, clock)
    assert (report.moved, report.escalated) == (1, 0)
    case = case_of(w, code)
    assert case.state == "closed" and case.closed_at == clock.now()
    closing = events_of(w, code)[-1]
    assert (closing.action, closing.actor, closing.role) == ("close", "system", "system")
    assert run_sweep(w, clock).moved == 0


def test_an_overdue_case_is_escalated_once(w: World, clock: FakeClock) -> None:
    code = file_case(w, clock)  # to verify by Thursday 26 November
    clock.set(datetime(2026, 11, 27, 9, 0, tzinfo=WIB))
    assert run_sweep(w, clock).escalated == 0  # 1 working day over: not yet
    clock.set(datetime(2026, 11, 30, 9, 0, tzinfo=WIB))
    assert run_sweep(w, clock).escalated == 1  # 2 working days over (the weekend not)
    assert case_of(w, code).escalated_at == clock.now()
    clock.advance(days=1)
    assert run_sweep(w, clock).escalated == 0
    flags = [e for e in events_of(w, code) if e.action == "escalate"]
    assert len(flags) == 1 and not flags[0].public and flags[0].actor == "system"
    assert flags[0].data == {"working_days_over": 2}
    take(w, clock, code, w.desk, Step("verify"))  # a move clears the flag
    assert case_of(w, code).escalated_at is None


def count(engine: Engine, model: type, **where: object) -> int:
    with engine.connect() as conn:
        q = select(func.count()).select_from(model).filter_by(**where)
        return int(conn.execute(q).scalar_one())


def test_cases_whose_phone_code_expired_are_dropped_with_their_rows_and_files(
        w: World, clock: FakeClock, tmp_path: Path) -> None:
    store = file_store(tmp_path)
    folder = store.folder
    codes = [file_case(w, clock, phone="081234567890", confirmed=False) for _ in range(2)]
    with w.uow() as uow:
        for code, minutes in zip(codes, (10, 30), strict=True):
            case = find(uow, code)
            case_checks.start(uow, clock, case, timedelta(minutes=minutes), "pengaduan e-Wadul")
            case_files.attach(uow, clock, store, case, PNG, "photo", ("image/png",), 1000)
        uow.commit()
    kept = file_case(w, clock)
    doomed = case_of(w, codes[0]).id
    clock.advance(minutes=9)
    assert run_sweep(w, clock, store).dropped == 0
    clock.advance(minutes=2)
    assert run_sweep(w, clock, store).dropped == 1
    with w.uow() as uow:
        assert uow.cases.by_code(codes[0]) is None
        assert uow.cases.by_code(codes[1]) is not None and uow.cases.by_code(kept)
    for model in (CaseEvent, CaseFile, CaseCheck):
        assert count(w.engine, model, case_id=doomed) == 0
    assert count(w.engine, Notification, case_id=doomed) == 0
    assert not (folder / "cases" / str(doomed)).exists()
    assert (folder / "cases" / str(case_of(w, codes[1]).id)).exists()


def test_a_citizen_cannot_take_staff_actions(w: World, clock: FakeClock) -> None:
    code = file_case(w, clock)
    with pytest.raises(ActionForbidden):
        take(w, clock, code, CITIZEN, Step("verify"))


@pytest.mark.sqlite_only("the wiring of the background sweep, not the database")
def test_the_apps_sweep_drops_an_expired_unconfirmed_case_and_its_files(
        w: World, clock: FakeClock) -> None:
    app = make_app(w.engine, clock, CASE_SWEEP_SECONDS=0.05)
    sweeper = app.extensions["antrian.case_sweeper"]
    store = file_store(app.instance_path)
    folder = store.folder
    try:
        code = file_case(w, clock, phone="081234567890", confirmed=False)
        with w.uow() as uow:
            case = find(uow, code)
            case_checks.start(uow, clock, case, timedelta(minutes=10), "pengaduan e-Wadul")
            case_files.attach(uow, clock, store, case, PNG, "photo", ("image/png",), 1000)
            uow.commit()
        kept = folder / "cases" / str(case.id)
        assert kept.exists()
        clock.advance(minutes=11)
        wait_until(lambda: not kept.exists(), timeout=10, what="the sweep to drop the case")
        with w.uow() as uow:
            assert uow.cases.by_code(code) is None
    finally:
        sweeper.stop()
