"""Signing and checking work inside a thread that runs an asyncio event loop (an async
server, the browser tests' driver): pyHanko's own `asyncio.run` must not be called there."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from queue_server.pdf import Layout, render
from queue_server.signing import LocalSigner


def test_a_pdf_is_signed_and_checked_from_inside_a_running_event_loop(tmp_path: Path) -> None:
    signer = LocalSigner(tmp_path / "signing")
    pdf = render(Layout(office="Dinas Uji", title="Surat Uji", verify_url="http://x/v/A"))

    async def inside() -> bool:
        signed = signer.sign(pdf, "uji")
        return signer.check(signed).valid

    # A thread of its own, whose loop this test starts: the test process's main thread may
    # already run one (Playwright's, when a browser test ran earlier in this worker), and
    # asyncio.run refuses to start a second loop there.
    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(asyncio.run, inside()).result(timeout=120) is True
