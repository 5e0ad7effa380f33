"""The agent's settings: command line, environment variables and 0600 secret files."""

from __future__ import annotations

import argparse
import os
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import printers

TOKEN_ENV, PIN_ENV = "ANTRIAN_KIOSK_TOKEN", "ANTRIAN_KIOSK_STAFF_PIN"


@dataclass
class Options:
    """Everything the agent is told; times in seconds."""

    server: str
    device_token: str
    printer: str = "dummy"
    profile: str | None = "TM-T20II"
    paper: int = 80
    qr: str = "auto"
    spool: Path = Path("kiosk-spool")
    staff_pin: str | None = None
    retry_seconds: float = 5.0  # how often a waiting job is tried again
    heartbeat_seconds: float = 30.0
    public_url: str | None = None  # where phones reach the server (the QR's target)
    logo: Path | None = None
    print_within: float = 60.0  # a job not printed by then is only shown, never printed later
    when_no_paper: str = "screen"  # or "refuse": no numbers while the printer cannot print
    probe_seconds: float = 10.0  # how often an idle printer is asked how it is
    request_timeout: float = 8.0  # one request to the server
    server_retry_seconds: float = 30.0  # a tap is retried (same key) this long
    idle_seconds: float = 8.0  # the touch page returns to its defaults after this
    message_seconds: float = 8.0  # a message for the patient stays this long (or a new tap)
    pin_free_tries: int = 5
    pin_wait_seconds: float = 30.0  # the first wait after the free tries; doubles after


class SecretFileError(ValueError):
    """A secret file that is missing, empty, or readable by other users."""


def read_secret(path: Path, what: str) -> str:
    """The first line of a 0600 file; raises SecretFileError with what to do otherwise."""
    try:
        info = path.stat()
        text = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise SecretFileError(f"{what} file {path} cannot be read: {exc.strerror}") from None
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SecretFileError(
            f"{what} file {path} can be read by other users (mode "
            f"{stat.S_IMODE(info.st_mode):04o}); run: chmod 600 {path}")
    if not text:
        raise SecretFileError(f"{what} file {path} is empty")
    return text.splitlines()[0].strip()


def _secret(value: str | None, path: Path | None, env: Mapping[str, str], name: str,
            what: str) -> str | None:
    """The secret from the command line, else its file, else the environment variable."""
    if value:
        return value
    if path is not None:
        return read_secret(path, what)
    return env.get(name) or None


def build_parser() -> argparse.ArgumentParser:
    """The `python -m kiosk` command line."""
    parser = argparse.ArgumentParser(prog="python -m kiosk", description=(
        "The walk-in kiosk agent: the touch page, the queue server's API, a thermal printer."))
    add = parser.add_argument
    add("--server", required=True, help="queue server URL, e.g. http://10.0.0.2:5000")
    add("--device-token-file", type=Path, help=f"0600 file with the device token "
        f"(or set {TOKEN_ENV}); --device-token shows it to every user of the box")
    add("--device-token", default=None, help=argparse.SUPPRESS)
    add("--printer", default="dummy", help="network:HOST:PORT, usb:VENDOR:PRODUCT, "
        "serial:DEV[:BAUD], file:PATH or dummy")
    add("--profile", default="TM-T20II", help="python-escpos printer profile")
    add("--paper", type=int, choices=(58, 80), default=80)
    add("--qr", choices=("auto", "native", "image"), default="auto")
    add("--spool", type=Path, default=Path("instance/kiosk-spool"))
    add("--staff-pin-file", type=Path, help=f"0600 file with the staff menu's PIN "
        f"(or set {PIN_ENV})")
    add("--staff-pin", default=None, help=argparse.SUPPRESS)
    add("--public-url", default=None, help="address phones use for the tickets' QR "
        "(default: the server's ANTRIAN_PUBLIC_URL, else --server)")
    add("--when-no-paper", choices=("screen", "refuse"), default="screen",
        help="screen: still give numbers, shown on the screen; refuse: pause numbers")
    add("--print-within", type=float, default=60.0, metavar="SECONDS",
        help="a ticket not printed by then is shown on the screen and never printed later")
    add("--logo", type=Path, default=None, help="an image printed at the top of every ticket")
    add("--host", default="127.0.0.1")
    add("--port", type=int, default=8088)
    return parser


def parse(argv: Sequence[str] | None, env: Mapping[str, str] | None = None,
          ) -> tuple[Options, argparse.Namespace]:
    """Options from the command line and the environment; exits (status 2) with a clear
    message on a bad printer URI, a missing token or an unsafe secret file."""
    env = os.environ if env is None else env
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        printers.parse_uri(args.printer)
        token = _secret(args.device_token, args.device_token_file, env, TOKEN_ENV,
                        "device token")
        pin = _secret(args.staff_pin, args.staff_pin_file, env, PIN_ENV, "staff PIN")
    except (printers.PrinterUriError, SecretFileError) as exc:
        parser.error(str(exc))
    if not token:
        parser.error(f"the device token is needed: --device-token-file FILE (mode 0600) "
                     f"or the environment variable {TOKEN_ENV}")
    options = Options(
        server=args.server, device_token=token, printer=args.printer,
        profile=args.profile or None, paper=args.paper, qr=args.qr, spool=args.spool,
        staff_pin=pin, public_url=args.public_url, logo=args.logo,
        print_within=args.print_within, when_no_paper=args.when_no_paper)
    return options, args
