"""A workflow read from data (domain/workflow_data.py): a good one parses, and every kind
of mistake in a module's `workflow.yaml` is refused with the reason named."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from queue_server.domain.workflow import WorkflowInvalid
from queue_server.domain.workflow_data import parse_workflow

GOOD: dict[str, Any] = {
    "initial": "received",
    "overall_days": 20,
    "escalation": {"over_days": 2, "notify": "head"},
    "states": {
        "received": {"kind": "open", "days": 3, "label": "Diterima", "label_en": "Received"},
        "answered": {"kind": "open", "days": 10, "on_timeout": "close", "label": "Dijawab"},
        "closed": {"kind": "closed", "label": "Selesai", "label_en": "Closed"},
    },
    "transitions": [
        {"action": "answer", "from": ["received"], "to": "answered", "roles": ["office"],
         "comment": True},
        {"action": "close", "from": ["answered"], "to": "closed",
         "roles": ["citizen", "system"]},
        {"action": "reopen", "from": ["answered", "closed"], "to": "received",
         "roles": ["citizen"], "within_days": 10, "public": False},
    ],
}


def changed(path: list[Any], value: Any) -> dict[str, Any]:
    """GOOD with the item at `path` set to `value` (deleted when value is ...)."""
    data = copy.deepcopy(GOOD)
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


def test_a_good_workflow_parses_with_its_defaults() -> None:
    flow = parse_workflow("test", GOOD)
    assert flow.kind == "test" and flow.initial == "received"
    answered = flow.state("answered")
    assert (answered.label_id, answered.label_en) == ("Dijawab", "Dijawab")
    assert answered.on_timeout == "close" and answered.days == 10
    reopen = flow.transitions["reopen"]
    assert reopen.sources == {"answered", "closed"} and not reopen.public
    assert reopen.label_id == "reopen" and not reopen.office
    assert flow.transitions["answer"].comment and flow.transitions["close"].public


BAD = [
    (["states", "received", "kind"], "pending", "state received: kind must be open or closed"),
    (["states", "received", "kind"], ..., "state received: kind must be open or closed"),
    (["states", "received", "days"], -1, "state received: days must be a whole number ≥ 0"),
    (["states", "received", "days"], "tiga", "state received: days must be"),
    (["states", "received", "days"], True, "state received: days must be"),
    (["transitions", 0, "to"], "verified", "transition answer: needs action, from, to"),
    (["transitions", 0, "from"], [], "transition answer: needs action, from, to"),
    (["transitions", 0, "action"], "", "needs action, from, to"),
    (["transitions", 0, "from"], ["received", "lost"], "transition answer: unknown ['lost']"),
    (["transitions", 0, "roles"], ["office", "mayor"], "transition answer: unknown ['mayor']"),
    (["transitions", 0, "roles"], [], "transition answer: unknown ['none']"),
    (["transitions", 2, "within_days"], 2.5, "reopen: days must be a whole number"),
    (["transitions", 1, "action"], "answer", "action answer is named twice"),
    (["initial"], "draft", "unknown initial state draft"),
    (["initial"], ..., "unknown initial state None"),
    (["states", "answered", "on_timeout"], "answer", "state answered: on_timeout answer is "
                                                     "no action out of it"),
    (["states", "answered", "on_timeout"], "expire", "on_timeout expire is no action out"),
    (["states", "received", "on_timeout"], "close", "state received: on_timeout close"),
    (["overall_days"], -5, "overall_days: days must be a whole number ≥ 0"),
    (["escalation", "over_days"], "dua", "escalation: days must be a whole number"),
]


@pytest.mark.parametrize(("path", "value", "why"), BAD)
def test_bad_workflow_data_is_refused_with_its_reason(path: list[Any], value: Any,
                                                      why: str) -> None:
    with pytest.raises(WorkflowInvalid) as refused:
        parse_workflow("test", changed(path, value))
    error = refused.value
    assert error.code == "invalid_workflow" and error.kind == "invalid"
    assert why in error.message_en and error.message_en.startswith(
        "The test workflow is not valid: ")
    assert error.message.startswith("Alur kerja test tidak sah: ")


def test_a_workflow_without_escalation_or_overall_limit_has_none() -> None:
    data = changed(["escalation"], ...)
    del data["overall_days"]
    flow = parse_workflow("test", data)
    assert flow.escalation is None and flow.overall_days is None


def test_asking_for_a_state_the_workflow_lacks_is_refused() -> None:
    with pytest.raises(WorkflowInvalid, match="unknown state archived"):
        parse_workflow("test", GOOD).state("archived")
