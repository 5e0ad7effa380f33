"""What the staff page of an application says in words rather than codes: each timeline
line's document names (not `desain`), office names (not `dsdabm`), who acted (a staff
member's name, "Pemohon" for the applicant's own steps, "Sistem" for the sweeper) and
its moment in words; the review deadlines and the validity as dates in words."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from queue_server.domain.texts import text
from queue_server.services.cases import find_by_ref
from queue_server.services.port_cases import CaseWork

from . import MODULE
from .pages_words import day_words


def moment_words(at: str | None, lang: str) -> str:
    """An ISO moment (city time) as "Senin, 30 November 2026 14.05" ("14:05" in
    English); "–" when there is none."""
    if not at:
        return "–"
    moment = datetime.fromisoformat(at)
    clock = moment.strftime("%H:%M" if lang == "en" else "%H.%M")
    return f"{day_words(moment.date(), lang)} {clock}"


def _names(view: dict[str, Any], lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """Document names by requirement code and office names by code, from the view."""
    en = lang == "en"
    docs = {d.get("requirement") or d.get("code"): (d.get("name_en") if en and d.get("name_en")
                                                     else d.get("name")) or ""
            for d in view.get("documents", [])}
    offices = {r.get("office"): r.get("office_name") or r.get("office") or ""
               for r in view.get("reviews", [])}
    return docs, offices


def _who(uow: CaseWork, actor: str | None, role: str | None, lang: str,
         people: dict[str, str]) -> str:
    """Who made a line: a staff member's full name (their username when they have
    none), the applicant, or the system."""
    if actor and actor.startswith("staff:"):
        username = actor[6:]
        if username not in people:
            user = uow.staff.user_by_username(username)
            people[username] = (getattr(user, "full_name", "") or username) if user else username
        return people[username]
    if role == "citizen":
        return text("ssw_page2_applicant", lang)
    return text("ssw_page2_system", lang)


def _office(uow: CaseWork, code: str, offices: dict[str, str]) -> str:
    """An office's name by its code (the code when unknown)."""
    if code not in offices:
        found = uow.offices.by_code(code)
        offices[code] = found.name if found else code
    return offices[code]


def _detail(uow: CaseWork, data: dict[str, Any], office: str | None, docs: dict[str, str],
            offices: dict[str, str]) -> str:
    """The names a line is about: the document checked, the documents sent again, the
    office whose review it is."""
    named = [docs.get(code, code) for code in data.get("documents") or []]
    if data.get("requirement"):
        named.append(docs.get(data["requirement"], data["requirement"]))
    for code in (data.get("office"), office):
        if code:
            named.append(_office(uow, code, offices))
            break
    return ", ".join(name for name in named if name)


def words_of(uow: CaseWork, view: dict[str, Any], ref: str, lang: str) -> None:
    """Add the words to `view` (views.staff_view) in place: each timeline line's
    `detail`, `who`, `at_said`; each review's `due_said`; `valid_until_said`."""
    docs, offices = _names(view, lang)
    with uow:
        events = list(uow.cases.events(find_by_ref(uow, ref, MODULE).id, False))
        people: dict[str, str] = {}
        for line, event in zip(view.get("timeline", []), events, strict=False):
            line["detail"] = _detail(uow, event.data or {}, line.get("office"), docs, offices)
            line["who"] = _who(uow, line.get("actor"), line.get("role"), lang, people)
            line["at_said"] = moment_words(line.get("at"), lang)
    for item in view.get("reviews", []):
        item["due_said"] = day_words(item.get("due"), lang)
    view["valid_until_said"] = day_words(view.get("valid_until"), lang)
