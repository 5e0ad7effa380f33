"""SSW's pure rules: deadline progress in working days across a weekend and a national
holiday (warning at 80 %, overdue after the due day: the due day itself is on time), the
clock starting when the documents are complete, a permit's validity in calendar months,
and the inspection checklist's answers."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from queue_server.domain.calendar import Calendar
from queue_server.eservices.ssw.deadlines import measure, progress, review_progress
from queue_server.eservices.ssw.decisions import add_months
from queue_server.eservices.ssw.errors import InspectionInvalid
from queue_server.eservices.ssw.inspections import checked_answers


class Independence:
    """17 August 2026 (a Monday) is a national holiday."""

    def national(self, year: int) -> Mapping[date, str]:
        return {date(2026, 8, 17): "Hari Kemerdekaan Republik Indonesia"}

    def joint_leave(self, year: int) -> Mapping[date, str]:
        return {}


CAL = Calendar(Independence())
# Filed Thursday 13 August 2026 at 09:00 in Surabaya (02:00 UTC).
OPENED = datetime(2026, 8, 13, 2, 0, tzinfo=UTC)


# The documents were complete that day: 5 working days → due Friday 21 August.
DUE = date(2026, 8, 21)


def _case(closed: datetime | None = None, due: date | None = DUE) -> Any:
    return SimpleNamespace(opened_at=OPENED, closed_at=closed, due=due)


PERMIT: Any = SimpleNamespace(days=5)


@pytest.mark.parametrize(("today", "used", "warning", "overdue"), [
    (date(2026, 8, 14), 1, False, False),  # Friday
    (date(2026, 8, 17), 1, False, False),  # the weekend and the holiday do not count
    (date(2026, 8, 19), 3, False, False),
    (date(2026, 8, 20), 4, True, False),   # 80 %: would be 100 % without the holiday
    (date(2026, 8, 21), 5, True, False),   # 100 %: the due day is on time
    (date(2026, 8, 24), 6, True, True),
])
def test_progress_counts_working_days_across_a_weekend_and_a_holiday(
        today: date, used: int, warning: bool, overdue: bool) -> None:
    said = progress(_case(), PERMIT, today, CAL)
    assert (said["used_days"], said["days"]) == (used, 5)
    assert said["percent"] == 100 * used // 5
    assert (said["warning"], said["overdue"]) == (warning, overdue)
    assert said["started"]


def test_the_clock_waits_for_complete_documents() -> None:
    said = progress(_case(due=None), PERMIT, date(2026, 9, 30), CAL)
    assert (said["used_days"], said["percent"], said["overdue"], said["started"]) == \
        (0, 0, False, False)


def test_a_decided_case_stops_counting_the_day_it_closed() -> None:
    closed = datetime(2026, 8, 18, 3, 0, tzinfo=UTC)
    assert progress(_case(closed), PERMIT, date(2026, 9, 30), CAL)["used_days"] == 2


def test_a_review_has_its_own_deadline() -> None:
    due = CAL.add_working_days(date(2026, 8, 13), 3)
    assert due == date(2026, 8, 19)
    said = review_progress(OPENED, due, None, date(2026, 8, 18), CAL)
    assert (said["days"], said["used_days"], said["warning"]) == (3, 2, False)
    assert not review_progress(OPENED, due, None, date(2026, 8, 19), CAL)["overdue"]
    assert review_progress(OPENED, due, None, date(2026, 8, 20), CAL)["overdue"]


def test_zero_days_is_due_the_same_day() -> None:
    assert not measure(date(2026, 8, 13), date(2026, 8, 13), 0, CAL)["overdue"]
    assert measure(date(2026, 8, 13), date(2026, 8, 14), 0, CAL)["overdue"]


@pytest.mark.parametrize(("day", "months", "until"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)), (date(2026, 11, 30), 12, date(2027, 11, 30)),
    (date(2026, 12, 15), 1, date(2027, 1, 15))])
def test_validity_adds_calendar_months(day: date, months: int, until: date) -> None:
    assert add_months(day, months) == until


def test_the_checklist_needs_every_item_and_nothing_else() -> None:
    checklist = [{"code": "ukuran", "text": "Ukuran"}, {"code": "jarak", "text": "Jarak"}]
    said = checked_answers(checklist, {"ukuran": {"ok": True}, "jarak": {"ok": False,
                                                                       "note": "dekat"}})
    assert said == {"ukuran": {"ok": True, "note": ""}, "jarak": {"ok": False, "note": "dekat"}}
    with pytest.raises(InspectionInvalid):
        checked_answers(checklist, {"ukuran": {"ok": True}})
    with pytest.raises(InspectionInvalid):
        checked_answers(checklist, {"ukuran": {"ok": True}, "jarak": {"ok": "ya"}})
    with pytest.raises(InspectionInvalid):
        checked_answers(checklist, {"ukuran": {"ok": True}, "jarak": {"ok": True},
                                    "lain": {"ok": True}})
