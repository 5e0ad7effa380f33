"""Offices (OPD) and the roles staff hold in them (issue 16)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select

from ..access_models import User
from ..case_models import Office, OfficeMember
from .base import Repository


class Offices(Repository):
    """Offices by code, and who holds which role in which office."""

    def all(self, active_only: bool = False) -> Sequence[Office]:
        q = select(Office).order_by(Office.name, Office.id)
        if active_only:
            q = q.where(Office.active.is_(True))
        return self.session.scalars(q).all()

    def by_code(self, code: str) -> Office | None:
        return self.session.scalar(select(Office).where(Office.code == code))

    def by_id(self, office_id: int) -> Office | None:
        return self.session.get(Office, office_id)

    def put(self, code: str, **fields: object) -> Office:
        """Create or update the office of `code`."""
        office = self.by_code(code)
        if office is None:
            office = Office(code=code, **fields)
            self.session.add(office)
        else:
            for key, value in fields.items():
                setattr(office, key, value)
        self.session.flush()
        return office

    def roles_of(self, user_id: int) -> dict[int, set[str]]:
        """office id → the roles `user_id` holds there."""
        q = select(OfficeMember.office_id, OfficeMember.role).where(
            OfficeMember.user_id == user_id)
        found: dict[int, set[str]] = {}
        for office_id, role in self.session.execute(q):
            found.setdefault(office_id, set()).add(role)
        return found

    def members(self, office_id: int) -> list[tuple[str, str]]:
        """(username, role) of every active member of the office, by name."""
        q = (select(User.username, OfficeMember.role)
             .join(OfficeMember, OfficeMember.user_id == User.id)
             .where(OfficeMember.office_id == office_id, User.active.is_(True))
             .order_by(User.username, OfficeMember.role))
        return [(name, role) for name, role in self.session.execute(q)]

    def set_roles(self, user_id: int, roles: list[tuple[int, str]]) -> None:
        """Replace every office role of `user_id` with `roles` ((office id, role) pairs)."""
        self.session.execute(delete(OfficeMember).where(OfficeMember.user_id == user_id))
        for office_id, role in sorted(set(roles)):
            self.session.add(OfficeMember(user_id=user_id, office_id=office_id, role=role))
        self.session.flush()
