"""Phone bookings with a messaging gateway in tests: the app, the phones that receive the
codes, and requests to hold and confirm (tests/integration/test_phone_bookings.py,
test_booking_void.py)."""

from __future__ import annotations

from typing import Any

from queue_server import create_app
from queue_server.notify import deliver_due
from tests.support import factories
from tests.support.clock import FakeClock
from tests.support.receiver import Receiver

DAY = "2026-11-23"  # the FakeClock's day
OWNER, STRANGER = "3578010101900001", "3578010101900002"
OWNER_PHONE, STRANGER_PHONE = "081234567890", "085711112222"
SMALL = {"facilities": [
    {"code": "pkm-otp", "name": "Puskesmas OTP",
     "services": [{"code": "kia", "name": "KIA", "prefix": "D", "booking_quota": 1},
                  {"code": "gigi", "name": "Poli Gigi", "prefix": "C", "booking_quota": 1}],
     "counters": [{"code": "ruang-1", "services": ["kia", "gigi"]}]},
    {"code": "pkm-otp-lain", "name": "Puskesmas OTP Lain",
     "services": [{"code": "umum", "name": "Poli Umum", "prefix": "B"}],
     "counters": [{"code": "ruang-1", "services": ["umum"]}]}],
    "users": [{"username": "petugas-otp-lain", "facility": "pkm-otp-lain",
               "password": "rahasia-otp"}]}


def gateway_app(engine: Any, clock: FakeClock, receiver: Receiver) -> Any:
    """The app with `receiver` as its messaging gateway (worker off: tests deliver), and
    the small facilities of SMALL loaded."""
    factories.load(engine, SMALL)
    return create_app({"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url),
                       "CLOCK": clock, "SECRET_KEY": "test", "NOTIFY_WEBHOOK_URL": receiver.url,
                       "NOTIFY_WORKER": False})


class Phones:
    """The patients' phones: the codes the gateway was asked to send, by phone."""

    def __init__(self, app: Any, receiver: Receiver):
        self.app, self.receiver = app, receiver

    def code(self, phone: str) -> str:
        deliver_due(self.app.extensions["antrian"], self.receiver.url)
        wanted = "+62" + phone[1:]
        sent = [b for b in self.receiver.bodies if b["phone"] == wanted]
        assert sent, self.receiver.bodies
        return sent[-1]["otp"]


def request(nik: str = OWNER, phone: str = OWNER_PHONE, service: str = "umum",
            facility: str = "pkm-demo", day: str = DAY) -> dict[str, Any]:
    return {"facility": facility, "service": service, "date": day,
            "patient": {"nik": nik, "name": "Siti Aminah", "phone": phone}}


def hold(client: Any, key: str | None = None, **kw: Any) -> Any:
    return client.post("/api/v1/bookings", json=request(**kw),
                       headers={"Idempotency-Key": key} if key else {})


def confirm(client: Any, code: str, otp: str) -> Any:
    return client.post(f"/api/v1/bookings/{code}/confirm", json={"otp": otp})


def book(client: Any, phones: Phones, **kw: Any) -> dict[str, Any]:
    """Hold and confirm: the booking."""
    held = hold(client, **kw)
    assert held.status_code == 202, held.get_json()
    code = held.get_json()["code"]
    done = confirm(client, code, phones.code(kw.get("phone", OWNER_PHONE)))
    assert done.status_code == 201, done.get_json()
    return done.get_json()


def error(reply: Any) -> str:
    return reply.get_json()["error"]["code"]


def wrong(otp: str) -> str:
    return f"{(int(otp) + 1) % 1_000_000:06d}"
