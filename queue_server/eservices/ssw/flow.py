"""SSW's workflow and the helpers every use case shares: finding an application by its
public reference, the caller's roles on it, and taking a move of the workflow."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from queue_server.domain.workflow import Workflow
from queue_server.domain.workflow_data import parse_workflow
from queue_server.services.auth import Principal
from queue_server.services.cases import (
    Actor,
    Step,
    act,
    city_today,
    find_by_ref,
    public_ref,
    staff_actor,
)
from queue_server.services.port_cases import CaseRow, CaseWork
from queue_server.services.ports import Clock
from queue_server.services.yaml_text import read_yaml

from . import DESK_OFFICE, MODULE
from .errors import ApplicationUnconfirmed, SswForbidden, WrongStep
from .models import SswApplication, SswPermitType

WORKFLOW: Workflow = parse_workflow(
    MODULE, read_yaml(Path(__file__).parent / "workflow.yaml"))
DEFAULT_TZ = "Asia/Jakarta"


def city_tz() -> str:
    """The city's time zone: the Flask app's CITY_TIMEZONE inside a request or app
    context, else Asia/Jakarta (Surabaya's)."""
    from flask import current_app, has_app_context

    if has_app_context():
        return str(current_app.config.get("CITY_TIMEZONE", DEFAULT_TZ))
    return DEFAULT_TZ


def session(uow: Any) -> Any:
    """The unit of work's ORM session (SSW's rows are read and written through it)."""
    return uow.session


def application(uow: CaseWork, case: CaseRow) -> SswApplication:
    """The application row beside `case`."""
    from sqlalchemy import select

    row = session(uow).scalar(select(SswApplication).where(SswApplication.case_id == case.id))
    assert row is not None, "an SSW case always has its application"
    return row  # type: ignore[no-any-return]


def permit_of(uow: CaseWork, app_row: SswApplication) -> SswPermitType:
    """The permit type of an application."""
    found = session(uow).get(SswPermitType, app_row.permit_type_id)
    assert found is not None
    return found  # type: ignore[no-any-return]


def case_by_ref(uow: CaseWork, ref: str) -> CaseRow:
    """The SSW case of public reference `ref` (`SSW-12`). Raises RefNotFound (404)."""
    return find_by_ref(uow, ref, MODULE)


def desk_id(uow: CaseWork) -> int | None:
    """The id of the intake office (dpmptsp), None when it is not configured."""
    desk = uow.offices.by_code(DESK_OFFICE)
    return desk.id if desk else None


def require_confirmed(case: CaseRow) -> None:
    """ApplicationUnconfirmed (409) while the applicant's phone code is outstanding:
    nobody checks, reviews, inspects or decides such an application."""
    if not case.confirmed:
        raise ApplicationUnconfirmed(public_ref(case))


def actor_on(uow: CaseWork, principal: Principal, case: CaseRow,
             acting: bool = True) -> Actor:
    """The staff `principal` as an actor on `case` (services.cases.roles_for); when
    `acting` (a step, not a read), the case must be confirmed (require_confirmed)."""
    if acting:
        require_confirmed(case)
    return staff_actor(uow, principal, case, desk_id(uow))


def require_roles(actor: Actor, wanted: set[str], what_id: str, what_en: str) -> None:
    """SswForbidden (403) unless `actor` holds one of `wanted`."""
    if not actor.roles & wanted:
        raise SswForbidden(what_id, what_en)


def require_state(case: CaseRow, states: set[str], what_id: str, what_en: str) -> None:
    """WrongStep (409) unless `case` is in one of `states`."""
    if case.state not in states:
        raise WrongStep(WORKFLOW.state(case.state).words, what_id, what_en)


def move(uow: CaseWork, clock: Clock, case: CaseRow, action: str, actor: Actor,
         comment: str = "", data: dict[str, Any] | None = None) -> None:
    """Take the workflow's `action` on `case` (services.cases.act, the city's calendar
    and time zone; its errors)."""
    act(uow, clock, WORKFLOW, case, Step(action, comment=comment, data=data or {}), actor,
        timezone=city_tz())


def system_actor(actor: Actor) -> Actor:
    """The same person taking a move that follows from their check or review (the
    workflow's `system` role: nobody takes these directly)."""
    return Actor(actor.name, frozenset({"system"}), actor.user_id)


def today(tz: str) -> date:
    """Today in the city: the app's clock inside an app context (tests set it), else the
    system clock."""
    from flask import has_app_context

    from queue_server.services.ports import SystemClock

    clock: Clock = SystemClock()
    if has_app_context():
        from queue_server.runtime import current

        clock = current().clock
    return city_today(clock, tz)
