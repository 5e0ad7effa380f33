"""The suite's apps build their OpenAPI document when it is first read (`LAZY_OPENAPI`,
mobile_api.AntrianApi); a server builds it at start-up. Both give the same document."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from tests.conftest import make_app
from tests.support.clock import FakeClock


@pytest.mark.sqlite_only("the document does not depend on the database")
def test_a_lazily_built_document_equals_the_one_built_at_start(engine: Engine) -> None:
    lazy: Any = make_app(engine, FakeClock())
    eager: Any = make_app(engine, FakeClock(), LAZY_OPENAPI=False)
    assert lazy.extensions["antrian.api"]._pending  # nothing built yet
    assert not eager.extensions["antrian.api"]._pending
    built = lazy.extensions["antrian.api"].spec.to_dict()
    assert built == eager.extensions["antrian.api"].spec.to_dict()
    assert len(built["paths"]) > 100 and not lazy.extensions["antrian.api"]._pending
