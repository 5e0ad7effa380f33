"""Errors by name (issue 14, point 1): every error is a named class carrying its code and
one message per language; no raise site spells a code; the rules raise them."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import string
from datetime import date
from pathlib import Path

import pytest

import queue_server.domain
from queue_server.domain.booking_dates import (
    DateInPast,
    DateOutOfWindow,
    check_booking_window,
    check_not_past,
)
from queue_server.domain.booking_limits import QuotaFull, check_quota
from queue_server.domain.counters import (
    CounterPaused,
    NoCurrentTicket,
    require_current,
    require_not_paused,
)
from queue_server.domain.errors import (
    DomainError,
    InvalidInput,
    NotFound,
    Words,
    named_errors,
)
from queue_server.domain.opening import ServiceClosed
from queue_server.domain.walk_ins import WalkInFull, check_walk_in_limit

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [*sorted((ROOT / "queue_server").rglob("*.py")),
           *sorted((ROOT / "mobile_api").glob("*.py")),
           *sorted((ROOT / "display_board").glob("*.py"))]
TODAY = date(2026, 11, 23)


def all_named() -> list[type[DomainError]]:
    for module in pkgutil.iter_modules(queue_server.domain.__path__):
        importlib.import_module(f"queue_server.domain.{module.name}")
    return named_errors()


def categories() -> set[str]:
    found, stack = set(), [DomainError]
    while stack:
        cls = stack.pop()
        if cls.category:
            found.add(cls.__name__)
        stack.extend(cls.__subclasses__())
    return found


def fields(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0]
            for _, name, _, _ in string.Formatter().parse(template) if name}


def calls(path: Path) -> list[ast.Call]:
    return [node for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call)]


def test_no_raise_site_spells_an_error_code() -> None:
    """`raise DomainError("…", code="already_booked")` is gone: a `code=` given as text or
    an f-string to any call in the core or the API (redirects pass numbers)."""
    spelled = [f"{path.relative_to(ROOT)}:{call.lineno}" for path in SOURCES
               for call in calls(path) for keyword in call.keywords
               if keyword.arg == "code" and (
                   isinstance(keyword.value, ast.JoinedStr)
                   or (isinstance(keyword.value, ast.Constant)
                       and isinstance(keyword.value.value, str)))]
    assert spelled == []


def test_no_code_builds_a_kind_of_error_instead_of_a_named_one() -> None:
    kinds = categories()
    assert {"DomainError", "InvalidInput", "NotFound", "Forbidden", "Unauthorized"} <= kinds
    built = [f"{path.relative_to(ROOT)}:{call.lineno} {name}" for path in SOURCES
             for call in calls(path)
             for name in [getattr(call.func, "id", None) or getattr(call.func, "attr", None)]
             if name in kinds]
    assert built == []


def test_a_kind_of_error_cannot_be_raised_itself() -> None:
    for kind in (DomainError, InvalidInput, NotFound):
        with pytest.raises(TypeError, match="named"):
            kind()


def test_every_named_error_has_a_code_and_one_template_per_language() -> None:
    named = all_named()
    assert len(named) > 60
    for cls in named:
        assert cls.code and cls.code.islower() and " " not in cls.code, cls
        assert cls.text_id and cls.text_en, cls
        assert fields(cls.text_id) == fields(cls.text_en), cls
        assert cls.describe() and "\n" not in cls.describe(), cls


def test_a_parameterised_message_takes_its_values_from_the_constructor() -> None:
    error = DateOutOfWindow(7)
    assert (error.code, error.kind) == ("date_out_of_window", "invalid")
    assert error.message == "Booking hanya bisa untuk 7 hari ke depan."
    assert error.message_en == "Bookings open only 7 days ahead."


def test_words_are_said_in_each_language() -> None:
    closed = ServiceClosed("Poli Umum", date(2026, 11, 29))
    assert closed.message == "Pendaftaran ke Poli Umum tutup pada Minggu, 29 November 2026."
    assert closed.message_en == "Poli Umum is closed on Sunday, 29 November 2026."
    assert Words("hari ini", "today").en == "today"


def test_a_walk_in_and_a_booking_refused_by_the_hours_share_one_text() -> None:
    """`service_closed` had two texts; now one, naming the service and when."""
    now, on_date = ServiceClosed("Poli Gigi"), ServiceClosed("Poli Gigi", TODAY)
    assert now.code == on_date.code == "service_closed"
    assert now.message == "Pendaftaran ke Poli Gigi tutup pada jam ini."
    assert on_date.message.startswith("Pendaftaran ke Poli Gigi tutup pada Senin")
    assert now.message_en == "Poli Gigi is closed at this time."


def test_a_date_in_the_past_is_one_error_for_bookings_and_for_the_services_list() -> None:
    """`date_in_past` had two English texts; both rules now raise DateInPast."""
    with pytest.raises(DateInPast) as booking:
        check_booking_window(date(2026, 11, 22), TODAY, 7)
    with pytest.raises(DateInPast) as listing:
        check_not_past(date(2026, 11, 22), TODAY)
    assert booking.value.message_en == listing.value.message_en == (
        "The visit date cannot be in the past.")


def test_the_booking_window_is_today_up_to_its_last_day() -> None:
    check_booking_window(TODAY, TODAY, 7)
    check_booking_window(date(2026, 11, 30), TODAY, 7)
    with pytest.raises(DateOutOfWindow):
        check_booking_window(date(2026, 12, 1), TODAY, 7)


def test_the_quota_counts_places_taken() -> None:
    check_quota(2, 3)
    with pytest.raises(QuotaFull) as full:
        check_quota(3, 3)
    assert full.value.code == "quota_full" and full.value.message == (
        "Kuota penuh untuk tanggal ini.")


def test_the_walk_in_limit_counts_the_new_number_too() -> None:
    check_walk_in_limit(5, None, "Pendaftaran")
    check_walk_in_limit(3, 3, "Pendaftaran")
    with pytest.raises(WalkInFull) as full:
        check_walk_in_limit(4, 3, "Pendaftaran")
    assert full.value.message == "Nomor antrean Pendaftaran hari ini sudah habis (3)."


def test_a_paused_counter_calls_nobody() -> None:
    require_not_paused(False, "Loket 1")
    with pytest.raises(CounterPaused) as paused:
        require_not_paused(True, "Loket 1")
    assert paused.value.message_en == "Loket 1 is paused; resume it to call patients."


def test_an_action_on_the_current_patient_needs_one() -> None:
    assert require_current("A-001", "Loket 1") == "A-001"
    with pytest.raises(NoCurrentTicket) as none:
        require_current(None, "Loket 1")
    assert none.value.code == "no_current_ticket" and "Loket 1" in none.value.message


def test_an_error_said_of_a_place_in_a_file_names_it_in_both_languages() -> None:
    from queue_server.domain.config_errors import KeyRequired

    error = KeyRequired("name").at("pkm-demo service umum")
    assert error.message == "pkm-demo service umum: Isian 'name' wajib diisi."
    assert error.message_en == "pkm-demo service umum: Field 'name' is required."
    assert str(error) == error.message_en
