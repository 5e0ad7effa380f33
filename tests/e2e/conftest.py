"""Real servers for the end-to-end layer: Redis besides PostgreSQL, and demo databases
seeded once (tests/support/demo_template.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.demo_template import demo_databases  # noqa: F401  (the fixture)
from tests.support.servers import redis_server


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    with redis_server() as url:
        yield url
