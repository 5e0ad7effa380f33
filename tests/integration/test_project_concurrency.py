"""The packages of a line never add up to more than the line, also when many requests add
packages to it or change their values at once (the line's row is locked: SELECT … FOR
UPDATE on PostgreSQL, the writer's lock on SQLite); every refusal is a clean
`LineExceeded` (409) saying what is left, never a server error. On both databases."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

from sqlalchemy import Engine, func, select, text

from queue_server.eservices.planning.project.changes import PackageChange, change
from queue_server.eservices.planning.project.errors import LineExceeded
from queue_server.eservices.planning.project.models import ProjectPackage
from queue_server.eservices.planning.project.packages import NewPackage, add
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.auth import Principal
from tests.integration.test_budgeting_support import programme_line

THREADS, TRIES = 10, 3
VALUE = 40_000_000


def _opd(engine: Engine) -> Principal:
    with engine.connect() as conn:
        user_id = conn.execute(text("SELECT id FROM users WHERE username = 'opd'")).scalar_one()
    return Principal("staff", user_id, "opd", "office", None)


def test_packages_added_from_10_threads_never_exceed_the_line(
        app: Any, client: Any, engine: Engine) -> None:
    line = programme_line(client, amount_units=2000)  # Rp 370 juta: room for 9 of 40 juta
    who, clock = _opd(engine), app.extensions["antrian"].clock

    def attempt(n: int) -> list[Any]:
        out: list[Any] = []
        for i in range(TRIES):
            ask = NewPackage(line=line, title=f"Paket {n}.{i}", value=VALUE,
                             category="works", starts=date(2027, 3, 1), ends=date(2027, 6, 30))
            try:
                out.append(add(SqlUnitOfWork(engine), clock, app.config, who, ask))
            except LineExceeded as refused:
                out.append(refused)
        return out

    with ThreadPoolExecutor(THREADS) as pool:
        results = [r for batch in pool.map(attempt, range(THREADS)) for r in batch]
    codes = sorted(r for r in results if isinstance(r, str))
    refusals = [r for r in results if isinstance(r, LineExceeded)]
    assert len(codes) + len(refusals) == THREADS * TRIES  # nothing else was raised
    assert len(codes) == 9
    assert codes == [f"PKT-2027-{n:04d}" for n in range(1, 10)]  # gap-free, no repeat
    assert {r.details["left"] for r in refusals} == {370_000_000 - 9 * VALUE}
    with engine.connect() as conn:
        total = conn.execute(select(func.sum(ProjectPackage.value)).where(
            ProjectPackage.budget_line_id == line)).scalar_one()
    assert total == 9 * VALUE <= 370_000_000


def test_packages_changed_from_10_threads_never_exceed_the_line(
        app: Any, client: Any, engine: Engine) -> None:
    """Two packages of Rp 100 juta on a line of Rp 370 juta, each asked from 5 threads
    at once to grow to Rp 260 juta: one of them grows (again and again: itself is not
    counted twice), the other is refused with what is left; never a server error."""
    line = programme_line(client, amount_units=2000)
    who, clock = _opd(engine), app.extensions["antrian"].clock
    codes = [add(SqlUnitOfWork(engine), clock, app.config, who, NewPackage(
        line=line, title=f"Paket {n}", value=100_000_000, category="works",
        starts=date(2027, 3, 1), ends=date(2027, 6, 30))) for n in (1, 2)]

    def attempt(n: int) -> list[Any]:
        out: list[Any] = []
        for _ in range(TRIES):
            try:
                change(SqlUnitOfWork(engine), clock, who, codes[n % 2],
                       PackageChange(value=260_000_000))
                out.append("changed")
            except LineExceeded as refused:
                out.append(refused)
        return out

    with ThreadPoolExecutor(THREADS) as pool:
        results = [r for batch in pool.map(attempt, range(THREADS)) for r in batch]
    refusals = [r for r in results if isinstance(r, LineExceeded)]
    assert len(refusals) + results.count("changed") == THREADS * TRIES
    assert {r.details["left"] for r in refusals} == {370_000_000 - 260_000_000}
    with engine.connect() as conn:
        values = sorted(conn.execute(select(ProjectPackage.value).where(
            ProjectPackage.budget_line_id == line)).scalars())
    assert values == [100_000_000, 260_000_000]
