"""Reply templates for staff (data in `replies.yaml`): the words a desk or an office
starts an answer, a rejection, a merge or a forward from."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from queue_server.services.yaml_text import read_yaml

from . import WORKFLOW
from .domain import StateUnknown

REPLIES_FILE = Path(__file__).parent / "replies.yaml"


@cache
def _all() -> tuple[dict[str, str], ...]:
    data = read_yaml(REPLIES_FILE)["replies"]
    return tuple({k: str(v) for k, v in entry.items()} for entry in data)


def replies(state: str | None = None) -> list[dict[str, str]]:
    """The templates `{state, action, title, text}` (those for `state` when given; an
    unknown state raises StateUnknown 422)."""
    if state and state not in WORKFLOW.states:
        raise StateUnknown(state, list(WORKFLOW.states))
    return [dict(entry) for entry in _all() if not state or entry["state"] == state]
