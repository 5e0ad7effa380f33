"""The e-service modules' rate limits are checked when the module loads: one `limits`
cannot read stops the app's start by name (every complaint or permit request it guards
answered 500 before)."""

from __future__ import annotations

from typing import Any

import pytest

from queue_server.settings_read import BadSetting
from tests.conftest import make_app


@pytest.mark.sqlite_only("settings read at start, nothing database-specific")
@pytest.mark.parametrize("name", ["ANTRIAN_WADUL_LIMIT_PER_ADDRESS",
                                  "ANTRIAN_OPEN311_LIMIT_PER_KEY",
                                  "ANTRIAN_SSW_LIMIT_PER_ADDRESS"])
def test_a_module_s_unreadable_rate_limit_stops_the_start(
        name: str, engine: Any, clock: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(name, "a lot")
    with pytest.raises(BadSetting) as refused:
        make_app(engine, clock)
    assert refused.value.name == name
