"""The board's last calls: recalls never push other patients' calls off the board."""

from __future__ import annotations

from typing import Any

from tests.conftest import Api


def test_recalls_keep_one_row_and_never_push_other_calls_out(client: Any, kiosk: Api,
                                                             staff: Api) -> None:
    for _ in range(11):
        kiosk.ticket()
    for _ in range(11):
        assert staff.act("loket-1", "call-next").status_code == 200
    for _ in range(4):
        assert staff.act("loket-1", "recall").status_code == 200
    calls = client.get("/api/v1/facilities/pkm-demo/board").get_json()["last_calls"]
    numbers = [c["number"] for c in calls]
    assert numbers == [f"A-{n:03d}" for n in range(11, 1, -1)]  # ten patients, newest first
    assert calls[0]["recall"] is True and calls[1]["recall"] is False
