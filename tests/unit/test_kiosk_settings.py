"""Kiosk pieces without a network: the PIN throttle, secrets from files and the
environment, and which addresses phones cannot open."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR",
                      str(Path(__file__).resolve().parents[2] / ".pytest_cache" / "escpos"))

from kiosk.addresses import QrAddress, address_warning
from kiosk.options import SecretFileError, parse, read_secret
from kiosk.pin import PinGuard, PinThrottled, WrongPin


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_five_wrong_pins_then_a_wait_that_doubles() -> None:
    clock = Clock()
    guard = PinGuard("2468", clock=clock)
    for _ in range(5):
        with pytest.raises(WrongPin):
            guard.check("0000")
    with pytest.raises(PinThrottled) as waiting:
        guard.check("2468")  # even the right PIN waits
    assert waiting.value.retry_after == 30
    clock.now += 30
    with pytest.raises(WrongPin):
        guard.check("1111")
    with pytest.raises(PinThrottled) as longer:
        guard.check("2468")
    assert longer.value.retry_after == 60
    clock.now += 60
    guard.check("2468")  # right: starts afresh
    for _ in range(4):
        with pytest.raises(WrongPin):
            guard.check("0000")
    guard.check("2468")


def test_trying_every_four_digit_pin_takes_more_than_a_year() -> None:
    clock = Clock()
    guard = PinGuard("9999", clock=clock)
    start = clock.now
    for guess in range(10000):
        while True:
            try:
                guard.check(f"{guess:04d}")
            except PinThrottled as exc:
                clock.now += exc.retry_after
                continue
            except WrongPin:
                pass
            break
    assert clock.now - start > 365 * 24 * 3600


def test_no_pin_set_means_no_pin_is_right() -> None:
    guard = PinGuard(None)
    assert not guard.enabled
    for given in ("", None, "0000"):
        with pytest.raises(WrongPin):
            guard.check(given)


def secret(tmp_path: Path, text: str, mode: int) -> Path:
    path = tmp_path / "secret"
    path.write_text(text)
    path.chmod(mode)
    return path


def test_a_0600_secret_file_is_read_and_a_shared_one_refused(tmp_path: Path) -> None:
    assert read_secret(secret(tmp_path, "kiosk-token\n", 0o600), "device token") == "kiosk-token"
    with pytest.raises(SecretFileError, match=r"other users \(mode 0644\).*chmod 600"):
        read_secret(secret(tmp_path, "kiosk-token\n", 0o644), "device token")
    with pytest.raises(SecretFileError, match="empty"):
        read_secret(secret(tmp_path, "\n", 0o600), "device token")
    with pytest.raises(SecretFileError, match="cannot be read"):
        read_secret(tmp_path / "missing", "device token")


def test_token_and_pin_come_from_files_or_the_environment(tmp_path: Path) -> None:
    token = secret(tmp_path, "from-file", 0o600)
    options, _ = parse(["--server", "http://s", "--device-token-file", str(token)],
                       env={"ANTRIAN_KIOSK_STAFF_PIN": "2468"})
    assert (options.device_token, options.staff_pin) == ("from-file", "2468")
    options, _ = parse(["--server", "http://s", "--when-no-paper", "refuse"],
                       env={"ANTRIAN_KIOSK_TOKEN": "from-env"})
    assert (options.device_token, options.staff_pin, options.when_no_paper) == (
        "from-env", None, "refuse")
    assert options.print_within == 60.0


def test_a_missing_token_or_a_shared_pin_file_stops_the_agent_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        parse(["--server", "http://s"], env={})
    assert stopped.value.code == 2
    assert "ANTRIAN_KIOSK_TOKEN" in capsys.readouterr().err
    shared = secret(tmp_path, "2468", 0o640)
    with pytest.raises(SystemExit):
        parse(["--server", "http://s", "--staff-pin-file", str(shared)],
              env={"ANTRIAN_KIOSK_TOKEN": "t"})
    assert f"chmod 600 {shared}" in capsys.readouterr().err


@pytest.mark.parametrize(("url", "problem"), [
    ("http://127.0.0.1:5000", ("loopback", "127.0.0.1")),
    ("http://localhost:5000", ("loopback", "localhost")),
    ("http://[::1]:5000", ("loopback", "::1")),
    ("http://0.0.0.0:5000", ("loopback", "0.0.0.0")),
    ("http://192.168.1.20:5000", ("private", "192.168.1.20")),
    ("http://10.0.0.2", ("private", "10.0.0.2")),
    ("http://172.20.0.5", ("private", "172.20.0.5")),
    ("https://antrian.surabaya.go.id", None),
    ("http://36.94.12.7", None),
])
def test_addresses_phones_cannot_open_are_named(url: str, problem: tuple[str, str] | None,
                                                ) -> None:
    assert address_warning(url) == problem


def test_the_qr_base_prefers_the_override_then_the_server_then_server_url(
    caplog: pytest.LogCaptureFixture,
) -> None:
    qr = QrAddress("http://127.0.0.1:5000/")
    assert not qr.known and qr.base() == "http://127.0.0.1:5000"
    assert "127.0.0.1:5000, a loopback address" in caplog.text
    qr.learn("https://antrian.example/")
    assert qr.known and qr.base() == "https://antrian.example" and qr.warning() is None
    qr.learn(None)  # an answer without it keeps what was learnt
    assert qr.base() == "https://antrian.example"
    override = QrAddress("http://127.0.0.1:5000", "https://kiosk.example")
    override.learn("https://antrian.example")
    assert override.base() == "https://kiosk.example"
