"""Signing and checking work inside a thread that runs an asyncio event loop (an async
server, the browser tests' driver): pyHanko's own `asyncio.run` must not be called there."""

from __future__ import annotations

import asyncio
from pathlib import Path

from queue_server.pdf import Layout, render
from queue_server.signing import LocalSigner


def test_a_pdf_is_signed_and_checked_from_inside_a_running_event_loop(tmp_path: Path) -> None:
    signer = LocalSigner(tmp_path / "signing")
    pdf = render(Layout(office="Dinas Uji", title="Surat Uji", verify_url="http://x/v/A"))

    async def inside() -> bool:
        signed = signer.sign(pdf, "uji")
        return signer.check(signed).valid

    assert asyncio.run(inside()) is True
