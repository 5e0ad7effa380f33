"""One use case per counter command and one explicit route for each (issue 14, point 3),
and the core importing nothing from the API it serves."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

from queue_server.services import counter_actions

ROOT = Path(__file__).resolve().parents[2]
ROUTES = ROOT / "mobile_api" / "counters.py"
COMMANDS = ["call-next", "recall", "start", "skip", "finish", "transfer", "requeue", "pause",
            "resume", "call-number", "priority"]
HEAD = ["uow", "clock", "principal", "counter_code"]
TAIL = ["facility_code", "guard"]
USE_CASES = {
    "call_next": [*HEAD, "facility_code", "notify_at", "guard"],
    "recall": HEAD + TAIL, "start": HEAD + TAIL, "skip": HEAD + TAIL,
    "finish": HEAD + TAIL, "pause": HEAD + TAIL, "resume": HEAD + TAIL,
    "transfer": [*HEAD, "to", *TAIL],
    "requeue": [*HEAD, "number", *TAIL],
    "call_number": [*HEAD, "number", "facility_code", "notify_at", "guard"],
    "change_priority": [*HEAD, "number", "priority", "reason", *TAIL],
}


@pytest.mark.parametrize("name", sorted(USE_CASES))
def test_every_counter_command_is_a_use_case_of_its_own(name: str) -> None:
    use_case = getattr(counter_actions, name)
    assert list(inspect.signature(use_case).parameters) == USE_CASES[name]
    assert use_case.__doc__, f"{name} says what it does and what it raises"


def test_no_use_case_branches_on_the_action_any_more() -> None:
    assert not hasattr(counter_actions, "counter_action")
    assert not hasattr(counter_actions, "set_paused")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_search_for_a_command_path_finds_its_one_route(command: str) -> None:
    source = ROUTES.read_text(encoding="utf-8")
    literal = f'@blp.post("/<counter>/{command}")'
    assert source.count(literal) == 1
    after = source[source.index(literal):]
    first_def = re.search(r"^def (\w+)\(", after, re.MULTILINE)
    assert first_def is not None and first_def.group(1) == command.replace("-", "_")


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def test_the_core_imports_nothing_from_the_api_but_to_wire_it() -> None:
    """The guards and the screening the pages and sockets share live in
    queue_server/edge/; only create_app reaches out, to register the API. An e-service
    module (queue_server/eservices/<name>/) is no part of the core: a plugin that brings
    its own API routes, it uses the API layer's helpers as mobile_api's blueprints do."""
    modules = ROOT / "queue_server" / "eservices"
    outward = [f"{path.relative_to(ROOT)}: {name}"
               for path in sorted((ROOT / "queue_server").rglob("*.py"))
               if path != ROOT / "queue_server" / "__init__.py"
               and not (path.is_relative_to(modules) and path.parent != modules)
               for name in _imports(path)
               if name == "mobile_api" or name.startswith("mobile_api.")]
    assert outward == []


def test_the_edge_is_not_left_behind_in_the_api() -> None:
    for moved in ("code_guard", "token_guard", "screening", "ratelimit"):
        assert not (ROOT / "mobile_api" / f"{moved}.py").exists()
        assert (ROOT / "queue_server" / "edge" / f"{moved}.py").exists()
