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
    """`method` on `path` (under /api/v1/musrenbang) as demo `user` (None: nobody)."""
    headers = {}
    if user is not None:
        key = (id(client), user)
        if key not in _TOKENS:
            _TOKENS[key] = login(client, user)
        headers["Authorization"] = f"Bearer {_TOKENS[key]}"
    return client.open(API + path, method=method, json=body, headers=headers)


def phases_around(today: date, phase: str) -> dict[str, dict[str, str]]:
    """Five phases of ten days each, `phase`'s running on `today`."""
    first = today - timedelta(days=11 * PHASES.index(phase) + 3)
    return {code: {"starts": (first + timedelta(days=11 * n)).isoformat(),
                   "ends": (first + timedelta(days=11 * n + 9)).isoformat()}
            for n, code in enumerate(PHASES)}


def set_up(client: Any, today: date, phase: str = "submission", rw_ceiling: int = 500_000_000,
           ceilings: dict[str, int] | None = None) -> None:
    """The cycle YEAR with `phase` open on `today`, areas, the demo catalogue, ceilings."""
    made = call(client, "bappeda", "POST", "/cycles", {
        "year": YEAR, "phases": phases_around(today, phase), "rw_ceiling": rw_ceiling})
    assert made.status_code == 201, made.get_json()
    assert call(client, "bappeda", "PUT", "/areas", {"areas": AREAS}).status_code == 200
    loaded = call(client, "bappeda", "PUT", f"/cycles/{YEAR}/items",
                  {"csv": DEMO_CSV.read_text("utf-8")})
    assert loaded.status_code == 200, loaded.get_json()
    if ceilings:
        reply = call(client, "bappeda", "PUT", f"/cycles/{YEAR}/ceilings", {"ceilings": [
            {"office": k, "amount": v} for k, v in ceilings.items()]})
        assert reply.status_code == 200, reply.get_json()


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
