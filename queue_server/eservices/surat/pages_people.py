"""People as e-Surat's pages show them: an office's members as choices ("Kepala Bidang
Jalan DSDABM · Staf", never "kabid-dsdabm (staff)"), with their usernames as the values
the forms post; and the office's heads (the signers a draft may name)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from queue_server.persistence.access_models import User

from .pages_words import words


def role_words(roles: list[str]) -> str:
    """The office roles `roles` in the page's words (pages_words), joined by commas."""
    return ", ".join(words(r, "role") for r in roles)


def member_choices(uow: Any, office_id: int, leave_out: str | None = None) -> list[dict[str, Any]]:
    """The members of office `office_id` once each, sorted by name: `username` (the posted
    value), `name` (full name, else username), `roles` (codes), `label` ("name · roles"
    in the page's words). `leave_out`: a username not offered (the drafter)."""
    held: dict[str, list[str]] = {}
    for username, role in uow.offices.members(office_id):
        if username != leave_out:
            held.setdefault(username, []).append(role)
    if not held:
        return []
    names = dict(uow.session.execute(
        select(User.username, User.full_name).where(User.username.in_(list(held)))).all())
    rows = [{"username": u, "name": names.get(u) or u, "roles": roles,
             "label": f"{names.get(u) or u} · {role_words(roles)}"}
            for u, roles in held.items()]
    return sorted(rows, key=lambda row: str(row["name"]).lower())
