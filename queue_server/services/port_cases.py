"""The ports of the e-service use cases (issue 16): the rows and repositories of cases,
offices and their members, as the use cases read them (persistence/repositories/cases.py
and offices.py implement them; conformance is checked by mypy there)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Protocol

from .ports import UnitOfWork


class OfficeRow(Protocol):
    id: int
    code: str
    name: str
    name_en: str
    kind: str
    active: bool
    phone: str | None


class CaseRow(Protocol):
    """A case: its tracking code, workflow state, office, deadlines and citizen."""

    id: int
    module: str
    kind: str
    code: str
    state: str
    office_id: int | None
    opened_at: datetime
    state_since: datetime
    state_due: date | None
    due: date | None
    escalated_at: datetime | None
    closed_at: datetime | None
    confirmed: bool
    nik: str | None
    phone: str | None
    name: str | None
    version: int


class CaseEventRow(Protocol):
    id: int
    case_id: int
    at: datetime
    actor: str
    role: str
    action: str
    from_state: str | None
    to_state: str
    office_id: int | None
    comment: str
    public: bool
    data: dict[str, Any]


class CaseFileRow(Protocol):
    id: int
    case_id: int
    event_id: int | None
    kind: str
    content_type: str
    size: int
    sha256: str
    created_at: datetime


class CaseCheckRow(Protocol):
    case_id: int
    code_hash: str
    attempts_left: int
    expires_at: datetime
    sends: int


class CasesPort(Protocol):
    def by_code(self, code: str, module: str | None = None) -> CaseRow | None: ...
    def by_id(self, case_id: int) -> CaseRow | None: ...
    def lock(self, case: Any) -> CaseRow: ...
    def code_taken(self, code: str) -> bool: ...
    def add(self, **fields: Any) -> CaseRow: ...
    def add_event(self, **fields: Any) -> CaseEventRow: ...
    def events(self, case_id: int, public_only: bool = False) -> Sequence[CaseEventRow]: ...
    def add_file(self, **fields: Any) -> CaseFileRow: ...
    def files(self, case_id: int) -> Sequence[CaseFileRow]: ...
    def file(self, case_id: int, file_id: int) -> CaseFileRow | None: ...
    def check(self, case_id: int) -> CaseCheckRow | None: ...
    def put_check(self, case_id: int, code_hash: str, attempts: int,
                  expires_at: datetime, sends: int = 1) -> None: ...
    def drop_check(self, case_id: int) -> None: ...
    def due_before(self, today: date, limit: int = 200) -> Sequence[CaseRow]: ...
    def drop(self, case_id: int) -> None: ...
    def unconfirmed_before(self, moment: datetime, limit: int = 200) -> Sequence[CaseRow]: ...


class OfficesPort(Protocol):
    def all(self, active_only: bool = False) -> Sequence[OfficeRow]: ...
    def by_code(self, code: str) -> OfficeRow | None: ...
    def by_id(self, office_id: int) -> OfficeRow | None: ...
    def put(self, code: str, **fields: object) -> OfficeRow: ...
    def roles_of(self, user_id: int) -> dict[int, set[str]]: ...
    def members(self, office_id: int) -> list[tuple[str, str]]: ...
    def set_roles(self, user_id: int, roles: list[tuple[int, str]]) -> None: ...


class FileStore(Protocol):
    """Where the bytes of case files are kept (persistence/case_file_store.py: on disk,
    0600), by case and SHA-256."""

    def put(self, case_id: int, sha256: str, data: bytes) -> None: ...
    def get(self, case_id: int, sha256: str) -> bytes | None: ...
    def forget(self, case_id: int) -> None: ...


class CaseWork(UnitOfWork, Protocol):
    """A unit of work with the e-service repositories."""

    def __enter__(self) -> CaseWork: ...

    @property
    def cases(self) -> CasesPort: ...
    @property
    def offices(self) -> OfficesPort: ...
