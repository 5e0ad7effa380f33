"""The release builder's mapping on rows made in memory (no database): a direct
procurement has the buying office as procuring entity and the `direct` method; the
tender status follows the package and tender states; a proposal is the rationale; the
release validates; a tag outside the codelist is refused."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from queue_server.eservices.planning.budgeting.models import BudgetLine
from queue_server.eservices.planning.ocds.build import content, release
from queue_server.eservices.planning.ocds.errors import UnknownReleaseTag
from queue_server.eservices.planning.ocds.ids import ocid_of
from queue_server.eservices.planning.ocds.publish import publish
from queue_server.eservices.planning.ocds.rows import Process
from queue_server.eservices.planning.ocds.settings import Settings
from queue_server.eservices.planning.procurement.models import ProcurementTender
from queue_server.eservices.planning.project.models import ProjectPackage
from queue_server.persistence.case_models import Office
from tests.support.ocds_chain import errors_of

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
SETTINGS = Settings(base_url="https://antrian.example.id")


def _process(method: str = "direct", state: str = "planned", ref: str | None = None,
             tender: ProcurementTender | None = None) -> Process:
    buyer = Office(code="dlh", name="Dinas Lingkungan Hidup")
    package = ProjectPackage(
        code="PKT-2026-0009", ocid=ocid_of({"OCDS_PREFIX": "ocds-abc123"}, "PKT-2026-0009"),
        office_id=1, title="Pengadaan tong sampah", value=150_000_000, method=method,
        method_suggested="direct", category="goods", starts=date(2027, 2, 1),
        ends=date(2027, 4, 30), state=state, payment_plan=[], plan=[])
    line = BudgetLine(code="2.11.03.2.01.0012", title="Sarana kebersihan RW",
                      amount=150_000_000, state="draft")
    return Process(package=package, line=line, proposal_ref=ref, buyer=buyer,
                   procurer=Office(code="ukpbj", name="Bagian Pengadaan"), treasury=None,
                   tender=tender)


def test_direct_procurement_is_procured_by_the_buyer() -> None:
    body = content(_process(ref="MUS-2026-0042"), SETTINGS)
    assert body["tender"]["procurementMethod"] == "direct"
    assert body["tender"]["procurementMethodDetails"] == "Pengadaan Langsung"
    assert body["tender"]["procuringEntity"]["id"] == "dlh"
    assert body["parties"] == [{"id": "dlh", "name": "Dinas Lingkungan Hidup",
                                "roles": ["buyer", "procuringEntity"],
                                "address": {"countryName": "Indonesia"}}]
    assert body["planning"]["rationale"] == "Usulan Musrenbang MUS-2026-0042"
    assert body["planning"]["milestones"][0]["status"] == "scheduled"
    assert "awards" not in body and "contracts" not in body


def test_a_release_validates_and_carries_the_prefix() -> None:
    whole = release(_process(), SETTINGS, "ocds-abc123-PKT-2026-0009-1", NOW, ["planning"])
    assert whole["ocid"] == "ocds-abc123-PKT-2026-0009"
    assert whole["date"] == "2026-11-23T01:00:00Z"
    assert errors_of("release-schema.json", whole) == []


@pytest.mark.parametrize(("package", "tender", "status"), [
    ("draft", None, "planning"), ("planned", None, "planned"), ("planned", "draft", "planned"),
    ("procuring", "published", "active"), ("procuring", "evaluation", "active"),
    ("contracted", "awarded", "complete"), ("procuring", "failed", "unsuccessful"),
    ("cancelled", "published", "cancelled")])
def test_the_tender_status_follows_the_package_and_tender(package: str, tender: str | None,
                                                          status: str) -> None:
    row = None if tender is None else ProcurementTender(
        code="T-9", method="tender", state=tender, title="Tong sampah", value=150_000_000)
    body = content(_process("tender", package, tender=row), SETTINGS)
    assert body["tender"]["status"] == status
    assert body["tender"]["procurementMethod"] == "open"


def test_e_purchasing_is_limited() -> None:
    body = content(_process("e_purchasing"), SETTINGS)
    assert (body["tender"]["procurementMethod"],
            body["tender"]["procurementMethodDetails"]) == ("limited", "E-purchasing")


def test_a_tag_outside_the_codelist_is_refused() -> None:
    uow: Any = None  # refused before the database is touched
    with pytest.raises(UnknownReleaseTag):
        publish(uow, None, 1, ["compiled"])  # type: ignore[arg-type]
