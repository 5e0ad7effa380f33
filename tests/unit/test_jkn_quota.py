"""The JKN / non-JKN split of a day's booking places (domain.booking_limits, issue 19)."""

from __future__ import annotations

import pytest

from queue_server.domain.booking_limits import (
    JknQuotaFull,
    JknQuotaTooLarge,
    NonJknQuotaFull,
    QuotaFull,
    check_jkn_quota,
    check_places,
    quota_left,
)


def test_without_a_split_both_sides_are_the_whole_quota() -> None:
    places = quota_left(16, None, 5, 3)
    assert (places.total, places.left, places.split) == (16, 11, False)
    assert (places.jkn_quota, places.jkn_left, places.other_quota, places.other_left) == (
        16, 11, 16, 11)


def test_a_split_counts_each_side_on_its_own() -> None:
    places = quota_left(16, 10, 12, 10)
    assert (places.jkn_quota, places.jkn_left) == (10, 0)
    assert (places.other_quota, places.other_left) == (6, 4)
    assert places.left == 4


def test_each_full_side_refuses_with_its_own_error_and_leaves_the_other_open() -> None:
    jkn_full = quota_left(16, 10, 10, 10)
    with pytest.raises(JknQuotaFull) as refused:
        check_places(jkn_full, jkn=True)
    assert refused.value.code == "jkn_quota_full" and "JKN" in refused.value.message
    assert "kiosk" in refused.value.message and "kiosk" in refused.value.message_en
    check_places(jkn_full, jkn=False)  # a non-JKN place is still free
    others_full = quota_left(16, 10, 6, 0)
    with pytest.raises(NonJknQuotaFull) as refused_other:
        check_places(others_full, jkn=False)
    assert refused_other.value.code == "non_jkn_quota_full"
    assert "(6 tempat)" in refused_other.value.message
    check_places(others_full, jkn=True)


def test_no_split_keeps_the_shared_quota_error() -> None:
    with pytest.raises(QuotaFull):
        check_places(quota_left(3, None, 3, 0), jkn=True)
    check_places(quota_left(3, None, 2, 2), jkn=False)


def test_a_split_of_zero_keeps_every_place_for_others_and_all_for_jkn() -> None:
    with pytest.raises(JknQuotaFull):
        check_places(quota_left(5, 0, 0, 0), jkn=True)
    with pytest.raises(NonJknQuotaFull):
        check_places(quota_left(5, 5, 0, 0), jkn=False)


@pytest.mark.parametrize("value", [-1, 17, 2.5, "10", True])
def test_jkn_quota_is_a_whole_number_within_the_booking_quota(value: object) -> None:
    with pytest.raises(JknQuotaTooLarge) as refused:
        check_jkn_quota(value, 16)
    assert refused.value.code == "invalid_config" and "jkn_quota" in refused.value.message


@pytest.mark.parametrize(("value", "kept"), [(None, None), (0, 0), (16, 16), (10.0, 10)])
def test_jkn_quota_kept(value: object, kept: int | None) -> None:
    assert check_jkn_quota(value, 16) == kept
