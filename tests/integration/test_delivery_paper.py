"""The contract's four documents (fix 18O: the reviewer found the SPPBJ, contract, SPMK
and BAST of one package all numbered "027/1/DSDABM/2026", the SPPBJ saying "Nomor
kontrak : -", and all four saying the same five facts): each kind has its own gap-free
number, the contract's stored on its row; the SPPBJ names the procurement and the award;
the SPMK orders the start on a date with the period; the BAST states the handover's
date, the works, the 100 % progress and both parties; amounts also in words."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import select

from queue_server.eservices.planning.delivery import paper as paper_module
from queue_server.eservices.planning.delivery.models import DeliveryContract
from queue_server.persistence.uow import SqlUnitOfWork
from tests.integration.procurement_support import C, approve_progress, caller, contract, signed

pytestmark = pytest.mark.sqlite_only("document numbers and words, not database-specific")


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Each issued document's number → the strings its PDF shows (rendered uncompressed)."""
    seen: dict[str, list[str]] = {}
    real = paper_module.render

    def keep(layout: Any, *args: Any, **kwargs: Any) -> bytes:
        data = real(layout, compress=False)
        seen[layout.number] = [re.sub(r"\\(.)", r"\1", m.decode("latin-1"))
                               for m in re.findall(rb"\(((?:\\.|[^\\)])*)\) ?Tj", data)]
        return real(layout, *args, **kwargs)

    monkeypatch.setattr(paper_module, "render", keep)
    return seen


def _numbers(engine: Any, code: str) -> dict[str, str]:
    with SqlUnitOfWork(engine) as uow:
        row = uow.session.scalar(select(DeliveryContract).join_from(
            DeliveryContract, paper_module.ProjectPackage,
            DeliveryContract.package_id == paper_module.ProjectPackage.id)
            .where(paper_module.ProjectPackage.code == code))
        codes = {"award_letter": row.award_letter_code, "contract": row.contract_code,
                 "notice": row.notice_code, "handover": row.handover_code}
        found = {kind: uow.documents.by_code(c).number for kind, c in codes.items() if c}
        found["row"] = row.number
    return found


def test_each_document_has_its_own_number_gap_free_per_kind(
        client: Any, engine: Any, clock: Any, printed: dict[str, list[str]]) -> None:
    code = signed(client, engine, clock)
    approve_progress(engine, code, 100, "2027-05")
    assert caller(client, "ppk-dsdabm").post(f"{C}/{code}/handover").status_code == 200
    numbers = _numbers(engine, code)
    year = clock.now().year
    assert numbers == {"award_letter": f"027/SPPBJ/1/DSDABM/{year}",
                       "contract": f"027/KONTRAK/1/DSDABM/{year}",
                       "notice": f"027/SPMK/1/DSDABM/{year}",
                       "handover": f"027/BAST/1/DSDABM/{year}",
                       "row": f"027/KONTRAK/1/DSDABM/{year}"}
    award = printed[numbers["award_letter"]]
    assert not any("Nomor kontrak" in line for line in award)
    assert "Pengadaan" in award and "Penetapan pemenang" in award
    second = contract(client, engine, clock)
    assert _numbers(engine, second)["award_letter"] == f"027/SPPBJ/2/DSDABM/{year}"


def test_the_spmk_orders_the_start_and_the_bast_states_the_handover(
        client: Any, engine: Any, clock: Any, printed: dict[str, list[str]]) -> None:
    code = signed(client, engine, clock)
    approve_progress(engine, code, 100, "2027-05")
    assert caller(client, "ppk-dsdabm").post(f"{C}/{code}/handover").status_code == 200
    numbers = _numbers(engine, code)
    notice = printed[numbers["notice"]]
    assert "Tanggal mulai kerja" in notice and ": 4 Januari 2027" in notice
    assert ": 4 Januari 2027 s.d. 30 Juni 2027" in notice
    assert ": 178 hari kalender" in notice
    assert f": {numbers['contract']}" in notice
    words = " ".join(notice)
    assert "memerintahkan CV-KARYA-MANDIRI" in words and "mulai melaksanakan" in words
    assert "Terbilang" in notice and ": Sembilan Ratus Lima Puluh Juta Rupiah" in notice
    handover = printed[numbers["handover"]]
    for label in ("Tanggal serah terima", "Progres fisik", "Pihak pertama (PPK)",
                  "Pihak kedua (penyedia)"):
        assert label in handover, label
    assert ": 100 % (laporan kemajuan disetujui)" in handover
    assert ": CV-KARYA-MANDIRI" in handover
    with SqlUnitOfWork(engine) as uow:
        ppk = uow.staff.user_by_username("ppk-dsdabm")
        name = ppk.full_name or ppk.username
    assert any(line.startswith(f": {name}, Pejabat Pembuat Komitmen") for line in handover)
    assert name in handover  # the signature line
