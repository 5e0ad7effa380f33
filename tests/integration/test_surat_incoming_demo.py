"""e-Surat's incoming demo: six letters in DSDABM registered by `tu-dsdabm` (one rahasia,
one sangat segera, disposed to `kabid-dsdabm`/`opd`, one read, one followed up, one
filed), loaded once (idempotent)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from queue_server.eservices.surat.demo_in import load_demo_incoming
from tests.integration.surat_in_support import caller

pytestmark = pytest.mark.sqlite_only("the demo loads through the same use cases")


def test_the_demo_letters(app: Any, client: Any) -> None:
    load_demo_incoming(app)
    load_demo_incoming(app)  # idempotent
    head = caller(client, "kepala-opd").get("/api/v1/surat/incoming").get_json()
    assert head["total"] == 6
    states = Counter(item["state"] for item in head["items"])
    assert states == {"disposed": 3, "followed_up": 1, "filed": 1, "registered": 1}
    assert {"rahasia", "terbatas"} <= {item["access"] for item in head["items"]}
    assert "sangat_segera" in {item["urgency"] for item in head["items"]}
    opd = caller(client, "opd").get("/api/v1/surat/incoming").get_json()
    assert opd["total"] == 5  # the rahasia one went to kabid-dsdabm only
    kabid = caller(client, "kabid-dsdabm")
    mine = [item for item in kabid.get("/api/v1/surat/incoming").get_json()["items"]
            if item["state"] == "disposed"]
    assert mine
