"""How SSW's pages say numbers and states in the page's language: a fee in rupiah, a
document's check state, a deadline's progress in working days (warning at 80 %, overdue
at 100 %, deadlines.progress), all from the one catalogue (keys `ssw_page_*`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from queue_server.domain.dates import long_date
from queue_server.domain.texts import text

DOCUMENT_STATES = ("pending", "accepted", "revision")


def rupiah(amount: int | None, lang: str = "id") -> str:
    """A fee as people read it: "Rp 150.000" (Indonesian: a dot between thousands),
    "IDR 150,000" in English; a zero fee is "Gratis"/"Free"."""
    if not amount:
        return text("ssw_page_free", lang)
    grouped = f"{int(amount):,}"
    return f"IDR {grouped}" if lang == "en" else "Rp " + grouped.replace(",", ".")


def document_state(state: str, lang: str = "id") -> str:
    """A document's check state in words (pending, accepted, revision; `missing`, an
    optional document not sent, reads "not required")."""
    keys = {"pending": "ssw_page_doc_pending", "accepted": "ssw_page_doc_accepted",
            "revision": "ssw_page_doc_revision", "missing": "ssw_page_optional"}
    return text(keys[state], lang) if state in keys else state


def review_state(state: str, lang: str = "id") -> str:
    """A review's state in words (pending, approved, objected)."""
    keys = {"pending": "ssw_page_rev_pending", "approved": "ssw_page_rev_approved",
            "objected": "ssw_page_rev_objected"}
    return text(keys[state], lang) if state in keys else state


def progress_words(progress: dict[str, Any] | None, lang: str = "id",
                   flagged: bool = True) -> str:
    """A deadline's progress: "3 dari 10 hari kerja terpakai (30 %)", with "mendekati batas"
    from 80 % and "terlambat" from 100 % (deadlines.progress: used_days, days, percent,
    warning, overdue); `flagged` False leaves those words to the page's flag. Not
    `started` yet (documents incomplete, or sent back to the applicant: no deadline
    runs) it says the deadline counts from complete documents."""
    if not progress:
        return "–"
    if progress.get("started") is False:
        return text("ssw_fix17p3_not_started", lang)
    said = text("ssw_page2_progress", lang, used=progress.get("used_days", 0),
                days=progress.get("days", 0), percent=int(progress.get("percent", 0)))
    if not flagged:
        return said
    if progress.get("overdue"):
        return f"{said} · {text('ssw_page_overdue', lang)}"
    if progress.get("warning"):
        return f"{said} · {text('ssw_page_warning', lang)}"
    return said


def day_words(day: date | str | None, lang: str = "id") -> str:
    """A date (or ISO date text) in words, "–" when there is none."""
    if day is None or day == "":
        return "–"
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    return long_date(day, lang)


def flag(progress: dict[str, Any] | None) -> str:
    """The row flag of a list: "overdue", "warning" or ""."""
    if not progress:
        return ""
    return "overdue" if progress.get("overdue") else "warning" if progress.get("warning") else ""


def timeline_actions(transitions: dict[str, tuple[str, str]], lang: str = "id") -> dict[str, str]:
    """The words of a timeline's actions: the workflow's transitions (`transitions`:
    action → (label_id, label_en)) and the module's notes (filing, a document checked or
    sent again, a review decided, an inspection recorded)."""
    words = {action: (en if lang == "en" else said) for action, (said, en) in transitions.items()}
    review = text("ssw_page_reviews", lang)
    words.update({
        "file": text("ssw_page_submit", lang), "document_checked": text("ssw_page_check", lang),
        "documents_sent": text("ssw_page_reupload_submit", lang),
        "inspection_pass": text("ssw_page_inspection_pass", lang),
        "inspection_fail": text("ssw_page_inspection_fail", lang),
        "review_approved": f"{review}: {text('ssw_page_rev_approved', lang)}",
        "review_objected": f"{review}: {text('ssw_page_rev_objected', lang)}"})
    return words
