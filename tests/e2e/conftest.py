"""Real servers for the end-to-end layer: Redis besides PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.servers import redis_server


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    with redis_server() as url:
        yield url
