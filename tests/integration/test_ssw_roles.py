"""Every SSW step allowed and refused per role and office (table-driven, through the
API): the desk (dpmptsp members) checks documents and sends back, each reviewing office
decides only its own review, the inspector inspects, the head of dpmptsp issues and
revokes; a step at the wrong state is 409."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from tests.integration.test_ssw_support import *  # noqa: F403
from tests.integration.test_ssw_support import CASES, apply, caller, to_state
from tests.support import factories

pytestmark = pytest.mark.sqlite_only("who may act is decided in Python over rows both "
                                     "databases hold alike; the flow runs on both")


def _desk_review(client: Any) -> dict[str, Any]:
    filed = to_state(client, "reklame", "review")
    reply = caller(client, "dlh").post(f"{CASES}/{filed['ref']}/reviews/dlh",
                                       {"approve": False, "comment": "Sempadan"})
    assert reply.get_json()["state"] == "desk_review"
    return filed


def _inspection(client: Any) -> dict[str, Any]:
    return to_state(client, "reklame", "inspection")


STATES = {"submitted": lambda c: apply(c, "reklame"),
          "review": lambda c: to_state(c, "reklame", "review"),
          "inspection": _inspection,
          "approval": lambda c: to_state(c, "reklame", "approval"),
          "issued": lambda c: to_state(c, "tdup", "issued"),
          "desk_review": _desk_review}
CHECK = ("documents/ktp", {"accepted": True})
REVIEW_DLH = ("reviews/dlh", {"approve": True})
INSPECT = ("inspection", {"answers": {"ukuran": {"ok": True}, "konstruksi": {"ok": True},
                                      "jarak": {"ok": True}}, "result": "pass"})
ISSUE = ("actions", {"action": "issue"})
REJECT = ("actions", {"action": "reject", "comment": "Tidak sesuai zona"})
REVOKE = ("actions", {"action": "revoke", "comment": "Melanggar"})
REVISE = ("actions", {"action": "revise", "documents": {"desain": "Perbaiki desain"}})

TABLE = [
    # (state, step, user, status)
    ("submitted", CHECK, "dpmptsp", 200), ("submitted", CHECK, "admin", 200),
    ("submitted", CHECK, "kepala-dpmptsp", 200), ("submitted", CHECK, "opd", 403),
    ("submitted", CHECK, "dlh", 403), ("submitted", CHECK, "petugas", 403),
    ("review", CHECK, "dpmptsp", 409),
    ("review", REVIEW_DLH, "dlh", 200), ("review", REVIEW_DLH, "opd", 403),
    ("review", REVIEW_DLH, "dpmptsp", 403), ("review", REVIEW_DLH, "admin", 403),
    ("review", ("reviews/dinkes", {"approve": True}), "dlh", 422),
    ("submitted", REVIEW_DLH, "dlh", 409),
    ("inspection", INSPECT, "pengawas", 200), ("inspection", INSPECT, "dpmptsp", 403),
    ("inspection", INSPECT, "kepala-dpmptsp", 403), ("inspection", INSPECT, "opd", 403),
    ("review", INSPECT, "pengawas", 409),
    ("approval", ISSUE, "kepala-dpmptsp", 200), ("approval", ISSUE, "dpmptsp", 403),
    ("approval", ISSUE, "admin", 403), ("approval", ISSUE, "pengawas", 403),
    ("approval", ISSUE, "opd", 403), ("submitted", ISSUE, "kepala-dpmptsp", 409),
    ("submitted", REJECT, "dpmptsp", 200), ("submitted", REJECT, "admin", 200),
    ("approval", REJECT, "kepala-dpmptsp", 200), ("submitted", REJECT, "opd", 403),
    # at the decision only the head (and the admin) rejects: not the desk, not the
    # inspector (both members of dpmptsp)
    ("approval", REJECT, "dpmptsp", 403), ("approval", REJECT, "pengawas", 403),
    ("approval", REJECT, "admin", 200), ("desk_review", REJECT, "dpmptsp", 200),
    ("inspection", REJECT, "pengawas", 409),
    ("review", REJECT, "dpmptsp", 409),
    ("issued", REVOKE, "kepala-dpmptsp", 200), ("issued", REVOKE, "dpmptsp", 403),
    ("issued", REVOKE, "admin", 403), ("approval", REVOKE, "kepala-dpmptsp", 409),
    ("desk_review", REVISE, "dpmptsp", 200), ("desk_review", REVISE, "admin", 200),
    ("desk_review", REVISE, "opd", 403), ("submitted", REVISE, "dpmptsp", 409),
]


@pytest.mark.parametrize(("state", "step", "user", "status"), TABLE)
def test_who_may_take_each_step(client: Any, ssw: Engine, state: str,
                                step: tuple[str, dict[str, Any]], user: str,
                                status: int) -> None:
    filed = STATES[state](client)
    path, body = step
    reply = caller(client, user).post(f"{CASES}/{filed['ref']}/{path}", body)
    assert reply.status_code == status, reply.get_json()
    if status != 200:
        view = caller(client, "admin").get(f"{CASES}/{filed['ref']}").get_json()
        assert view["state"] == state  # a refusal leaves the application as it was


def test_reading_follows_the_offices(client: Any, ssw: Engine) -> None:
    reviewed = to_state(client, "reklame", "review")["ref"]
    unreviewed = apply(client, "tdup")["ref"]
    opd = caller(client, "opd")
    assert opd.get(f"{CASES}/{reviewed}").status_code == 200
    assert factories.error(opd.get(f"{CASES}/{unreviewed}")) == "ssw_forbidden"
    refs = [r["ref"] for r in opd.get("/api/v1/ssw/applications?list=review").get_json()["items"]]
    assert refs == [reviewed]
    assert caller(client, "petugas").get("/api/v1/ssw/applications").status_code == 403
    desk = caller(client, "dpmptsp").get("/api/v1/ssw/applications?list=desk").get_json()
    row = desk["items"][0]
    assert row["ref"] == unreviewed and "nik" not in row and "name" not in row
    assert set(row["progress"]) >= {"used_days", "days", "percent", "warning", "overdue"}
