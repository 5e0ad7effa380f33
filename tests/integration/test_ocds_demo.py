"""The planning chain's demo (every part loaded in order, as `serve --demo` does) told
in the OCDS feed as it happened: each release dated as its event (the tender's
publication, the award, the signing, each payment, each approved progress report, the
handover), never at the loading's moment, rising within a process, so `since`
separates them; the story a PPK expects (single-year contracts end by 31 December,
termins fall due within the contract, the finished package handed over on time with
every termin paid). Loaded twice, it changes nothing."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from queue_server.eservices.planning.budgeting import demo as budgeting_demo
from queue_server.eservices.planning.controlling import demo as controlling_demo
from queue_server.eservices.planning.delivery import demo as delivery_demo
from queue_server.eservices.planning.musrenbang import demo as musrenbang_demo
from queue_server.eservices.planning.procurement import demo as procurement_demo
from queue_server.eservices.planning.project import demo as project_demo
from tests.integration.controlling_support import caller

pytestmark = pytest.mark.sqlite_only("the demo's dates, nothing database-specific")
PARTS = (musrenbang_demo, budgeting_demo, project_demo, procurement_demo, delivery_demo,
         controlling_demo)
FEED = "/api/v1/ocds/releases?limit=500"


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _records(client: Any, releases: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each process's record (its releases and compiled release), by ocid."""
    out = {}
    for ocid in sorted({r["ocid"] for r in releases}):
        reply = client.get(f"/api/v1/ocds/records/{ocid}")
        assert reply.status_code == 200, reply.get_json()
        out[ocid] = reply.get_json()["records"][0]
    return out


def _events(compiled: dict[str, Any]) -> dict[str, set[str]]:
    """The dates of a process's events, by the tag of the release they make."""
    contract = (compiled.get("contracts") or [{}])[0]
    done = contract.get("implementation", {})
    return {
        "tender": {compiled["tender"]["datePublished"]},
        "contract": {contract["dateSigned"]} if "dateSigned" in contract else set(),
        "implementation": {t["date"] for t in done.get("transactions", [])}
        | {m["dateMet"] for m in done.get("milestones", []) if "dateMet" in m}
        | {d["datePublished"] for d in done.get("documents", [])}
        | {d["datePublished"] for d in contract.get("documents", [])}}


def _loaded(app: Any, client: Any, tmp_path: Any) -> list[dict[str, Any]]:
    """The whole chain's demo loaded twice (the second load adds nothing); the feed's
    releases. (How long a load takes is measured by `bench/demo_load.py`, not here.)"""
    app.instance_path = str(tmp_path)
    for part in PARTS:
        part.load_demo(app)
    first = client.get(FEED).get_json()["releases"]
    for part in PARTS:
        part.load_demo(app)
    assert client.get(FEED).get_json()["releases"] == first
    return list(first)


def test_the_demo_s_history_as_it_happened(app: Any, client: Any, clock: Any,
                                           tmp_path: Any) -> None:
    """One load of the demo (about 2 s) for the three checks."""
    loaded = _loaded(app, client, tmp_path)
    _dated_as_events(loaded, client, clock)
    _since_separates(loaded, client)
    _a_ppk_s_story(loaded, client)


def _dated_as_events(loaded: list[dict[str, Any]], client: Any, clock: Any) -> None:
    assert len(loaded) >= 30
    assert all(_moment(r["date"]) < clock.now() for r in loaded)  # none at loading time
    for ocid, record in _records(client, loaded).items():
        dates = [_moment(r["date"]) for r in record["releases"]]
        assert dates == sorted(dates), ocid
        events = _events(record["compiledRelease"])
        for release in record["releases"]:
            for tag in set(release["tag"]) & set(events):
                assert release["date"] in events[tag], (release["id"], tag)
            if "award" in release["tag"] and "tender" not in release["tag"]:
                award = release["awards"][0]
                assert release["date"] in {award["date"], *[
                    d["datePublished"] for d in award.get("documents", [])]}
    road = _records(client, loaded)["ocds-sby000-PKT-2026-0001"]
    award = next(r for r in road["releases"] if r["tag"] == ["award"])
    assert award["date"] == award["awards"][0]["date"]
    paid = [r for r in road["releases"] if r["tag"] == ["implementation"]
            and r["contracts"][0].get("implementation", {}).get("transactions")]
    assert len({len(r["contracts"][0]["implementation"]["transactions"]) for r in paid}) == 3


def _since_separates(loaded: list[dict[str, Any]], client: Any) -> None:
    cut = sorted(_moment(r["date"]) for r in loaded)[len(loaded) // 2]
    later = client.get(f"{FEED}&since={cut:%Y-%m-%dT%H:%M:%SZ}").get_json()["releases"]
    assert 0 < len(later) < len(loaded)
    assert {r["id"] for r in later} == {r["id"] for r in loaded if _moment(r["date"]) >= cut}


def _a_ppk_s_story(loaded: list[dict[str, Any]], client: Any) -> None:
    records = _records(client, loaded)
    for ocid, record in records.items():
        compiled = record["compiledRelease"]
        year = int(ocid.split("-")[-2])  # PKT-{the line's budget year}-{n}
        for contract in compiled.get("contracts", []):
            ends = _moment(contract["period"]["endDate"]).date()
            assert ends <= date(year, 12, 31), ocid  # single-year contracts
            for termin in contract.get("milestones", []):
                assert _moment(termin["dueDate"]).date() <= ends, (ocid, termin["id"])
    road = records["ocds-sby000-PKT-2026-0001"]["compiledRelease"]["contracts"][0]
    assert road["status"] == "terminated"  # handed over, every termin paid
    assert [m["status"] for m in road["milestones"]] == ["met"] * 3
    handover = road["implementation"]["documents"][0]["datePublished"]
    ends = _moment(road["period"]["endDate"])
    assert _moment(handover) <= ends  # finished on time: no late penalty
    last = max(road["implementation"]["transactions"], key=lambda t: t["date"])
    assert last["date"] > handover  # the last termin (its retention) after the handover
    figures = caller(client, "ppk-dsdabm").get("/api/v1/controlling/dashboard").get_json()
    rows = {row["code"]: row for row in figures["packages"]}
    assert "late" not in rows["PKT-2026-0001"]["flags"]
    assert not rows["PKT-2026-0001"].get("late_penalty")
    assert "late" in rows["PKT-2026-0003"]["flags"]  # the stalled one, on purpose
