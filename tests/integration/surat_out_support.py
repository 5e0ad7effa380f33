"""e-Surat outgoing letters in the test app: an app whose signed files go to a temporary
folder, callers by username, a valid draft's body, and the steps that take a letter
through its chain.

Use: `from tests.integration.surat_out_support import *  # noqa: F403` brings the
fixtures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.conftest import Api, login, make_app
from tests.integration.surat_in_support import surat

__all__ = ["DRAFT", "PATH", "People", "out_app", "people", "surat"]
PATH = "/api/v1/surat/outgoing"
DRAFT: dict[str, Any] = {
    "template": "undangan", "subject": "Undangan rapat koordinasi saluran",
    "delivery": "internal", "to_office": "dlh", "reviewers": ["opd"],
    "fields": {"acara": "rapat koordinasi saluran", "hari_tanggal": "Senin, 7 Desember 2026",
               "waktu": "09.00 WIB", "tempat": "Ruang Rapat DSDABM"}}


@pytest.fixture
def out_app(surat: Engine, clock: Any, tmp_path: Path) -> Any:
    """The test app (classification codes loaded) keeping signed PDFs in `tmp_path`."""
    app = make_app(surat, clock)
    app.instance_path = str(tmp_path)
    return app


class People:
    """Callers of the API by username (each logged in once, on one test client)."""

    def __init__(self, client: Any):
        self.client = client
        self.known: dict[str, Api] = {}

    def __getitem__(self, username: str) -> Api:
        if username not in self.known:
            self.known[username] = Api(self.client, login(self.client, username))
        return self.known[username]

    def draft(self, by: str = "kabid-dsdabm", **changes: Any) -> str:
        reply = self[by].post(PATH, {**DRAFT, **changes})
        assert reply.status_code == 201, reply.get_json()
        return str(reply.get_json()["ref"])

    def act(self, who: str, ref: str, action: str, comment: str = "") -> Any:
        return self[who].post(f"{PATH}/{ref}/actions", {"action": action, "comment": comment})

    def walk(self, ref: str, steps: list[tuple[str, str]]) -> Any:
        reply = None
        for who, action in steps:
            reply = self.act(who, ref, action)
            assert reply.status_code == 200, (who, action, reply.get_json())
        return reply

    def patch(self, who: str, ref: str, body: dict[str, Any]) -> Any:
        return self.client.patch(f"{PATH}/{ref}", json=body, headers=self[who].headers())


@pytest.fixture
def people(out_app: Any) -> People:
    return People(out_app.test_client())


TO_SIGNED = [("kabid-dsdabm", "submit"), ("opd", "approve"), ("kepala-opd", "sign")]
__all__ += ["TO_SIGNED"]
