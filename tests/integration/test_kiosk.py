"""The kiosk agent against a real server and a real print stream on 127.0.0.1."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import zxingcpp

from kiosk.agent import Options, create_agent, start_background
from kiosk.escpos_reader import Line, read
from tests.conftest import Api
from tests.support.printer import FakePrinter
from tests.support.servers import free_port, wait_until

pytestmark = pytest.mark.sqlite_only("the kiosk talks HTTP to the server: one database is "
                                      "enough for this layer")


def make_agent(server: str, printer: str, spool: Path, **extra: Any) -> Any:
    options = Options(server=server, device_token="demo-kiosk", printer=printer, spool=spool,
                      retry_seconds=0.2, heartbeat_seconds=0.4, staff_pin="2468",
                      server_retry_seconds=1.0, **extra)
    return create_agent(options)


@pytest.fixture
def agent(live_server: str, printer: FakePrinter, tmp_path: Path) -> Iterator[Any]:
    app = make_agent(live_server, f"network:127.0.0.1:{printer.port}", tmp_path / "spool")
    stop = start_background(app)
    yield app.test_client()
    stop.set()


def take(agent: Any, **body: Any) -> Any:
    reply = agent.post("/api/tickets", json={"service": "pendaftaran", **body})
    assert reply.status_code == 201, reply.get_json()
    return reply.get_json()


def big_line(receipt: Any) -> Line:
    return max(receipt.lines, key=lambda line: line.width)


def test_a_tap_prints_the_number_large_with_a_native_qr_and_a_cut(
    agent: Any, printer: FakePrinter, live_server: str, engine: Any
) -> None:
    reply = take(agent, priority="elderly")
    assert reply["printed"] is True and reply["ticket"]["number"] == "A-001"
    receipt = read(printer.wait_for_jobs(1)[0])
    number = big_line(receipt)
    assert (number.text, number.width, number.height, number.bold, number.align) == (
        "A-001", 4, 4, True, "center")
    text = receipt.text
    for expected in ("Puskesmas Demo", "Pendaftaran", "Prioritas: Lansia", "WIB",
                     "Di depan Anda: 0 orang", "Perkiraan dipanggil:"):
        assert expected in text
    [qr] = receipt.qr_codes
    code = re.fullmatch(rf"{live_server}/t/([2-9A-Z]{{10}})", qr).group(1)
    assert f"Kode: {code}" in text
    assert receipt.cuts == 1 and receipt.images == []


def test_a_raster_qr_decodes_to_the_ticket_page(live_server: str, printer: FakePrinter,
                                                tmp_path: Path) -> None:
    app = make_agent(live_server, f"network:127.0.0.1:{printer.port}", tmp_path / "s",
                     qr="image", paper=58, public_url="http://puskesmas.example:5000")
    reply = app.test_client().post("/api/tickets", json={"service": "gigi"})
    assert reply.get_json()["printed"] is True
    receipt = read(printer.wait_for_jobs(1)[0])
    [image] = receipt.images
    [decoded] = zxingcpp.read_barcodes(image)
    assert re.fullmatch(r"http://puskesmas\.example:5000/t/[2-9A-Z]{10}", decoded.text)
    assert big_line(receipt).text == "C-001" and big_line(receipt).width == 3
    assert all(len(line.text) * line.width <= 32 for line in receipt.lines)


def test_the_ticket_carries_no_personal_data(agent: Any, printer: FakePrinter) -> None:
    take(agent)
    data = printer.wait_for_jobs(1)[0]
    assert not re.search(rb"\d{13,16}", data), "no NIK or BPJS-like number"
    assert b"nik" not in data.lower() and b"+62" not in data


def test_a_job_waits_on_disk_while_the_printer_is_down_and_prints_once_back(
    agent: Any, printer: FakePrinter
) -> None:
    printer.stop()
    reply = take(agent)
    assert reply["printed"] is False
    assert "Printer sedang bermasalah" in reply["message"]
    assert reply["ticket"]["number"] == "A-001"
    state = agent.get("/api/state").get_json()
    assert state["printer"]["jobs_waiting"] == 1 and state["printer"]["printer"] == "offline"
    printer.start()  # same port, back online: the agent's retry loop prints it
    [job] = printer.wait_for_jobs(1)
    assert big_line(read(job)).text == "A-001"
    wait_until(lambda: agent.get("/api/state").get_json()["printer"]["jobs_waiting"] == 0)
    assert len(printer.jobs) == 1, "printed exactly once"


def test_paper_out_keeps_the_job_and_staff_see_it(agent: Any, printer: FakePrinter,
                                                  staff: Api) -> None:
    printer.paper = "out"
    reply = take(agent)
    # The patient reads plain words; the technical state goes to staff and the heartbeat.
    assert reply["printed"] is False and reply["message"].startswith("Printer sedang bermasalah")
    assert "paper" not in reply["message"]

    def console_sees_paper_out() -> bool:
        devices = staff.get("/api/v1/counters/loket-1").get_json()["devices"]
        kiosk = next(d for d in devices if d["code"] == "kiosk-1")
        return kiosk["status"].get("paper") == "out" and kiosk["status"]["jobs_waiting"] == 1

    wait_until(console_sees_paper_out, what="the heartbeat to report paper out")
    printer.paper = "ok"
    printer.wait_for_jobs(1)


def test_server_unreachable_gives_a_clear_message_and_prints_nothing(
    printer: FakePrinter, tmp_path: Path
) -> None:
    app = make_agent(f"http://127.0.0.1:{free_port()}", f"network:127.0.0.1:{printer.port}",
                     tmp_path / "spool")
    client = app.test_client()
    reply = client.post("/api/tickets", json={"service": "pendaftaran"})
    assert reply.status_code == 503
    assert reply.get_json()["error"]["message"].startswith("Server antrean tidak dapat")
    assert client.get("/api/state").status_code == 503
    assert printer.jobs == [] and list((tmp_path / "spool").glob("job-*")) == []


def test_a_refused_ticket_passes_the_servers_message_through(agent: Any) -> None:
    reply = agent.post("/api/tickets", json={"service": "bedah"})
    assert reply.status_code == 404
    assert reply.get_json()["error"]["code"] == "service_not_found"


def test_staff_can_reprint_the_last_ticket_with_the_pin(agent: Any,
                                                        printer: FakePrinter) -> None:
    take(agent)
    printer.wait_for_jobs(1)
    assert agent.post("/api/staff/reprint", json={"pin": "0000"}).status_code == 403
    reply = agent.post("/api/staff/reprint", json={"pin": "2468", "job": "last"})
    assert reply.get_json()["printed"] is True
    jobs = printer.wait_for_jobs(2)
    assert big_line(read(jobs[1])).text == "A-001"


def test_the_dummy_printer_leaves_a_preview_beside_the_spool(live_server: str,
                                                             tmp_path: Path) -> None:
    app = make_agent(live_server, "dummy", tmp_path / "spool")
    assert app.test_client().post("/api/tickets", json={"service": "kia"}).status_code == 201
    assert "D-001" in (tmp_path / "spool" / "last-ticket.txt").read_text()
    assert (tmp_path / "spool" / "last-ticket.png").stat().st_size > 1000


def test_the_kiosk_page_lists_the_services_without_the_device_token(agent: Any) -> None:
    page = agent.get("/").get_data(as_text=True)
    assert "demo-kiosk" not in page
    state = agent.get("/api/state").get_json()
    assert state["facility"]["name"] == "Puskesmas Demo"
    assert [s["code"] for s in state["services"]][:2] == ["pendaftaran", "umum"]
