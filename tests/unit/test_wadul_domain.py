"""e-Wadul's rules in plain Python: category, text, map point, channel, rating, merge,
and who sees the reporter."""

from __future__ import annotations

import pytest

from queue_server.eservices.wadul import domain
from queue_server.eservices.wadul.domain import CategoryRule


def test_an_emergency_category_redirects_and_an_inactive_one_is_unknown() -> None:
    fire = CategoryRule("kebakaran", "Kebakaran", "Fire", "Hubungi 112")
    with pytest.raises(domain.CategoryRedirect) as caught:
        domain.check_category(fire, "kebakaran")
    assert caught.value.details == {"redirect": "Hubungi 112", "redirect_en": "Hubungi 112"}
    assert "Hubungi 112" in caught.value.message
    with pytest.raises(domain.CategoryUnknown):
        domain.check_category(CategoryRule("x", "X", "X", None, active=False), "x")
    with pytest.raises(domain.CategoryUnknown):
        domain.check_category(None, "x")


def test_description_and_kelurahan_are_bounded_and_tidied() -> None:
    assert domain.check_text("  Jalan rusak parah  ", " Dr.  Soetomo ") == (
        "Jalan rusak parah", "Dr. Soetomo")
    for description, kelurahan in (("pendek", "A"), ("x" * 4001, "A"), ("cukup panjang", ""),
                                   ("cukup panjang", "k" * 81)):
        with pytest.raises((domain.DescriptionLength, domain.KelurahanRequired)):
            domain.check_text(description, kelurahan)


@pytest.mark.parametrize(("lat", "lon", "ok"), [
    (None, None, True), (-7.2575, 112.7521, True),  # Surabaya
    (5.9, 95.3, True), (-8.5, 140.4, True),  # Sabang, Merauke
    (-7.25, None, False), (None, 112.75, False), (112.75, -7.25, False),  # swapped
    (51.5, -0.12, False), (-33.9, 151.2, False)])
def test_a_map_point_must_be_inside_indonesia(lat: float | None, lon: float | None,
                                              ok: bool) -> None:
    if ok:
        domain.check_point(lat, lon)
    else:
        with pytest.raises(domain.PointOutOfRange):
            domain.check_point(lat, lon)


def test_channels_and_ratings() -> None:
    assert domain.check_channel("whatsapp", domain.DESK_CHANNELS) == "whatsapp"
    with pytest.raises(domain.ChannelUnknown):
        domain.check_channel("web", domain.DESK_CHANNELS)
    assert domain.check_rating(5, None) == 5
    for bad in (0, 6, 2.5, "4", True, None):
        with pytest.raises(domain.InvalidRating):
            domain.check_rating(bad, None)
    with pytest.raises(domain.RatedAlready):
        domain.check_rating(3, 4)


def test_a_merge_names_another_complaint_that_is_not_merged() -> None:
    assert domain.check_duplicate("AAAA", " bbbb ", "received") == "BBBB"
    with pytest.raises(domain.DuplicateRequired):
        domain.check_duplicate("AAAA", "  ", "received")
    for code, state in (("aaaa", "received"), ("CCCC", None), ("DDDD", "merged")):
        with pytest.raises(domain.DuplicateInvalid):
            domain.check_duplicate("AAAA", code, state)


@pytest.mark.parametrize(("roles", "owner", "anonymous", "confidential", "seen"), [
    (frozenset(), True, True, True, True),
    (frozenset({"desk"}), False, True, True, True),
    (frozenset({"admin"}), False, True, False, True),
    (frozenset({"office"}), False, False, False, True),
    (frozenset({"office", "head"}), False, True, False, False),
    (frozenset({"office"}), False, False, True, False),
    (frozenset({"citizen"}), False, False, False, False)])
def test_who_sees_the_reporter(roles: frozenset[str], owner: bool, anonymous: bool,
                               confidential: bool, seen: bool) -> None:
    assert domain.identity_visible(roles, owner, anonymous, confidential) is seen
