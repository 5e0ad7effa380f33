"""e-Surat's refusals are said wholly in the reader's language: an Indonesian answer has
no English half ("wajib diisi / required" was the reviewer's example) and an English
answer (the API's `Accept-Language: en`) no Indonesian one; one case per error class
whose problem is built at the call (LetterFieldInvalid, DueDateInvalid, ReviewerInvalid,
DeliveryInvalid, ClassificationsInvalid)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server.eservices.surat.classification import parse_csv
from queue_server.eservices.surat.incoming_errors import ClassificationsInvalid
from tests.integration.surat_out_support import *  # noqa: F403
from tests.integration.surat_out_support import DRAFT, PATH, People
from tests.integration.test_surat_incoming_api import register

pytestmark = pytest.mark.sqlite_only("message words, no database behaviour")


def _english(api: Any, path: str, body: Any) -> Any:
    return api.client.post(path, json=body,
                           headers={**api.headers(), "Accept-Language": "en"})


def _both(reply: Any, english: Any, code: str) -> tuple[str, str]:
    assert reply.status_code == english.status_code == 422, reply.get_json()
    said, said_en = reply.get_json()["error"], english.get_json()["error"]
    assert said["code"] == said_en["code"] == code
    assert " / " not in said["message"] and " / " not in said_en["message"]
    return str(said["message"]), str(said_en["message"])


def test_a_missing_field_is_said_in_one_language(client: Any, surat: Engine) -> None:
    people = People(client)
    body = {"sender": "", "subject": "Permohonan", "classification": "600.1",
            "access": "biasa", "urgency": "segera"}
    tu = people["tu-dsdabm"]
    said, said_en = _both(tu.post("/api/v1/surat/incoming", body),
                          _english(tu, "/api/v1/surat/incoming", body),
                          "invalid_letter")
    assert said == "Isian surat 'sender' tidak sah: wajib diisi"
    assert said_en == "The letter's field 'sender' is not valid: required"


def test_a_due_date_in_the_past_is_said_in_one_language(client: Any, surat: Engine,
                                                         clock: Any) -> None:
    ref = register(client).get_json()["ref"]
    tu = People(client)["tu-dsdabm"]
    body = {"to": ["opd"], "instruction": "Mohon dicek",
            "due": (clock.now().date() - timedelta(days=3)).isoformat()}
    path = f"/api/v1/surat/letters/{ref}/dispositions"
    said, said_en = _both(tu.post(path, body), _english(tu, path, body),
                          "invalid_due_date")
    assert said.endswith("tidak sah: tanggalnya sudah lewat")
    assert said_en.endswith("not valid: the date is in the past")


@pytest.mark.parametrize(("changes", "code", "ending", "ending_en"), [
    ({"reviewers": ["nobody"]}, "surat_reviewer_invalid", "pengguna tidak dikenal.",
     "unknown user."),
    ({"reviewers": ["opd", "opd"]}, "surat_reviewer_invalid", "disebut dua kali.",
     "named twice."),
    ({"delivery": "external", "to_office": None}, "surat_delivery_invalid",
     "penerima (recipient) wajib diisi.", "the recipient is required."),
    ({"to_office": "dsdabm"}, "surat_delivery_invalid", "kantor pengirim sendiri.",
     "the sender's own."),
])
def test_a_bad_chain_or_delivery_is_said_in_one_language(
        people: People, changes: dict[str, Any], code: str, ending: str,
        ending_en: str) -> None:
    drafter = people["kabid-dsdabm"]
    said, said_en = _both(drafter.post(PATH, {**DRAFT, **changes}),
                          _english(drafter, PATH, {**DRAFT, **changes}), code)
    assert said.endswith(ending) and said_en.endswith(ending_en)


@pytest.mark.parametrize(("text", "said", "said_en"), [
    ("kode,judul\n", "baris kepala harus", "the header must be"),
    ("code,title,active_years,inactive_years,disposition\n000,Umum,2\n",
     "harus 5 kolom", "5 columns needed"),
    ("code,title,active_years,inactive_years,disposition\n000,Umum,2,3,musnah\n"
     "000,Umum,2,3,musnah\n", "kode 000 muncul dua kali", "code 000 given twice"),
    ("code,title,active_years,inactive_years,disposition\n000,Umum,2,3,bakar\n",
     "disposition: pilih salah satu dari musnah, permanen, dinilai",
     "disposition: choose one of musnah, permanen, dinilai"),
])
def test_a_bad_classification_list_is_said_in_one_language(text: str, said: str,
                                                           said_en: str) -> None:
    with pytest.raises(ClassificationsInvalid) as caught:
        parse_csv(text)
    assert said in caught.value.message and " / " not in caught.value.message
    assert said_en in caught.value.message_en and " / " not in caught.value.message_en


def test_a_field_code_not_allowed_names_the_choices_in_one_language(people: People) -> None:
    drafter = people["kabid-dsdabm"]
    said, said_en = _both(drafter.post(PATH, {**DRAFT, "access": "umum"}),
                          _english(drafter, PATH, {**DRAFT, "access": "umum"}),
                          "invalid_letter")
    assert said.endswith("pilih salah satu dari biasa, terbatas, rahasia")
    assert said_en.endswith("choose one of biasa, terbatas, rahasia")
