"""Public references that name no case (malformed, unknown, beyond a 32-bit id) are the
same 404 on both databases: in the public API, on the public page, in Open311."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from tests.integration.wadul_support import *  # noqa: F403


@pytest.mark.parametrize("ref", ["WADUL-0", "WADUL-2147483648", "WADUL-99999999999",
                                 "WADUL-9999999999999", "SURAT-1", "ABCDEFGHJK"])
def test_a_reference_naming_no_case_is_404_everywhere(
        citizen: Any, wadul: Engine, ref: str) -> None:
    assert citizen.get(f"/api/v1/wadul/public/reports/{ref}").status_code == 404
    assert citizen.get(f"/wadul/laporan/{ref}").status_code == 404
    assert citizen.get(f"/wadul/laporan/{ref}/foto/1").status_code == 404
    assert citizen.get(f"/open311/v2/requests/{ref}.json").status_code == 404
    listed = citizen.get(f"/open311/v2/requests.json?service_request_id={ref}")
    assert (listed.status_code, listed.get_json()) == (200, []) or listed.status_code == 400
