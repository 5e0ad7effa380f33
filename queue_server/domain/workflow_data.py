"""A workflow read from data (a module's `workflow.yaml`), every reference checked:

```yaml
initial: received
overall_days: 20            # working days, optional
escalation: {over_days: 2, notify: head}
states:
  received: {kind: open, days: 3, label: Diterima, label_en: Received}
  answered: {kind: open, days: 10, on_timeout: close, label: Dijawab, label_en: Answered}
  closed:   {kind: closed, label: Selesai, label_en: Closed}
transitions:
  - {action: verify, from: [received], to: verified, roles: [desk], label: Verifikasi}
  - {action: reopen, from: [answered, closed], to: in_progress, roles: [citizen],
     within_days: 10, comment: true}
```
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .workflow import KINDS, ROLES, Escalation, State, Transition, Workflow, WorkflowInvalid


def _days(value: object, kind: str, where: str) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise WorkflowInvalid(kind, f"{where}: days must be a whole number ≥ 0")
    return value


def _state(kind: str, name: str, data: Mapping[str, Any]) -> State:
    if data.get("kind") not in KINDS:
        raise WorkflowInvalid(kind, f"state {name}: kind must be open or closed")
    label = str(data.get("label") or name)
    return State(name=name, kind=data["kind"], label_id=label,
                 label_en=str(data.get("label_en") or label),
                 days=_days(data.get("days"), kind, f"state {name}"),
                 on_timeout=data.get("on_timeout"))


def _transition(kind: str, data: Mapping[str, Any], states: Mapping[str, State]) -> Transition:
    action = str(data.get("action") or "")
    sources = frozenset(data.get("from") or ())
    target = data.get("to")
    roles = frozenset(data.get("roles") or ())
    if not action or not sources or target not in states:
        raise WorkflowInvalid(kind, f"transition {action or data}: needs action, from, to")
    unknown = (sources - states.keys()) or (roles - ROLES) or (set() if roles else {"none"})
    if unknown:
        raise WorkflowInvalid(kind, f"transition {action}: unknown {sorted(unknown)}")
    label = str(data.get("label") or action)
    return Transition(action=action, sources=sources, target=str(target), roles=roles,
                      label_id=label, label_en=str(data.get("label_en") or label),
                      comment=bool(data.get("comment", False)),
                      office=bool(data.get("office", False)),
                      within_days=_days(data.get("within_days"), kind, action),
                      public=bool(data.get("public", True)))


def parse_workflow(kind: str, data: Mapping[str, Any]) -> Workflow:
    """The workflow `kind` described by `data` (see the module docstring).

    Raises WorkflowInvalid naming what is wrong: a state without kind, a transition to or
    from an unknown state or by an unknown role, an `on_timeout` that is no transition
    out of its state, an unknown initial state."""
    states = {name: _state(kind, name, body or {})
              for name, body in (data.get("states") or {}).items()}
    transitions: dict[str, Transition] = {}
    for item in data.get("transitions") or []:
        transition = _transition(kind, item, states)
        if transition.action in transitions:
            raise WorkflowInvalid(kind, f"action {transition.action} is named twice")
        transitions[transition.action] = transition
    initial = data.get("initial")
    if initial not in states:
        raise WorkflowInvalid(kind, f"unknown initial state {initial}")
    for state in states.values():
        timeout = transitions.get(state.on_timeout or "")
        if state.on_timeout and (timeout is None or state.name not in timeout.sources):
            raise WorkflowInvalid(kind, f"state {state.name}: on_timeout {state.on_timeout}"
                                  " is no action out of it")
    rule = data.get("escalation")
    escalation = None
    if rule:
        over = _days(rule.get("over_days"), kind, "escalation")
        escalation = Escalation(over_days=over or 0, notify=str(rule.get("notify", "head")))
    return Workflow(kind=kind, initial=str(initial), states=states, transitions=transitions,
                    overall_days=_days(data.get("overall_days"), kind, "overall_days"),
                    escalation=escalation)
