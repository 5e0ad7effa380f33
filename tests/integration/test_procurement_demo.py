"""The demo of e-Procurement and e-Delivery on three planned packages (one tender, two
direct): the tender with three bids, awarded, its complaint rejected; every package
contracted and started; the handover once the progress is 100 % (`finish`), then the
tender package's termins paid. Loaded twice, it changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from queue_server.eservices.planning.delivery.demo import finish
from queue_server.eservices.planning.delivery.demo import load_demo as load_delivery
from queue_server.eservices.planning.procurement.demo import load_demo as load_procurement
from tests.integration.procurement_support import (
    C,
    T,
    approve_progress,
    caller,
    make_package,
)

pytestmark = pytest.mark.sqlite_only("the demo loads through the same use cases")


def test_the_demo_chain(app: Any, client: Any, engine: Any) -> None:
    road = make_package(engine, 450_000_000,
                        plan=[{"termin": 1, "percent": 30}, {"termin": 2, "percent": 40},
                              {"termin": 3, "percent": 30}])
    small = [make_package(engine, 150_000_000, method="direct", plan=[
        {"termin": 1, "percent": 50}, {"termin": 2, "percent": 50}]) for _ in range(2)]
    for _ in range(2):  # idempotent
        load_procurement(app)
        load_delivery(app)
    pokja = caller(client, "pokja")
    tenders = {t["package_code"]: t for t in pokja.get(T).get_json()["items"]}
    assert {road, *small} <= set(tenders)
    tender = pokja.get(f"{T}/{tenders[road]['code']}").get_json()
    assert tender["state"] == "awarded" and len(tender["bids"]) == 3
    assert [c["state"] for c in tender["complaints"]] == ["rejected"]
    assert next(b for b in tender["bids"] if b["winner"])["provider"] == "CV Karya Mandiri"
    ppk = caller(client, "ppk-dsdabm")
    view = ppk.get(f"{C}/{road}").get_json()
    assert view["state"] == "started"
    # termins are paid in date order by e-Controlling's demo (test_ocds_demo), none yet
    assert [t["state"] for t in view["termins"]] == ["planned"] * 3
    assert view["value"] == 414_000_000 and view["paid"] == 0  # 92 % of the HPS
    assert all(ppk.get(f"{C}/{code}").get_json()["state"] == "started" for code in small)
    approve_progress(engine, road, 100, "2027-06")
    finish(app)
    finish(app)
    done = ppk.get(f"{C}/{road}").get_json()
    assert done["state"] == "handed_over"  # and every termin paid, the retention too
    assert [t["state"] for t in done["termins"]] == ["paid"] * 3
    assert done["paid"] == 414_000_000
