"""Helpers of e-Musrenbang's integration tests (no test here): a cycle whose given phase
runs on the test clock's day, with Kedungdoro's areas, the demo catalogue and ceilings;
API calls as a demo user; proposals taken to a state."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from queue_server.eservices.planning.musrenbang.catalogue import DEMO_CSV
from queue_server.eservices.planning.musrenbang.rules import PHASES
from tests.conftest import login

API = "/api/v1/musrenbang"
YEAR = 2027
AREAS = [{"rw": f"kel-kedungdoro-rw0{n}", "kelurahan": "kel-kedungdoro",
          "kecamatan": "kec-tegalsari"} for n in (1, 2, 3)]
_TOKENS: dict[tuple[int, str], str] = {}


def call(client: Any, user: str | None, method: str, path: str, body: Any = None) -> Any:
    """`method` on `path` (under /api/v1/musrenbang) as demo `user` (None: nobody). A
    token kept from an earlier test whose client had the same id is refused (401): the
    user signs in again, once."""
    headers: dict[str, str] = {}
    if user is None:
        return client.open(API + path, method=method, json=body, headers=headers)
    key = (id(client), user)
    for _attempt in range(2):
        if key not in _TOKENS:
            _TOKENS[key] = login(client, user)
        headers["Authorization"] = f"Bearer {_TOKENS[key]}"
        reply = client.open(API + path, method=method, json=body, headers=headers)
        if reply.status_code != 401:
            break
        del _TOKENS[key]
    return reply


def phases_around(today: date, phase: str) -> dict[str, dict[str, str]]:
    """Five phases of ten days each, `phase`'s running on `today`."""
    first = today - timedelta(days=11 * PHASES.index(phase) + 3)
    return {code: {"starts": (first + timedelta(days=11 * n)).isoformat(),
                   "ends": (first + timedelta(days=11 * n + 9)).isoformat()}
            for n, code in enumerate(PHASES)}


def set_up(client: Any, today: date, phase: str = "submission", rw_ceiling: int = 500_000_000,
           ceilings: dict[str, int] | None = None) -> None:
    """The cycle YEAR with `phase` open on `today`, areas, the demo catalogue (loaded
    while the cycle's phases are still ahead: the catalogue is fixed once the
    submission phase starts), ceilings."""
    ahead = phases_around(today + timedelta(days=60), "submission")
    made = call(client, "bappeda", "POST", "/cycles", {
        "year": YEAR, "phases": ahead, "rw_ceiling": rw_ceiling})
    assert made.status_code == 201, made.get_json()
    assert call(client, "bappeda", "PUT", "/areas", {"areas": AREAS}).status_code == 200
    loaded = call(client, "bappeda", "PUT", f"/cycles/{YEAR}/items",
                  {"csv": DEMO_CSV.read_text("utf-8")})
    assert loaded.status_code == 200, loaded.get_json()
    redate(client, today, phase)
    if ceilings:
        reply = call(client, "bappeda", "PUT", f"/cycles/{YEAR}/ceilings", {"ceilings": [
            {"office": k, "amount": v} for k, v in ceilings.items()]})
        assert reply.status_code == 200, reply.get_json()


def redate(client: Any, today: date, phase: str) -> None:
    """Re-date the cycle YEAR so that `phase` runs on `today` (through the app's own
    unit of work: the agency may re-date a cycle)."""
    from sqlalchemy import update

    from queue_server.eservices.planning.musrenbang.models import MusrenbangCycle

    with client.application.extensions["antrian"].uow() as uow:
        uow.session.execute(update(MusrenbangCycle).where(MusrenbangCycle.year == YEAR)
                            .values(phases=phases_around(today, phase)))
        uow.commit()


def move_phases(engine: Any, today: date, phase: str) -> None:
    """Re-date the cycle's phases so that `phase` runs on `today`."""
    from sqlalchemy import update

    from queue_server.eservices.planning.musrenbang.models import MusrenbangCycle

    with engine.begin() as conn:
        conn.execute(update(MusrenbangCycle).where(MusrenbangCycle.year == YEAR)
                     .values(phases=phases_around(today, phase)))


def propose(client: Any, user: str = "rw01", item: str = "PJU", quantity: str = "2",
            **extra: Any) -> Any:
    """A proposal submitted by `user`; the reply."""
    return call(client, user, "POST", f"/cycles/{YEAR}/proposals",
                {"item": item, "quantity": quantity, "location": "Gg. II", **extra})


def act(client: Any, user: str, ref: str, action: str, comment: str = "", **extra: Any) -> Any:
    return call(client, user, "POST", f"/proposals/{ref}/actions",
                {"action": action, "comment": comment, **extra})
