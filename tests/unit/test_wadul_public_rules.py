"""e-Wadul's public rules: which complaints are public, a kelurahan optional beside a
map point, and public references read back to their case."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from queue_server.eservices.wadul.domain import KelurahanRequired, check_text, is_public
from queue_server.services.cases import CaseNotFound, find_by_ref, public_ref

TEXT = "Jalan berlubang di depan pasar."


@pytest.mark.parametrize(("state", "confirmed", "confidential", "public"), [
    ("received", True, False, False), ("rejected", True, False, False),
    ("verified", True, False, True), ("merged", True, False, True),
    ("closed", True, False, True), ("verified", False, False, False),
    ("verified", True, True, False)])
def test_a_complaint_is_public_once_verified_confirmed_and_not_confidential(
        state: str, confirmed: bool, confidential: bool, public: bool) -> None:
    assert is_public(state, confirmed, confidential) is public


def test_the_kelurahan_may_be_left_out_only_beside_a_map_point() -> None:
    assert check_text(TEXT, "  ", located=True) == (TEXT, "")
    with pytest.raises(KelurahanRequired):
        check_text(TEXT, "  ")
    with pytest.raises(KelurahanRequired):
        check_text(TEXT, "x" * 81, located=True)


@dataclass
class _Case:
    id: int
    module: str


class _Cases:
    def __init__(self, *cases: _Case):
        self.rows = {case.id: case for case in cases}

    def by_id(self, case_id: int) -> _Case | None:
        return self.rows.get(case_id)


class _Uow:
    def __init__(self, *cases: _Case):
        self.cases = _Cases(*cases)


def test_a_public_reference_names_the_module_and_the_id_and_reads_back_in_any_case() -> None:
    uow: Any = _Uow(_Case(12, "wadul"), _Case(13, "surat"))
    assert public_ref(uow.cases.by_id(12)) == "WADUL-12"
    assert find_by_ref(uow, " wadul-12 ", "wadul").id == 12
    for wrong in ("WADUL-13", "SURAT-13", "WADUL-99", "WADUL", "12", "WADUL-1x", ""):
        with pytest.raises(CaseNotFound):
            find_by_ref(uow, wrong, "wadul")
