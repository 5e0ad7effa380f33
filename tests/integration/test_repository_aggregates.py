"""Repositories by aggregate: one module per aggregate, each wired once on the Unit of Work."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest
from sqlalchemy import Engine

from queue_server.persistence.repositories import Tickets
from queue_server.persistence.uow import SqlUnitOfWork

PACKAGE = Path(__file__).parents[2] / "queue_server" / "persistence" / "repositories"

# Unit of Work attribute → the module of the package its repository lives in.
WIRING = {
    "directory": "directory",
    "tickets": "queue",
    "bookings": "bookings",
    "patients": "bookings",
    "holds": "bookings",
    "notifications": "notifications",
    "idempotency": "idempotency",
    "staff": "staff",
    "config": "configuration",
    "calendar": "configuration",
    "security": "security",
    "day_closes": "day_closes",
}


@pytest.mark.parametrize(("attribute", "module"), sorted(WIRING.items()))
def test_each_unit_of_work_repository_comes_from_its_aggregate_module(
        engine: Engine, attribute: str, module: str) -> None:
    with SqlUnitOfWork(engine) as uow:
        repository = getattr(uow, attribute)
    assert type(repository).__module__ == f"queue_server.persistence.repositories.{module}"


def test_the_queue_repository_keeps_no_messages_request_keys_or_bookings() -> None:
    kept = {name for name in vars(Tickets) if not name.startswith("_")}
    strays = {"add_notification", "due_notifications", "idempotency", "remember_key",
              "active_bookings", "booking_day", "ahead_by_number"}
    assert kept & strays == set()


@pytest.mark.parametrize("loose", ["repositories.py", "booking_holds.py",
                                   "calendar_repository.py", "day_closes.py",
                                   "patient_repository.py", "security_repository.py"])
def test_no_repository_module_is_left_beside_the_package(loose: str) -> None:
    name = "queue_server.persistence." + loose.removesuffix(".py")
    spec = importlib.util.find_spec(name)
    assert spec is None or spec.submodule_search_locations is not None, name


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_repository_modules_stay_under_300_lines_and_functions_under_50(path: Path) -> None:
    source = path.read_text()
    assert len(source.splitlines()) < 300
    long = [node.name for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.FunctionDef) and node.end_lineno is not None
            and node.end_lineno - node.lineno + 1 > 50]
    assert long == []
