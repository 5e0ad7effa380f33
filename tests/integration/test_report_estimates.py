"""How good the estimates were (issue 15): the call time a walk-in's reply estimated,
kept on its history row, against the real first call; the summary's median absolute error
in minutes, from the history and from a day's roll-up alike, on both databases."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from tests.conftest import Api, login
from tests.support import factories
from tests.support.clock import WIB, FakeClock

DAY = factories.TODAY


@pytest.fixture
def site(engine: Any) -> factories.Site:
    return factories.facility(
        "pkm-kira", services=[factories.service("umum", "B", "Poli Umum", avg_minutes=5)],
        devices=[factories.device("kiosk")], users=("petugas",)).load(engine)


def _at(clock: FakeClock, hh: int, mm: int) -> datetime:
    clock.set(clock.now().replace(hour=hh, minute=mm, second=0, microsecond=0, tzinfo=WIB))
    return clock.now()


def test_the_summary_says_how_far_calls_were_from_their_estimates(
    client: Any, clock: FakeClock, site: factories.Site,
) -> None:
    kiosk = Api(client, site.token("kiosk"))
    staff = Api(client, login(client, site.username("petugas"), factories.PASSWORD))
    _at(clock, 8, 0)
    promised = [datetime.fromisoformat(kiosk.ticket("umum")["estimated_call_at"])
                for _ in range(3)]
    errors = []
    for hh, mm in ((8, 3), (8, 11), (8, 30)):
        called_at = _at(clock, hh, mm)
        assert staff.act("ruang-1", "call-next").status_code == 200
        errors.append(abs((called_at - promised[len(errors)]).total_seconds()) / 60)
    assert len(set(errors)) == 3  # three different errors: the median picks one
    admin = Api(client, login(client, "admin"))
    reply = admin.get(f"/api/v1/reports/summary?facility={site.code}&from={DAY.isoformat()}")
    assert reply.status_code == 200, reply.get_json()
    [row] = reply.get_json()["rows"]
    assert row["estimate_count"] == 3
    assert row["estimate_error_median_min"] == round(sorted(errors)[1], 1)
    csv_text = admin.get(f"/api/v1/reports/summary?facility={site.code}"
                         f"&from={DAY.isoformat()}&format=csv").get_data(as_text=True)
    assert "estimate_error_median_min" in csv_text.splitlines()[0]
