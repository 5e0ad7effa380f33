"""OCDS 1.1.5 releases and records of one contracting process carried through the chain
(planning → tender → award → contract → progress to 100 % → two paid termins): every
release and the record validate against the schemas offline, the releases merged by
OCDS's reference merge (ocdsmerge) equal the served compiled release and the process
built afresh, and a repeated publish adds nothing."""

from __future__ import annotations

from typing import Any

import ocdsmerge
import pytest

from queue_server.eservices.planning.ocds.build import content
from queue_server.eservices.planning.ocds.publish import publish
from queue_server.eservices.planning.ocds.rows import process_of
from queue_server.eservices.planning.project.models import ProjectPackage
from queue_server.persistence.uow import SqlUnitOfWork
from tests.support.ocds_chain import SETTINGS, Chain, errors_of, schema

pytestmark = pytest.mark.sqlite_only("the mapping is not database-specific; "
                                     "test_ocds_feed runs the whole feed on PostgreSQL")
RELEASE_ONLY = ("id", "date", "tag")


def _bare(release: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in release.items() if k not in RELEASE_ONLY}


@pytest.fixture
def chain(engine: Any, clock: Any) -> Chain:
    whole = Chain(engine, clock)
    whole.whole()
    return whole


def _record(client: Any, ocid: str) -> dict[str, Any]:
    reply = client.get(f"/api/v1/ocds/records/{ocid}")
    assert reply.status_code == 200, reply.get_json()
    return reply.get_json()


def test_every_release_and_the_record_validate(chain: Chain, client: Any) -> None:
    record = _record(client, chain.ocid)
    releases = record["records"][0]["releases"]
    assert [r["tag"] for r in releases] == [
        ["planning"], ["tender"], ["tenderUpdate"], ["award"], ["contract"]] + [
        ["implementation"]] * 7
    assert [r["id"] for r in releases] == [f"{chain.ocid}-{n}" for n in range(1, 13)]
    for release in releases:
        assert errors_of("release-schema.json", release) == [], release["id"]
    assert errors_of("record-package-schema.json", record) == []
    compiled = record["records"][0]["compiledRelease"]
    assert compiled["tag"] == ["compiled"]
    assert errors_of("release-schema.json", compiled) == []


def test_merged_releases_equal_the_compiled_release_and_the_process_now(
        chain: Chain, client: Any, engine: Any) -> None:
    record = _record(client, chain.ocid)["records"][0]
    merger = ocdsmerge.Merger(schema=schema("dereferenced-release-schema.json"))
    merged = merger.create_compiled_release(record["releases"])
    assert _bare(merged) == _bare(record["compiledRelease"])
    with SqlUnitOfWork(engine) as uow:
        package = uow.session.get(ProjectPackage, chain.ids["package"])
        fresh = content(process_of(uow, package, SETTINGS), SETTINGS)
    assert {**fresh, "ocid": chain.ocid} == _bare(record["compiledRelease"])


def test_the_compiled_release_says_the_whole_chain(chain: Chain, client: Any) -> None:
    compiled = _record(client, chain.ocid)["records"][0]["compiledRelease"]
    assert compiled["planning"]["budget"]["id"] == "1.03.10.2.01.0036"
    assert compiled["planning"]["budget"]["amount"] == {"amount": 1_600_000_000,
                                                        "currency": "IDR"}
    tender = compiled["tender"]
    assert (tender["status"], tender["procurementMethod"],
            tender["procurementMethodDetails"], tender["numberOfTenderers"]) == (
        "complete", "open", "Tender", 3)
    assert tender["procuringEntity"]["id"] == "ukpbj"
    award = compiled["awards"][0]
    assert award["suppliers"] == [{"id": "ID-NPWP-012345678609000", "name": "CV Penyedia 1"}]
    assert award["value"]["amount"] == 1_380_000_000
    contract = compiled["contracts"][0]
    assert contract["status"] == "terminated"
    assert [m["status"] for m in contract["milestones"]] == ["met", "met"]
    assert {d["url"] for d in contract["documents"]} == {
        "https://antrian.example.id/v/KONTRAK26B", "https://antrian.example.id/v/SPMK2026C"}
    done = contract["implementation"]
    assert sum(t["value"]["amount"] for t in done["transactions"]) == 1_380_000_000
    assert {t["payer"]["id"] for t in done["transactions"]} == {"bpkad"}
    assert done["milestones"][-1]["description"] == "Progres fisik 100 %, keuangan 100 %"
    roles = {p["id"]: p["roles"] for p in compiled["parties"]}
    assert roles["ID-NPWP-012345678609000"] == ["tenderer", "supplier", "payee"]
    assert roles["dsdabm"] == ["buyer"]


def test_an_unchanged_process_publishes_nothing(chain: Chain, engine: Any,
                                                clock: Any) -> None:
    with SqlUnitOfWork(engine) as uow:
        assert publish(uow, clock, chain.ids["package"], ["implementationUpdate"],
                       SETTINGS) is None
        uow.session.get(ProjectPackage, chain.ids["package"]).title = "Jalan Gg. III"
        row = publish(uow, clock, chain.ids["package"], ["tenderUpdate"], SETTINGS)
        assert row is not None and row.release_id == f"{chain.ocid}-13"
        assert row.data["tender"]["title"] == "Jalan Gg. III"


def test_a_release_is_never_dated_before_the_previous_one(chain: Chain, engine: Any,
                                                          clock: Any) -> None:
    """A part publishing with a clock in the past (the demo's history) still dates the
    release at the previous one, so OCDS's date-ordered merge keeps the order."""
    with SqlUnitOfWork(engine) as uow:
        last = publish(uow, clock, chain.ids["package"], ["tenderUpdate"], SETTINGS)
        assert last is None
        uow.session.get(ProjectPackage, chain.ids["package"]).title = "Jalan Gg. IV"
        clock.advance(days=-30)
        row = publish(uow, clock, chain.ids["package"], ["tenderUpdate"], SETTINGS)
        assert row is not None
        assert row.data["date"] == "2027-01-03T01:00:00Z"  # the chain's last payment
