"""e-Surat outgoing letters: bad drafts are named 4xx answers with nothing written, access
classes hold for outgoing letters (lists and reads), and the demo hook issues one signed
letter sent to the DLH and one in review, once."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, text

from queue_server.eservices.surat.demo_out import load_demo_out
from tests.integration.surat_out_support import *  # noqa: F403
from tests.integration.surat_out_support import DRAFT, PATH, People

pytestmark = pytest.mark.sqlite_only("input checks and reads, no database behaviour")


@pytest.mark.parametrize(("changes", "status", "code"), [
    ({"template": "nope"}, 422, "surat_template_unknown"),
    ({"fields": {"acara": "Rapat"}}, 422, "surat_template_fields_missing"),
    ({"classification": "999.9"}, 422, "unknown_classification"),
    ({"access": "umum"}, 422, "invalid_letter"),
    ({"reviewers": []}, 422, "surat_chain_empty"),
    ({"reviewers": ["nobody"]}, 422, "surat_reviewer_invalid"),
    ({"reviewers": ["dlh"]}, 422, "surat_reviewer_invalid"),  # another office's staff
    ({"reviewers": ["opd", "opd"]}, 422, "surat_reviewer_invalid"),
    ({"reviewers": ["kabid-dsdabm"]}, 422, "surat_reviewer_invalid"),  # the drafter
    ({"signer": "opd"}, 422, "surat_signer_invalid"),  # not the head
    ({"delivery": "external", "to_office": None}, 422, "surat_delivery_invalid"),
    ({"to_office": "dsdabm"}, 422, "surat_delivery_invalid"),  # to itself
    ({"delivery": "pos"}, 422, None),  # the schema's own answer
    ({"template": None, "fields": {}}, 422, "invalid_letter"),  # no body at all
    ({"office": "dlh"}, 403, "surat_not_member"),
])
def test_a_bad_draft_is_refused_by_name_and_nothing_is_written(
        people: People, surat: Engine, changes: dict[str, Any], status: int,
        code: str | None) -> None:
    reply = people["kabid-dsdabm"].post(PATH, {**DRAFT, **changes})
    assert reply.status_code == status, reply.get_json()
    if code is not None:
        assert reply.get_json()["error"]["code"] == code
    with surat.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM cases")).scalar() == 0


def test_a_free_body_needs_no_template(people: People) -> None:
    reply = people["kabid-dsdabm"].post(PATH, {
        **DRAFT, "template": None, "fields": {}, "classification": "600.2",
        "body": "Mohon data genangan.\n\nTerima kasih."})
    assert reply.status_code == 201, reply.get_json()
    assert reply.get_json()["classification"] == "600.2"


def test_a_secret_letter_is_read_only_by_its_people_and_the_head(people: People) -> None:
    ref = people.draft(access="rahasia")
    for who, status in (("kabid-dsdabm", 200), ("opd", 200), ("kepala-opd", 200),
                        ("tu-dsdabm", 403), ("admin", 403), ("dlh", 403)):
        assert people[who].get(f"{PATH}/{ref}").status_code == status, who
    listed = people["tu-dsdabm"].get(PATH).get_json()
    assert ref not in [row["ref"] for row in listed["office"]]
    assert ref in [row["ref"] for row in people["opd"].get(PATH).get_json()["office"]]


def test_the_lists_show_what_waits_for_the_caller(people: People) -> None:
    ref = people.draft()
    people.act("kabid-dsdabm", ref, "submit")
    assert [r["ref"] for r in people["opd"].get(PATH).get_json()["mine"]] == [ref]
    assert people["kepala-opd"].get(PATH).get_json()["mine"] == []
    people.act("opd", ref, "approve")
    assert [r["ref"] for r in people["kepala-opd"].get(PATH).get_json()["mine"]] == [ref]


def test_devices_and_strangers_get_no_letters(people: People, out_app: Any) -> None:
    anonymous = out_app.test_client().get(PATH)
    assert anonymous.status_code == 401
    assert people["dlh"].get(PATH).get_json() == {"mine": [], "office": []}


def test_the_demo_issues_a_sent_letter_and_one_in_review_once(
        out_app: Any, surat: Engine) -> None:
    load_demo_out(out_app)
    load_demo_out(out_app)
    with surat.connect() as conn:
        states = conn.execute(text(
            "SELECT c.state FROM cases c JOIN surat_letters l ON l.case_id = c.id "
            "WHERE l.direction = 'outgoing' ORDER BY c.id")).scalars().all()
        documents = conn.execute(text("SELECT module, kind, number FROM documents")).all()
        delivered = conn.execute(text(
            "SELECT count(*) FROM surat_letters WHERE direction = 'incoming' "
            "AND source_case_id IS NOT NULL")).scalar()
    assert states == ["sent", "review"]
    assert len(documents) == 1 and documents[0][:2] == ("surat", "letter")
    assert documents[0][2].startswith("600.1.7/1/436.7.5/")
    assert delivered == 1


def test_a_patch_never_drops_what_it_was_given(people: People) -> None:
    ref = people.draft()
    fields = {**DRAFT["fields"], "tempat": "Balai Kota Surabaya"}
    refilled = people.patch("kabid-dsdabm", ref, {"fields": fields})
    assert refilled.status_code == 200, refilled.get_json()
    assert "Balai Kota Surabaya" in refilled.get_json()["body"]
    for body, field in (({"reviewers": []}, "surat_chain_empty"),
                        ({"fields": fields, "body": "Isi bebas."}, "invalid_letter")):
        reply = people.patch("kabid-dsdabm", ref, body)
        assert reply.status_code == 422 and reply.get_json()["error"]["code"] == field, body
    free = people.draft(template=None, fields={}, classification="600.2", body="Isi bebas.")
    reply = people.patch("kabid-dsdabm", free, {"fields": fields})
    assert reply.status_code == 422 and "template" in reply.get_json()["error"]["message"]
