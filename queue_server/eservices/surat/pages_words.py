"""Words for e-Surat's pages: field codes said in the page's language (access classes,
urgencies, states, office roles), moments in the city's time zone said in words
("30 November 2026 20.58", Indonesian time with a dot as PUEBI writes it; "20:58" in
English), dates in words, and timeline lines with the actor's name and the action's
label. Registered as Jinja filters by `register_words`."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask, current_app
from flask_babel import gettext  # type: ignore[import-untyped]
from sqlalchemy import select

from queue_server.i18n import page_language
from queue_server.persistence.access_models import User

MONTHS = {"id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                 "September", "Oktober", "November", "Desember"),
          "en": ("January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December")}
# the catalogue says each as surat_fix_<kind>_<code>
KINDS = ("access", "urgency", "state", "final", "actor", "role")


def words(code: Any, kind: str) -> str:
    """The field code `code` of `kind` (one of KINDS) in the page's language, from the
    catalogue key `surat_fix_<kind>_<code>`; the code itself when it has no words."""
    if code is None:
        return ""
    key = f"surat_fix_{kind}_{code}"
    said = str(gettext(key))
    return str(code) if said == key else said


def _zone() -> ZoneInfo:
    return ZoneInfo(str(current_app.config.get("CITY_TIMEZONE", "Asia/Jakarta")))


def day_words(value: Any) -> str:
    """A date (or ISO date/datetime text) in words: "30 November 2026"; "" for none."""
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return f"{value.day} {MONTHS[page_language()][value.month - 1]} {value.year}"


def when_words(value: Any) -> str:
    """A moment (datetime or ISO text; naive ones are UTC, as stored) in the city's time
    zone, in words: "30 November 2026 20.58" ("20:58" on an English page)."""
    if not value:
        return ""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(_zone())
    mark = ":" if page_language() == "en" else "."
    return f"{day_words(local.date())} {local.hour:02d}{mark}{local.minute:02d}"


def _names(uow: Any, actors: set[str]) -> dict[str, str]:
    """Display names of the actors `staff:<username>` and `user:<id>`."""
    usernames = {a.split(":", 1)[1] for a in actors if a.startswith("staff:")}
    ids = {int(a[5:]) for a in actors if a.startswith("user:") and a[5:].isdigit()}
    found: dict[str, str] = {}
    if usernames or ids:
        rows = uow.session.execute(select(User.id, User.username, User.full_name).where(
            User.username.in_(usernames) | User.id.in_(ids))).all()
        for uid, username, full in rows:
            found[f"staff:{username}"] = found[f"user:{uid}"] = full or username
    return found


def named_timeline(uow: Any, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The timeline `lines` as the API gives them (letters.said_timeline) with `who`
    (the actor's name, or the role in words) and `what`: what happened, in the page's
    language, the API line's own words (`to_label`/`to_label_en`: the state reached, or
    letters.EVENT_WORDS for an action that keeps it, "Ditarik"), never a button's
    imperative label ("Tarik disposisi")."""
    names = _names(uow, {str(line.get("actor") or "") for line in lines})
    english = page_language() == "en"
    out = []
    for line in lines:
        actor = str(line.get("actor") or line.get("role") or "")
        who = names.get(actor) or words(actor.split(":", 1)[0], "actor")
        what = line.get("to_label_en") if english else line.get("to_label")
        out.append({**line, "who": who, "what": what})
    return out


def register_words(app: Flask) -> None:
    """The filters `surat_words(kind)`, `surat_when`, `surat_day` for the templates."""
    app.add_template_filter(words, "surat_words")
    app.add_template_filter(when_words, "surat_when")
    app.add_template_filter(day_words, "surat_day")
