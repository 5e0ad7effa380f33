"""Who may configure a facility and who may read its reports (DESIGN.md, issue 15)."""

from __future__ import annotations

import pytest

from queue_server.domain.access import AdminOnly, ReportsForbidden, WrongFacility
from queue_server.services.auth import ADMIN, CITY, FACILITY_ADMIN, OPERATOR, Principal


def staff(role: str, facility_id: int | None) -> Principal:
    return Principal("staff", 1, "someone", role, facility_id)


def test_configuring_a_facility() -> None:
    assert staff(ADMIN, None).require_admin_of(7)
    assert staff(FACILITY_ADMIN, 7).require_admin_of(7)
    with pytest.raises(WrongFacility):
        staff(FACILITY_ADMIN, 8).require_admin_of(7)
    for role, facility in ((OPERATOR, 7), (CITY, None)):
        with pytest.raises(AdminOnly):
            staff(role, facility).require_admin_of(7)
    with pytest.raises(AdminOnly):
        Principal("device", 1, "kiosk-1", "kiosk", 7).require_admin_of(7)


def test_reading_reports() -> None:
    for role in (ADMIN, CITY):
        assert staff(role, None).require_reports_of(7)
        assert staff(role, None).require_reports_of(None)  # every facility side by side
    assert staff(FACILITY_ADMIN, 7).require_reports_of(7)
    for facility in (8, None):
        with pytest.raises(WrongFacility):
            staff(FACILITY_ADMIN, 7).require_reports_of(facility)
    with pytest.raises(ReportsForbidden):
        staff(OPERATOR, 7).require_reports_of(7)
    with pytest.raises(ReportsForbidden):
        Principal("device", 1, "display-1", "display", 7).require_reports_of(7)
