"""The kiosk agent given bad input: a clear 4xx with a plain sentence, never a 5xx, never a
request to the server it cannot answer, and never a reprint nobody named."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.agent import MAX_CODE, Options, create_agent
from tests.support.printer import FakePrinter
from tests.support.servers import free_port

TECHNICAL = ("Traceback", "Error", "errno", "HTTP", "{")


pytestmark = pytest.mark.sqlite_only("the agent talks HTTP to the server: one database is "
                                      "enough for this layer")


@pytest.fixture
def agent(live_server: str, printer: FakePrinter, tmp_path: Path) -> Iterator[Any]:
    options = Options(server=live_server, device_token="demo-kiosk", staff_pin="2468",
                      printer=f"network:127.0.0.1:{printer.port}", spool=tmp_path / "spool",
                      server_retry_seconds=1.0)
    yield create_agent(options).test_client()


def plain_error(reply: Any, status: int, code: str) -> str:
    """The reply's sentence, after checking its status, code and that it reads plainly."""
    assert reply.status_code == status, (reply.status_code, reply.get_data(as_text=True)[:300])
    error = reply.get_json()["error"]
    assert error["code"] == code, error
    assert not [word for word in TECHNICAL if word in error["message"]], error
    return error["message"]


@pytest.mark.parametrize("job", ["9" * 5000, "x", "last", "00000000000000000001-zzzzzzzz",
                                 "%2e%2e", "00000000000000000001-0123ABCD"])
def test_a_job_id_not_of_the_spools_form_is_404(agent: Any, job: str) -> None:
    message = plain_error(agent.get(f"/api/jobs/{job}"), 404, "unknown_job")
    assert message == "Tiket itu tidak dikenal."
    english = agent.get(f"/api/jobs/{job}?lang=en")
    assert english.get_json()["error"]["message"] == "That ticket is not known."


@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", "/api/jobs/a/b", 404), ("GET", "/api/nothing", 404), ("GET", "/api/tickets", 405),
    ("DELETE", "/api/check-in", 405)])
def test_an_unknown_address_or_method_is_plain_json(agent: Any, method: str, path: str,
                                                    status: int) -> None:
    reply = agent.open(path, method=method)
    assert reply.status_code == status and reply.is_json
    assert reply.get_json()["error"]["message"] == "Permintaan tidak valid."


def test_a_body_far_too_large_is_413_in_plain_words(agent: Any) -> None:
    reply = agent.post("/api/check-in", json={"code": "A" * 2_000_000})
    assert reply.status_code == 413
    assert reply.get_json()["error"]["message"] == "Permintaan tidak valid."


def test_a_well_formed_job_id_nobody_made_is_unknown(agent: Any) -> None:
    reply = agent.get("/api/jobs/00000000000000000001-0123abcd")
    assert reply.status_code == 200 and reply.get_json()["print"] == "unknown"


def test_a_code_longer_than_the_limit_is_422_and_never_sent(
    printer: FakePrinter, tmp_path: Path
) -> None:
    """Nothing listens at the server's address: a code that reached it would be a 503."""
    app = create_agent(Options(server=f"http://127.0.0.1:{free_port()}", device_token="t",
                               printer=f"network:127.0.0.1:{printer.port}",
                               spool=tmp_path / "spool", server_retry_seconds=0.5))
    client = app.test_client()
    message = plain_error(client.post("/api/check-in", json={"code": "A" * 100_000}), 422,
                          "code_too_long")
    assert message.startswith("Kode booking terlalu panjang.")
    one_over = client.post("/api/check-in", json={"code": "A" * (MAX_CODE + 1), "lang": "en"})
    assert plain_error(one_over, 422, "code_too_long").startswith("That booking code is too")
    assert plain_error(client.post("/api/check-in", json={"code": "   "}), 422,
                       "code_missing") == "Ketik atau pindai kode booking Anda."
    for body in ({"code": 12345678}, {"code": None}, {}, ["ABCD"]):
        plain_error(client.post("/api/check-in", json=body), 422, "invalid_body")
    assert app.extensions["kiosk"].server.reachable is None  # nothing was sent
    assert printer.jobs == []


def test_a_long_address_within_the_limit_still_checks_in_as_unknown(agent: Any) -> None:
    """Up to MAX_CODE characters go to the server, which answers in its own words."""
    address = "https://antrian.surabaya.go.id/t/" + "Z" * (MAX_CODE - 34)
    reply = agent.post("/api/check-in", json={"code": address})
    assert plain_error(reply, 404, "booking_not_found") == "Kode booking tidak dikenal."


@pytest.mark.parametrize("body", [
    {"service": "x" * 100_000}, {"service": ""}, {"service": 7},
    {"service": "umum", "priority": 3}, {"service": "umum", "priority": "p" * 5000},
])
def test_a_malformed_tap_is_422_and_issues_nothing(agent: Any, printer: FakePrinter,
                                                  body: dict[str, Any]) -> None:
    plain_error(agent.post("/api/tickets", json=body), 422, "invalid_body")
    assert agent.post("/api/tickets", json={"service": "umum"}).get_json()["ticket"][
        "number"] == "B-001"  # the malformed tap used no number


@pytest.mark.parametrize("job", [None, 7, "", "A-001", "9" * 5000, ["last"]])
def test_reprint_needs_a_named_job_or_last(agent: Any, printer: FakePrinter,
                                           job: Any) -> None:
    assert agent.post("/api/tickets", json={"service": "pendaftaran"}).status_code == 201
    printer.wait_for_jobs(1)
    body = {"pin": "2468", **({} if job is None else {"job": job})}
    message = plain_error(agent.post("/api/staff/reprint", json=body), 422, "choose_job")
    assert message == "Pilih tiket yang akan dicetak ulang."
    unknown = agent.post("/api/staff/reprint",
                         json={"pin": "2468", "job": "00000000000000000001-0123abcd"})
    assert plain_error(unknown, 404, "unknown_job") == "Tiket itu tidak ada dalam daftar."
    assert len(printer.jobs) == 1, "nothing was reprinted"
    last = agent.post("/api/staff/reprint", json={"pin": "2468", "job": "last"})
    assert last.status_code == 200 and last.get_json()["printed"] is True
    assert len(printer.wait_for_jobs(2)) == 2
