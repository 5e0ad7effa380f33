"""Outgoing letters' numbers are gap-free under concurrency: twenty letters waiting for
the head's signature, signed from eight threads over real HTTP, get the sequences 1..20
of the office's year exactly once each, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.integration.surat_out_support import *  # noqa: F403
from tests.integration.surat_out_support import TO_SIGNED, People
from tests.support.http import JsonClient
from tests.support.servers import serve_in_thread

COUNT = 20


@pytest.fixture
def waiting(people: People) -> list[str]:
    """COUNT letters in `signing` (drafted and initialled through the test client)."""
    refs = []
    for _ in range(COUNT):
        ref = people.draft()
        people.walk(ref, TO_SIGNED[:2])
        refs.append(ref)
    return refs


def sign_all(base: str, refs: list[str]) -> list[str]:
    token = JsonClient(base).post("/api/v1/auth/login", {
        "username": "kepala-opd", "password": "demo"}).body["token"]
    client = JsonClient(base, token)
    numbers = []
    for ref in refs:
        reply = client.post(f"/api/v1/surat/outgoing/{ref}/actions", {"action": "sign"})
        assert reply.status == 200, reply.body
        numbers.append(reply.body["number"])
    client.close()
    return numbers


def test_twenty_letters_signed_from_eight_threads_are_numbered_1_to_20(
        out_app: Any, waiting: list[str]) -> None:
    batches = [waiting[i::8] for i in range(8)]
    with serve_in_thread(out_app) as base, ThreadPoolExecutor(8) as pool:
        numbers = [n for batch in pool.map(lambda b: sign_all(base, b), batches)
                   for n in batch]
    year = out_app.config["CLOCK"].now().year
    pattern = re.compile(rf"000\.1/(\d+)/436\.7\.5/{year}")
    sequences = sorted(int(pattern.fullmatch(n).group(1)) for n in numbers)  # type: ignore[union-attr]
    assert sequences == list(range(1, COUNT + 1))
