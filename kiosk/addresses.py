"""The address printed in a ticket's QR, and whether phones can open it."""

from __future__ import annotations

import base64
import ipaddress
import logging
import threading
from urllib.parse import urlsplit

import qrcode
import qrcode.image.svg

log = logging.getLogger("kiosk")


def address_warning(url: str) -> tuple[str, str] | None:
    """("loopback" | "private", host) when phones outside this box or the clinic LAN
    cannot open `url`; None for a public address or a name that is not local."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return "loopback", host
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return None
    if ip.is_loopback or ip.is_unspecified:
        return "loopback", host
    if ip.is_private or ip.is_link_local:
        return "private", host
    return None


class QrAddress:
    """Which base address tickets' QR codes point to.

    `--public-url` wins; else the server's `public_url` (from the kiosk's home payload);
    else the `--server` URL. A loopback or private base is logged once as a warning.
    """

    def __init__(self, server: str, override: str | None = None):
        self.server = server.rstrip("/")
        self.override = override.rstrip("/") if override else None
        self.from_server: str | None = None
        self._warned: set[str] = set()
        self._lock = threading.Lock()

    def learn(self, public_url: str | None) -> None:
        """Keep the server's public address (None leaves the last one known)."""
        if public_url:
            self.from_server = public_url.rstrip("/")

    @property
    def known(self) -> bool:
        """Whether the base is settled (an override, or the server has told us)."""
        return bool(self.override or self.from_server)

    def base(self) -> str:
        """The base URL for QR codes, e.g. `https://antrian.example`; warns once if local."""
        base = self.override or self.from_server or self.server
        problem = address_warning(base)
        with self._lock:
            if problem and base not in self._warned:
                self._warned.add(base)
                log.warning("tickets' QR point to %s, a %s address: patients' phones may not "
                            "open it; set ANTRIAN_PUBLIC_URL on the server or --public-url",
                            base, problem[0])
        return base

    def warning(self) -> tuple[str, str] | None:
        """The current base's problem, as address_warning() says it."""
        return address_warning(self.base())


def qr_data_uri(text: str) -> str:
    """An SVG QR code of `text` as a data: URI, for an <img> on the touch page."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10,
                        border=4)
    svg = image.to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
