"""The SQL side checked against the ports: mypy (pyproject's `[tool.mypy] files`) reports
here when the unit of work, a repository or a row stops matching what the use cases call
(services/ports.py and the protocols it imports). Never run; nothing imports it.

mypy's incremental cache has missed such a change here (a protocol edited in
services/port_rows.py, this file not checked again): when in doubt, `mypy --no-incremental`.
"""

from __future__ import annotations

from ..services.port_cases import CaseWork
from ..services.port_documents import DocumentWork
from ..services.ports import UnitOfWork
from ..services.surveys import SurveyWork
from .uow import SqlUnitOfWork


def _sql_is_a_unit_of_work(uow: SqlUnitOfWork) -> UnitOfWork:
    return uow


def _sql_is_a_case_work(uow: SqlUnitOfWork) -> CaseWork:
    return uow


def _sql_is_a_survey_work(uow: SqlUnitOfWork) -> SurveyWork:
    return uow


def _sql_is_a_document_work(uow: SqlUnitOfWork) -> DocumentWork:
    return uow
