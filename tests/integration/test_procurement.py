"""e-Procurement through the API: tenders (one per package whatever the retries), bids
(one per provider, at most the HPS, before the deadline), evaluation, award against the
blacklist, the complaint period in working days, direct procurement and SPSE imports,
and who may do what."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from queue_server.eservices.planning.procurement.models import ProcurementTender
from queue_server.eservices.planning.project.models import ProjectPackage
from queue_server.persistence.uow import SqlUnitOfWork
from tests.integration.procurement_support import (
    T,
    awarded,
    caller,
    make_package,
    providers,
)
from tests.support.clock import WIB
from tests.support.factories import error

pytestmark = pytest.mark.sqlite_only("procurement's rules are not database-specific")
BLACKLIST = "/api/v1/procurement/blacklist"


def _tenders(engine: Any, code: str) -> int:
    with SqlUnitOfWork(engine) as uow:
        package = uow.session.scalar(select(ProjectPackage).where(ProjectPackage.code == code))
        return int(uow.session.scalar(select(func.count()).select_from(ProcurementTender)
                                      .where(ProcurementTender.package_id == package.id)))


def test_a_retried_create_and_publish_make_one_tender(client: Any, engine: Any,
                                                      clock: Any) -> None:
    code = make_package(engine)
    pokja = caller(client, "pokja")
    first = pokja.post(T, {"package": code}).get_json()
    again = pokja.post(T, {"package": code})
    assert again.status_code == 200 and again.get_json()["code"] == first["code"]
    deadline = (clock.now() + timedelta(days=3)).isoformat()
    published = pokja.post(f"{T}/{first['code']}/publish", {"bid_deadline": deadline})
    retried = pokja.post(f"{T}/{first['code']}/publish", {"bid_deadline": deadline})
    assert published.status_code == retried.status_code == 200
    assert retried.get_json()["published_at"] == published.get_json()["published_at"]
    assert retried.get_json()["version"] == published.get_json()["version"]
    assert _tenders(engine, code) == 1
    assert pokja.get(f"/api/v1/procurement/tenders/{first['code']}").get_json()[
        "state"] == "published"


def test_only_the_procurement_unit_opens_tenders(client: Any, engine: Any) -> None:
    code = make_package(engine)
    for who in ("opd", "penyedia", "ppk-dsdabm"):
        reply = caller(client, who).post(T, {"package": code})
        assert reply.status_code == 403, who
        assert error(reply) == "procurement_forbidden"


def test_a_direct_method_package_gets_no_tender(client: Any, engine: Any) -> None:
    code = make_package(engine, 150_000_000, method="direct")
    reply = caller(client, "pokja").post(T, {"package": code})
    assert reply.status_code == 409
    assert error(reply) == "procurement_package_not_ready"


def test_bids_one_per_provider_within_the_hps_and_before_the_deadline(
        client: Any, engine: Any, clock: Any) -> None:
    providers(engine)
    code = make_package(engine, 500_000_000)
    pokja, penyedia = caller(client, "pokja"), caller(client, "penyedia")
    tender = pokja.post(T, {"package": code}).get_json()["code"]
    early = penyedia.post(f"{T}/{tender}/bids", {"amount": 400_000_000})
    assert error(early) == "procurement_wrong_state"
    pokja.post(f"{T}/{tender}/publish",
               {"bid_deadline": (clock.now() + timedelta(days=2)).isoformat()})
    above = penyedia.post(f"{T}/{tender}/bids", {"amount": 500_000_001})
    assert above.status_code == 422 and "HPS" in above.get_json()["error"]["message"]
    assert penyedia.post(f"{T}/{tender}/bids", {"amount": 450_000_000}).status_code == 200
    twice = penyedia.post(f"{T}/{tender}/bids", {"amount": 440_000_000})
    assert twice.status_code == 409 and error(twice) == "procurement_bid_twice"
    assert caller(client, "opd").post(f"{T}/{tender}/bids", {"amount": 1}).status_code == 403
    clock.advance(days=3)
    late = penyedia.post(f"{T}/{tender}/bids", {"amount": 1})
    assert late.status_code == 409


def test_the_complaint_period_is_five_working_days_across_a_holiday(
        client: Any, engine: Any, clock: Any) -> None:
    # Awarded on Wednesday 2026-12-23: Christmas (25th) and the cuti bersama (24th, 26th
    # is a Saturday) are skipped, so the five working days end in the next year.
    clock.set(datetime(2026, 12, 18, 9, 0, tzinfo=WIB))
    providers(engine)
    code = make_package(engine)
    pokja, penyedia = caller(client, "pokja"), caller(client, "penyedia")
    tender = pokja.post(T, {"package": code}).get_json()["code"]
    pokja.post(f"{T}/{tender}/publish",
               {"bid_deadline": (clock.now() + timedelta(days=4)).isoformat()})
    penyedia.post(f"{T}/{tender}/bids", {"amount": 900_000_000})
    clock.set(datetime(2026, 12, 23, 9, 0, tzinfo=WIB))
    bid = pokja.get(f"{T}/{tender}").get_json()["bids"][0]["id"]
    pokja.post(f"{T}/{tender}/evaluations", {"bid": bid, "passed": True})
    view = pokja.post(f"{T}/{tender}/award", {"bid": bid}).get_json()
    until = date.fromisoformat(view["complaints_until"])
    assert until > date(2026, 12, 30)  # a plain count of 5 weekdays would end on the 30th
    clock.set(datetime.combine(until, datetime.min.time(), WIB) + timedelta(hours=15))
    assert penyedia.post(f"{T}/{tender}/complaints", {"text": "Keberatan"}).status_code == 200
    clock.advance(days=1)
    late = penyedia.post(f"{T}/{tender}/complaints", {"text": "Keberatan lagi"})
    assert error(late) == "procurement_complaint_period_over"


def test_an_upheld_complaint_reopens_evaluation(client: Any, engine: Any, clock: Any) -> None:
    _, view = awarded(client, engine, clock)
    pokja = caller(client, "pokja")
    # PT Bangun Jaya did not bid: it may not complain.
    filed = caller(client, "penyedia").post(f"{T}/{view['code']}/complaints",
                                            {"text": "Nilai teknis keliru"})
    complaint = filed.get_json()["complaints"][0]["id"]
    empty = pokja.post(f"{T}/{view['code']}/complaints/{complaint}",
                       {"upheld": True, "answer": " "})
    assert empty.status_code == 422
    upheld = pokja.post(f"{T}/{view['code']}/complaints/{complaint}",
                        {"upheld": True, "answer": "Evaluasi diulang"}).get_json()
    assert upheld["state"] == "evaluation" and upheld["complaints"][0]["state"] == "upheld"


def test_a_blacklisted_winner_is_refused_naming_the_entry(client: Any, engine: Any,
                                                          clock: Any) -> None:
    providers(engine)
    code = make_package(engine)
    pokja, penyedia = caller(client, "pokja"), caller(client, "penyedia")
    tender = pokja.post(T, {"package": code}).get_json()["code"]
    pokja.post(f"{T}/{tender}/publish",
               {"bid_deadline": (clock.now() + timedelta(days=2)).isoformat()})
    penyedia.post(f"{T}/{tender}/bids", {"amount": 800_000_000})
    clock.advance(days=3)
    listed = pokja.post(BLACKLIST, {"npwp": "01.234.567.8-901.000", "name": "CV Karya Mandiri",
                                    "reason": "Wanprestasi", "starts": "2026-01-01",
                                    "ends": None, "source": "SK 7/2026"})
    assert listed.status_code == 200
    bid = pokja.get(f"{T}/{tender}").get_json()["bids"][0]["id"]
    pokja.post(f"{T}/{tender}/evaluations", {"bid": bid, "passed": True})
    refused = pokja.post(f"{T}/{tender}/award", {"bid": bid})
    assert refused.status_code == 409
    body = refused.get_json()["error"]
    assert body["code"] == "procurement_blacklisted" and "SK 7/2026" in body["message"]
    assert caller(client, "opd").post(BLACKLIST, {
        "npwp": "012345678901000", "name": "x", "reason": "y",
        "starts": "2026-01-01"}).status_code == 403


def test_blacklist_csv_and_npwp_rule(client: Any, engine: Any) -> None:
    pokja = caller(client, "pokja")
    bad = pokja.post(f"{BLACKLIST}/import", {"csv": "npwp,name,reason,starts,ends,source\n"
                                                    "0123,X,Y,2026-01-01,,\n"})
    assert bad.status_code == 422 and error(bad) == "procurement_blacklist_csv_invalid"
    good = pokja.post(f"{BLACKLIST}/import", {
        "csv": "npwp,name,reason,starts,ends,source\n"
               "3578010101900001,PT Lama,Pemalsuan dokumen,2026-01-01,2027-12-31,SK 1\n"})
    assert good.get_json() == {"added": 1}
    assert len(pokja.get(BLACKLIST).get_json()["items"]) == 1
    npwp = pokja.post("/api/v1/procurement/providers", {"name": "X", "npwp": "12-34"})
    assert npwp.status_code == 422 and error(npwp) == "procurement_invalid_npwp"


def test_direct_procurement_by_the_offices_ppk(client: Any, engine: Any) -> None:
    providers(engine)
    code = make_package(engine, 150_000_000, method="direct")
    body = {"package": code, "provider": "cv-karya-mandiri", "offer": 149_000_000,
            "negotiated": 145_000_000, "note": "Negosiasi harga satuan"}
    assert caller(client, "pokja").post("/api/v1/procurement/direct", body).status_code == 403
    other = make_package(engine, 150_000_000, method="direct", office="dlh")
    assert caller(client, "ppk-dsdabm").post(
        "/api/v1/procurement/direct", {**body, "package": other}).status_code == 403
    made = caller(client, "ppk-dsdabm").post("/api/v1/procurement/direct", body)
    assert made.status_code == 200, made.get_json()
    view = made.get_json()
    assert view["state"] == "awarded" and view["complaints_until"] is None
    assert view["bids"][0]["amount"] == 145_000_000
    again = caller(client, "ppk-dsdabm").post("/api/v1/procurement/direct", body)
    assert again.get_json()["code"] == view["code"] and _tenders(engine, code) == 1


def test_an_spse_result_imported_twice_makes_one(client: Any, engine: Any) -> None:
    providers(engine)
    code = make_package(engine)
    body = {"tender_id": "10234567", "package_code": code, "winner": "012345678901000",
            "bidders": [{"npwp": "012345678901000", "name": "CV Karya Mandiri",
                         "amount": 910_000_000},
                        {"npwp": "99.888.777.6-555.000", "name": "CV Baru",
                         "amount": 950_000_000}]}
    pokja = caller(client, "pokja")
    first = pokja.post("/api/v1/procurement/imports", body)
    assert first.status_code == 200, first.get_json()
    again = pokja.post("/api/v1/procurement/imports", body)
    assert again.get_json()["code"] == first.get_json()["code"]
    assert first.get_json()["source"] == "spse" and _tenders(engine, code) == 1
    listed = make_package(engine)
    pokja.post(BLACKLIST, {"npwp": "998887776555000", "name": "CV Baru", "reason": "Palsu",
                           "starts": "2026-01-01"})
    refused = pokja.post("/api/v1/procurement/imports", {
        **body, "tender_id": "2", "package_code": listed, "winner": "998887776555000"})
    assert error(refused) == "procurement_blacklisted"
    assert _tenders(engine, listed) == 0


def test_bids_are_sealed_from_other_providers_and_offices(client: Any, engine: Any,
                                                          clock: Any) -> None:
    code = make_package(engine, office="dlh")
    providers(engine)
    pokja = caller(client, "pokja")
    tender = pokja.post(T, {"package": code}).get_json()["code"]
    assert caller(client, "opd").get(f"{T}/{tender}").status_code == 403
    assert all(t["code"] != tender for t in caller(client, "opd").get(T).get_json()["items"])
    pokja.post(f"{T}/{tender}/publish",
               {"bid_deadline": (clock.now() + timedelta(days=2)).isoformat()})
    assert any(t["code"] == tender for t in caller(client, "penyedia").get(T).get_json()["items"])


def test_bids_stay_sealed_in_the_ocds_feed_until_the_deadline(
        client: Any, engine: Any, clock: Any) -> None:
    """The reviewer's case: a bid wrote a release naming the bidders (names, NPWP) and
    counting them minutes before the deadline. Now nothing names or counts them before."""
    providers(engine)
    code = make_package(engine, 500_000_000)
    pokja, penyedia = caller(client, "pokja"), caller(client, "penyedia")
    tender = pokja.post(T, {"package": code}).get_json()["code"]
    pokja.post(f"{T}/{tender}/publish",
               {"bid_deadline": (clock.now() + timedelta(days=2)).isoformat()})
    before = client.get("/api/v1/ocds/releases?limit=100").get_json()["releases"]
    assert penyedia.post(f"{T}/{tender}/bids", {"amount": 450_000_000}).status_code == 200
    after = client.get("/api/v1/ocds/releases?limit=100").get_json()["releases"]
    assert len(after) == len(before)  # a bid publishes nothing
    assert all("tenderers" not in r.get("tender", {}) and "numberOfTenderers"
               not in r.get("tender", {}) for r in after)
    assert not any("tenderer" in p.get("roles", []) for r in after for p in r.get("parties", []))
    clock.advance(days=3)
    bid_id = pokja.get(f"{T}/{tender}").get_json()["bids"][0]["id"]
    evaluated = pokja.post(f"{T}/{tender}/evaluations",
                           {"bid": bid_id, "passed": True, "score": 90})
    assert evaluated.status_code == 200, evaluated.get_json()
    opened = client.get("/api/v1/ocds/releases?limit=100").get_json()["releases"]
    assert opened[-1]["tender"]["numberOfTenderers"] == 1  # the first release after it
