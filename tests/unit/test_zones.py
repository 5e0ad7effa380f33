"""Time zone labels: WIB, WITA, WIT from the facility's zone, in one place (issue 12.6)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from queue_server.domain.errors import InvalidInput
from queue_server.domain.zones import DEFAULT_TIMEZONE, parse_timezone, tz_label


@pytest.mark.parametrize(("zone", "label"), [
    ("Asia/Jakarta", "WIB"), ("Asia/Pontianak", "WIB"), ("Asia/Makassar", "WITA"),
    ("Asia/Jayapura", "WIT"),
])
def test_indonesian_zones_have_their_labels(zone: str, label: str) -> None:
    assert tz_label(zone) == label


def test_a_zone_outside_indonesia_is_labelled_by_its_offset() -> None:
    january = datetime(2026, 1, 15, tzinfo=UTC)
    assert tz_label("Asia/Kolkata", january) == "UTC+5:30"
    assert tz_label("Australia/Darwin", january) == "UTC+9:30"
    assert tz_label("America/Sao_Paulo", january) == "UTC-3"
    assert tz_label("UTC", january) == "UTC"


def test_the_configured_zone_defaults_to_jakarta_and_must_exist() -> None:
    assert parse_timezone(None) == DEFAULT_TIMEZONE == "Asia/Jakarta"
    assert parse_timezone(" Asia/Makassar ") == "Asia/Makassar"
    with pytest.raises(InvalidInput) as caught:
        parse_timezone("Asia/Bali")
    assert caught.value.code == "invalid_timezone"
