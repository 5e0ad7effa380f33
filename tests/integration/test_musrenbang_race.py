"""The RW ceiling under concurrency, on SQLite and PostgreSQL: submissions racing in
threads never pass the ceiling together (the RW's ceiling row is locked, or the cycle's
row when the RW has none)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

from queue_server.domain.errors import DomainError
from queue_server.eservices.planning.musrenbang import proposals
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.auth import Principal
from queue_server.services.cases import city_today
from tests.integration.test_musrenbang_support import YEAR, set_up


def _chair(engine: Any, name: str) -> Principal:
    with SqlUnitOfWork(engine) as uow:
        user = uow.staff.user_by_username(name)
        assert user is not None
        return Principal("staff", user.id, name, user.role, None)


def _race(engine: Any, clock: Any, who: Principal, tries: int) -> list[str]:
    def one(_: int) -> str:
        try:
            made = proposals.submit(SqlUnitOfWork(engine), clock, who, YEAR, proposals.Proposal(
                item="PJU", quantity=Decimal(2), location="Gg. I"))  # Rp 13.000.000 each
            return made.ref
        except DomainError as exc:
            return exc.code

    with ThreadPoolExecutor(tries) as pool:
        return list(pool.map(one, range(tries)))


def test_racing_submissions_never_pass_the_ceiling_together(engine, client, clock) -> None:
    set_up(client, city_today(clock, "Asia/Jakarta"), rw_ceiling=20_000_000,
           ceilings={"kel-kedungdoro-rw01": 30_000_000})
    with_row = _race(engine, clock, _chair(engine, "rw01"), 6)
    assert sum(r.startswith("USL-") for r in with_row) == 2, with_row
    assert set(with_row) - {r for r in with_row if r.startswith("USL-")} == {
        "musrenbang_ceiling_exceeded"}
    by_default = _race(engine, clock, _chair(engine, "rw02"), 6)
    assert sum(r.startswith("USL-") for r in by_default) == 1, by_default
    refs = sorted(r for r in with_row + by_default if r.startswith("USL-"))
    assert refs == [f"USL-{YEAR}-000{n}" for n in (1, 2, 3)]
