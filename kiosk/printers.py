"""Printer URIs to python-escpos connections, and asking a printer how it is."""

from __future__ import annotations

import logging
import os
import socket
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# python-escpos re-parses its printer profiles on every import unless this points at a
# folder that lasts; set it before the first import.
os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR",
                      str(Path(tempfile.gettempdir()) / "antrian-escpos"))
Path(os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"]).mkdir(parents=True, exist_ok=True)
_root_handlers = list(logging.getLogger().handlers)
from escpos import printer as escpos_printer  # noqa: E402
from escpos.exceptions import DeviceNotFoundError  # noqa: E402

# python-escpos calls logging.basicConfig() on import; keep the agent's own logging.
logging.getLogger().handlers[:] = _root_handlers

SCHEMES = ("network", "usb", "serial", "file", "dummy")
__all__ = ["DeviceNotFoundError", "PrinterSpec", "connect", "escpos_printer", "parse_uri",
           "status"]


class PrinterUriError(ValueError):
    pass


@dataclass(frozen=True)
class PrinterSpec:
    scheme: str
    args: tuple[str, ...]

    @property
    def label(self) -> str:
        """The URI again, e.g. "network:10.0.0.9:9100" (for logs and staff)."""
        return ":".join((self.scheme, *self.args))


def parse_uri(uri: str) -> PrinterSpec:
    """`network:HOST:PORT`, `usb:VENDOR:PRODUCT` (hex), `serial:DEV[:BAUD]`, `file:PATH`,
    `dummy`."""
    scheme, _, rest = uri.partition(":")
    parts = tuple(p for p in rest.split(":") if p) if rest else ()
    valid = {
        "network": len(parts) == 2 and parts[1].isdigit(),
        "usb": len(parts) == 2 and all(_is_hex(p) for p in parts),
        "serial": len(parts) in (1, 2) and (len(parts) == 1 or parts[1].isdigit()),
        "file": len(parts) == 1,
        "dummy": not parts,
    }
    if not valid.get(scheme):
        raise PrinterUriError(
            f"printer URI {uri!r} not understood: use network:HOST:PORT, usb:VENDOR:PRODUCT, "
            "serial:/dev/ttyUSB0[:BAUD], file:/dev/usb/lp0 or dummy"
        )
    return PrinterSpec(scheme, parts)


def _is_hex(text: str) -> bool:
    try:
        int(text, 16)
    except ValueError:
        return False
    return True


def connect(spec: PrinterSpec, profile: str | None, timeout: float = 5.0) -> Any:
    """Open the connection; raises escpos' DeviceNotFoundError when the printer is absent."""
    kwargs: dict[str, Any] = {"profile": profile} if profile else {}
    if spec.scheme == "network":
        host, port = spec.args[0], int(spec.args[1])
        device = escpos_printer.Network(host, port, timeout=timeout, **kwargs)
        # Connect here rather than in Network.open(), which leaks its socket on failure.
        device.device = socket.create_connection((host, port), timeout=timeout)
        return device
    if spec.scheme == "usb":
        device = escpos_printer.Usb(int(spec.args[0], 16), int(spec.args[1], 16), timeout=0,
                                    **kwargs)
    elif spec.scheme == "serial":
        baud = int(spec.args[1]) if len(spec.args) > 1 else 9600
        device = escpos_printer.Serial(spec.args[0], baudrate=baud, timeout=timeout, **kwargs)
    elif spec.scheme == "file":
        device = escpos_printer.File(spec.args[0], **kwargs)
    else:
        device = escpos_printer.Dummy(**kwargs)
    device.open()
    return device


def status(device: Any, spec: PrinterSpec, timeout: float = 0.5) -> dict[str, str]:
    """Online and paper, as far as the printer says; "unknown" when it cannot answer.

    A network printer that keeps silent makes status queries wait, so they get a short
    timeout; a file or dummy printer cannot be asked at all.
    """
    if spec.scheme in ("file", "dummy"):
        return {"printer": "online", "paper": "unknown"}
    sock = getattr(device, "device", None)
    old = sock.gettimeout() if spec.scheme == "network" and sock else None
    try:
        if old is not None:
            sock.settimeout(timeout)
        online = device.is_online()
        paper = {2: "ok", 1: "low", 0: "out"}[device.paper_status()]
        return {"printer": "online" if online else "offline", "paper": paper}
    except (OSError, NotImplementedError):
        return {"printer": "online", "paper": "unknown"}
    finally:
        if old is not None:
            sock.settimeout(old)
