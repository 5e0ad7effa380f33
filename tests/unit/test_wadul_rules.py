"""e-Wadul's rules added after the first review: the citizen's identity, categories of a
deactivated office, the rating given once, which phones hear of their complaint, the
categories file read as meant, and the gateway's links made absolute."""

from __future__ import annotations

import pytest
import yaml

from queue_server.eservices.wadul import citizen, domain
from queue_server.eservices.wadul.categories import CATEGORIES_FILE
from queue_server.eservices.wadul.domain import CategoryRule
from queue_server.notify import absolute_links


@pytest.mark.parametrize("channel", ["web", "api"])
def test_a_citizens_own_complaint_needs_nik_and_phone(channel: str) -> None:
    with pytest.raises(citizen.IdentityRequired) as caught:
        citizen.check_identity_given(channel, None, " ")
    assert caught.value.details == {"fields": {"nik": ["Wajib diisi: NIK (16 angka)."],
                                               "phone": ["Wajib diisi: nomor HP."]}}
    assert caught.value.message.startswith("Isi NIK (16 angka) dan nomor HP:")
    assert "the NIK (16 digits) and the phone number" in caught.value.message_en
    with pytest.raises(citizen.IdentityRequired) as only_phone:
        citizen.check_identity_given(channel, "3578010101900007", None)
    assert list(only_phone.value.details["fields"]) == ["phone"]
    citizen.check_identity_given(channel, "3578010101900007", "081234567890")


@pytest.mark.parametrize("channel", ["open311", *domain.DESK_CHANNELS])
def test_open311_and_the_media_centers_entries_may_leave_identity_out(channel: str) -> None:
    citizen.check_identity_given(channel, None, None)


def test_a_category_of_a_deactivated_office_takes_no_complaint() -> None:
    road = CategoryRule("jalan-rusak", "Jalan rusak", "Damaged road", None)
    assert domain.check_category(road, "jalan-rusak") is road
    closed = CategoryRule("jalan-rusak", "Jalan rusak", "Damaged road", None,
                          office_active=False)
    with pytest.raises(domain.CategoryUnknown):
        domain.check_category(closed, "jalan-rusak")
    assert domain.offered(True, True)
    assert not domain.offered(True, False) and not domain.offered(False, True)


def test_an_emergencys_english_message_uses_the_english_redirect() -> None:
    fire = CategoryRule("kebakaran", "Kebakaran", "Fire", "Hubungi 112.",
                        redirect_en="Call 112.")
    with pytest.raises(domain.CategoryRedirect) as caught:
        domain.check_category(fire, "kebakaran")
    assert caught.value.message == "Untuk Kebakaran, jangan lewat e-Wadul: Hubungi 112."
    assert caught.value.message_en == "For Fire, do not use e-Wadul: Call 112."
    assert caught.value.details == {"redirect": "Hubungi 112.", "redirect_en": "Call 112."}


def test_rate_is_spent_once_a_rating_is_given() -> None:
    assert citizen.spent_actions(None) == frozenset()
    assert citizen.spent_actions(4) == frozenset({"rate"})


def test_only_phones_the_citizen_gave_themself_hear_of_their_complaint() -> None:
    for channel in ("web", "api", "whatsapp", "phone", "desk"):
        assert citizen.phone_trusted(channel)
    assert not citizen.phone_trusted("open311")


def test_every_category_in_the_file_reads_as_written() -> None:
    entries = yaml.safe_load(CATEGORIES_FILE.read_text("utf-8"))["categories"]
    keys = {"code", "name", "name_en", "office", "days", "redirect", "redirect_en"}
    for entry in entries:
        assert set(entry) <= keys, entry  # a comma in a flow mapping makes stray keys
        for key in ("name", "name_en", "redirect", "redirect_en"):
            value = str(entry.get(key) or "")
            assert value.count("(") == value.count(")"), (entry["code"], key, value)
        assert isinstance(entry["days"], int) and isinstance(entry["office"], str)
    named = {entry["code"]: entry["name"] for entry in entries}
    assert named["bencana"] == "Bencana (banjir besar, angin kencang, tanah longsor)"
    fire = next(entry for entry in entries if entry["code"] == "kebakaran")
    assert fire["redirect_en"].startswith("Call 112")


def test_the_gateway_gets_absolute_links_in_the_payload_and_the_message() -> None:
    payload = {"message": "Pengaduan Anda sudah dijawab. Lihat di /c/K7M2QX9PTA",
               "case_url": "/c/K7M2QX9PTA", "phone": "+6281234567890"}
    sent = absolute_links(dict(payload), "https://kota.example/")
    assert sent["case_url"] == "https://kota.example/c/K7M2QX9PTA"
    assert sent["message"].endswith("Lihat di https://kota.example/c/K7M2QX9PTA")
    assert absolute_links(dict(payload), None) == payload
