"""e-Musrenbang's staff forms refused and sent again (fix 18I): a refused step comes back
with the step, reason and price as sent and the refusal beside its field, so a second
"Simpan" takes the step the clerk chose; the office's price adjustment needs a reason,
stays within the configured tolerance and is recorded on the public timeline."""

from __future__ import annotations

import re
from typing import Any

import pytest

from queue_server.services.cases import city_today
from tests.integration.test_musrenbang_pages import _signed_in
from tests.integration.test_musrenbang_support import act, call, move_phases, propose, set_up

pytestmark = pytest.mark.sqlite_only("forms over rows both databases hold alike")


def _state(client: Any, ref: str) -> str:
    return str(call(client, "admin", "GET", f"/proposals/{ref}").get_json()["state"])


def test_a_refused_return_keeps_the_choice_and_a_second_save_returns(client: Any,
                                                                       clock: Any) -> None:
    set_up(client, city_today(clock, "Asia/Jakarta"))
    ref = propose(client).get_json()["ref"]
    token = _signed_in(client, "kelurahan", "/musrenbang/verifikasi")
    refused = client.post(f"/musrenbang/verifikasi/{ref}", data={
        "csrf_token": token, "action": "return", "comment": "  "})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert '<option value="return" selected>' in page
    assert '<option value="verify" selected>' not in page
    field = re.search(rf'<input id="c-{ref}"[^>]*>', page).group(0)  # type: ignore[union-attr]
    assert 'aria-invalid="true"' in field and f'aria-describedby="e-{ref}"' in field
    assert 'perlu keterangan: tuliskan alasannya' in page and "(comment)" not in page
    assert "Kembalikan ke RW" in page.split(f'id="e-{ref}">')[1].split("</p>")[0]
    # the clerk types the reason into the form as it came back: the step chosen is kept
    again = client.post(f"/musrenbang/verifikasi/{ref}", data={
        "csrf_token": token, "action": "return", "comment": "Lokasi kurang jelas"})
    assert again.status_code == 303
    assert _state(client, ref) == "returned"


def test_the_work_list_says_deadlines_in_words(client: Any, clock: Any) -> None:
    set_up(client, city_today(clock, "Asia/Jakarta"))
    propose(client)
    _signed_in(client, "kelurahan", "/musrenbang/verifikasi")
    page = client.get("/musrenbang/verifikasi").get_data(as_text=True)
    due = re.search(r"\(batas ([^)]*)\)", page).group(1)  # type: ignore[union-attr]
    assert not re.search(r"\d{4}-\d{2}-\d{2}", due) and re.search(r"[A-Z][a-z]+, \d+ ", due)


def _at_office(client: Any, engine: Any, clock: Any) -> str:
    today = city_today(clock, "Asia/Jakarta")
    set_up(client, today)
    ref = propose(client, item="PJU", quantity="1").get_json()["ref"]
    act(client, "kelurahan", ref, "verify")
    move_phases(engine, today, "kecamatan")
    act(client, "kecamatan", ref, "forum")
    move_phases(engine, today, "office")
    return str(ref)


def test_a_price_adjustment_needs_a_reason_and_stays_within_the_tolerance(
        client: Any, engine: Any, clock: Any) -> None:
    ref = _at_office(client, engine, clock)  # PJU: Rp 6.500.000 in the catalogue
    bare = act(client, "opd", ref, "accept", adjusted_price=7_000_000)
    assert bare.status_code == 422
    assert bare.get_json()["error"]["code"] == "musrenbang_price_reason_required"
    over = act(client, "opd", ref, "accept", "Harga naik", adjusted_price=99_000_000)
    assert over.status_code == 422, over.get_json()
    assert over.get_json()["error"]["code"] == "musrenbang_price_over_tolerance"
    assert "Rp 8.125.000" in over.get_json()["error"]["message"]  # 25 % above, the default
    assert _state(client, ref) == "kecamatan_verified"
    done = act(client, "opd", ref, "accept", "Tiang lebih tinggi", adjusted_price=8_000_000)
    assert done.status_code == 200, done.get_json()
    lines = client.get(f"/musrenbang/usulan/{ref}").get_data(as_text=True)
    assert "Rp 6.500.000" in lines and "Rp 8.000.000" in lines and "Tiang lebih tinggi" in lines


def test_a_refused_price_on_the_page_comes_back_beside_the_price(
        client: Any, engine: Any, clock: Any) -> None:
    ref = _at_office(client, engine, clock)
    token = _signed_in(client, "opd", "/musrenbang/verifikasi")
    refused = client.post(f"/musrenbang/verifikasi/{ref}", data={
        "csrf_token": token, "action": "accept", "comment": "naik", "adjusted_price": "9.9e7"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    field = re.search(rf'<input id="pr-{ref}"[^>]*>', page).group(0)  # type: ignore[union-attr]
    assert 'value="9.9e7"' in field and 'aria-invalid="true"' in field
    assert re.search(rf'<input id="c-{ref}"[^>]*value="naik"', page)
