"""Upgrading a database that already holds a day's work keeps every row (SQLite, PostgreSQL).

Empty databases migrate in every other test; this one migrates a full one, down to the
schema of the previous releases and up again, as an upgrade in a puskesmas does.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, make_url, text

from queue_server import create_app
from queue_server.persistence.db import make_engine
from queue_server.persistence.migrate import current_revision, downgrade, upgrade
from queue_server.services.configuration import read_config
from tests.conftest import DEMO, Api, login
from tests.support import factories
from tests.support.clock import FakeClock

TABLES = ("facilities", "services", "counters", "devices", "users", "visits", "tickets",
          "ticket_events", "daily_sequences", "idempotency_keys")


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on a database of its own (never the suite's shared one)."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'upgrade.db'}")
        yield engine
        engine.dispose()
        return
    url = make_url(request.getfixturevalue("pg_url"))
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS antrian_upgrade"))
        conn.execute(text("CREATE DATABASE antrian_upgrade"))
    engine = make_engine(url.set(database="antrian_upgrade").render_as_string(
        hide_password=False))
    yield engine
    engine.dispose()
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE antrian_upgrade"))
    admin.dispose()


def a_days_work(engine: Engine, day: int = 1) -> None:
    """Configuration, walk-ins, a booking, calls, a transfer: rows in every table."""
    app = create_app({"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url),
                      "CLOCK": FakeClock(), "SECRET_KEY": "test"})
    client = app.test_client()
    kiosk, staff = Api(client, "demo-kiosk"), Api(client, login(client, "petugas"))
    for _ in range(3):
        kiosk.ticket()
    body = {"facility": "pkm-demo", "service": "umum", "date": f"2026-11-{23 + day}",
            "patient": {"nik": "3578010101900001", "name": "Siti", "phone": "081234567890"}}
    reply = client.post("/api/v1/bookings", headers={"Idempotency-Key": f"upgrade-{day}"},
                        json=body)
    assert reply.status_code == 201, reply.get_json()
    assert staff.act("loket-1", "call-next").status_code == 200
    assert staff.act("loket-1", "recall").status_code == 200
    assert staff.act("loket-1", "finish", {"transfer_to": "umum"}).status_code == 200


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}


def test_a_full_database_goes_down_to_0005_and_up_again_keeping_every_row(fresh: Any) -> None:
    upgrade(fresh)
    factories.load(fresh, read_config(DEMO))
    a_days_work(fresh)
    before = counts(fresh)
    assert before["tickets"] == 5 and before["ticket_events"] >= 8
    downgrade(fresh, "0005")
    assert current_revision(fresh) == "0005"
    assert counts(fresh) == before
    upgrade(fresh)
    assert counts(fresh) == before
    with fresh.connect() as conn:
        epochs = conn.execute(text("SELECT epoch FROM facilities")).scalars().all()
    assert all(len(e) == 16 for e in epochs)  # 0006 gave every facility an epoch
    a_days_work(fresh, 2)  # and the upgraded database serves another day
