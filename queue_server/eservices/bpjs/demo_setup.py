"""The demo's BPJS setup written into a database: `pkm-demo`'s mapping (demo_data) and the
hosted account `mobilejkn`. The demo loader and the tests (tests/support/bpjs.py) share
it; the demo's weak password is allowed here alone (the API refuses it)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from queue_server.services.auth import hash_password

from .config_write import parse_setup, store_setup
from .demo_data import DEMO_ACCOUNT, DEMO_PPK, demo_services
from .models import BpjsAccount


def write_demo_setup(uow: Any, facility_id: int, level: str, password: str,
                     username: str = DEMO_ACCOUNT) -> None:
    """Map facility `facility_id`'s demo services (those of demo_data it has), set it up
    at `level` reporting, and make (or reset) the account `username` with `password`, bound
    to it. No commit: the caller's transaction."""
    codes = {s.code: s.id for s in uow.directory.services(facility_id, active_only=False)}
    entries = [e for e in demo_services() if e["service"] in codes]
    store_setup(uow, facility_id, parse_setup(
        {"level": level, "ppk_code": DEMO_PPK, "reporting": True, "services": entries}, codes))
    account = uow.session.scalars(select(BpjsAccount).where(
        BpjsAccount.username == username)).first()
    if account is None:
        account = BpjsAccount(username=username, version=1)
        uow.session.add(account)
    elif account.facility_id != facility_id or account.password_hash:
        account.version = (account.version or 1) + 1
    account.password_hash = hash_password(password)
    account.facility_id, account.active = facility_id, True
    uow.session.flush()
