"""e-Wadul in the test databases: its categories (kept between tests, like the demo
configuration: RUNTIME_TABLES empties complaints only), callers by role, a small PNG, and
a helper that files a complaint through the API and returns its tracking code.

Use: `from tests.integration.wadul_support import *  # noqa: F403` brings the fixtures."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server.eservices.wadul.categories import load_categories
from queue_server.persistence.uow import SqlUnitOfWork
from tests.conftest import Api, login
from tests.support import factories, images

PNG = images.png()  # a real one: stored photos are decoded and saved again
NIK = factories.nik(7)
PHONE = "081234567890"
NAME = "Siti Aminah Rahayu"
REPORTS = "/api/v1/wadul/reports"
_loaded: set[int] = set()


@pytest.fixture
def wadul(engine: Engine) -> Engine:
    """The engine with e-Wadul's categories loaded (once per database per session)."""
    if id(engine) not in _loaded:
        load_categories(SqlUnitOfWork(engine))
        _loaded.add(id(engine))
    return engine


def office_user(engine: Engine, office: str, role: str = "staff") -> str:
    """A fresh office user holding `role` in `office`; returns the username."""
    entry = factories.user(None, f"staf-{office}", role="office", name=f"Staf {office}",
                           offices=[{"office": office, "role": role}])
    factories.load(engine, {"users": [entry]})
    return str(entry["username"])


def caller(client: Any, username: str, password: str = "demo") -> Api:
    """The API as `username` (demo users' password by default)."""
    return Api(client, login(client, username, password))


@pytest.fixture
def citizen(app: Any) -> Any:
    """A client of its own, with no staff session cookie (staff fixtures log in on
    `client`, which then carries their session)."""
    return app.test_client()


@pytest.fixture
def desk(client: Any, wadul: Engine) -> Api:
    return caller(client, "mediacenter")


@pytest.fixture
def opd(client: Any, wadul: Engine) -> Api:
    return caller(client, "opd")  # staff of dsdabm


@pytest.fixture
def head(client: Any, wadul: Engine) -> Api:
    return caller(client, "kepala-opd")  # head of dsdabm


@pytest.fixture
def other_office(client: Any, wadul: Engine) -> Api:
    """Staff of dlh: another office than dsdabm's."""
    return caller(client, office_user(wadul, "dlh"), factories.PASSWORD)


def report(category: str = "jalan-rusak", **extra: Any) -> dict[str, Any]:
    """A valid complaint body (a damaged road in Tegalsari, with identity)."""
    return {"category": category, "description": "Jalan berlubang besar di depan sekolah.",
            "kelurahan": "Tegalsari", "nik": NIK, "phone": PHONE, "name": NAME, **extra}


def file(client: Any, **extra: Any) -> str:
    """File a complaint as a citizen (JSON); its tracking code."""
    reply = client.post(REPORTS, json=report(**extra))
    assert reply.status_code == 201, reply.get_json()
    return str(reply.get_json()["code"])


def act(api: Any, code: str, action: str, **body: Any) -> Any:
    """POST an action (as `api`: an Api, or the bare client for the citizen)."""
    return api.post(f"{REPORTS}/{code}/actions", json={"action": action, **body})


def forwarded(client: Any, desk: Api, **extra: Any) -> str:
    """A complaint verified and forwarded to its category's office (dsdabm)."""
    code = file(client, **extra)
    assert act(desk, code, "verify").status_code == 200
    assert act(desk, code, "forward").status_code == 200
    return code


def answered(client: Any, desk: Api, opd: Api, **extra: Any) -> str:
    """A complaint taken through to `answered` by dsdabm."""
    code = forwarded(client, desk, **extra)
    assert act(opd, code, "accept").status_code == 200
    assert act(opd, code, "answer", comment="Sudah ditambal.").status_code == 200
    return code


__all__ = ["NAME", "NIK", "PHONE", "PNG", "REPORTS", "act", "answered", "caller", "citizen",
           "desk",
           "file", "forwarded", "head", "office_user", "opd", "other_office", "report",
           "wadul"]
