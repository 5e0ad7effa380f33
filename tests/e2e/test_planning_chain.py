"""The planning-to-delivery chain end to end on a real server process, over HTTP as its
real users, on data made here (a cycle of its own budget year, catalogue item, areas and
ceilings): an RW's proposal verified by the kelurahan, the kecamatan forum (minutes) and
the office, ranked within the ceiling; a budget line approved; a tender-sized package;
a tender published, bid on, evaluated, awarded, its complaint period (sanggah) over;
award letter, contract, notice to proceed; monthly progress to 100 % with photos
approved by the PPK; two termins invoiced, approved and paid; the handover. Then the
controlling dashboard (JSON and CSV), the proposal's and the package's public pages and
the OCDS record (valid, its releases merged equal to its compiled release) say so.

The chain's rules are dated (the cycle's phases, the bid deadline, five working days of
sanggah, months of progress), so the server runs with its clock moved by the test
(tests/support/shifted_serve.py: the server's own command, its `SystemClock` shifted by
seconds read from a file), set to 10:00 in Surabaya on each step's day. On SQLite: the
same test passes on PostgreSQL (tried with the `pg_database` fixture) but adds about 30 s, a
second server start with the demo, for rules other tests already run on both."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import ocdsmerge  # type: ignore[import-untyped]
import pytest

from tests.support.demo_template import DemoDatabases
from tests.support.ocds_chain import errors_of, schema
from tests.support.servers import server_process
from tests.support.walk import CITY, Walk, first_of, months

PASSWORD = "rahasia-demo"
PRICE = 1_500_000  # the catalogue item's unit price, rupiah per metre
METRES = 200  # the proposal's quantity: Rp 300 juta, above the direct limit (a tender)
BID = 285_000_000


@pytest.fixture
def walk(tmp_path: Path, demo_databases: DemoDatabases) -> Iterator[Walk]:
    shift = tmp_path / "clock-shift"
    shift.write_text("0")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'antrian.db'}",
           "SECRET_KEY": "e2e", "ANTRIAN_DEMO_PASSWORD": PASSWORD,
           "ANTRIAN_DEMO_KIOSK_TOKEN": "kiosk-e2e", "ANTRIAN_TEST_CLOCK_SHIFT": str(shift)}
    with demo_databases.copy(env) as env, \
            server_process(env, "--demo", log_path=tmp_path / "server.log",
                           module="tests.support.shifted_serve") as base:
        yield Walk(base, shift, PASSWORD)


def propose(walk: Walk, start: date, year: int) -> str:
    """The agency opens the cycle (five 3-day phases from `start`) with its catalogue
    item, areas and ceilings; rw01 proposes; answers the proposal's ref."""
    phases = {code: {"starts": (start + timedelta(days=3 * n)).isoformat(),
                     "ends": (start + timedelta(days=3 * n + 2)).isoformat()}
              for n, code in enumerate(("submission", "kelurahan", "kecamatan", "office",
                                        "results"))}
    walk.at(start - timedelta(days=1))  # the catalogue is set before submission opens
    walk.call("bappeda", "POST", "/musrenbang/cycles",
              {"year": year, "phases": phases, "rw_ceiling": 400_000_000}, status=201)
    walk.call("bappeda", "PUT", "/musrenbang/areas", {"areas": [
        {"rw": f"kel-kedungdoro-rw0{n}", "kelurahan": "kel-kedungdoro",
         "kecamatan": "kec-tegalsari"} for n in (1, 2, 3)]})
    walk.call("bappeda", "PUT", f"/musrenbang/cycles/{year}/items", {
        "csv": "code,name,unit,unit_price,office,category\n"
               f"SAL-E2E,Saluran tepi jalan beton,m,{PRICE},dsdabm,Jalan dan saluran\n"})
    walk.at(start)
    walk.call("bappeda", "PUT", f"/musrenbang/cycles/{year}/ceilings", {"ceilings": [
        {"office": "kel-kedungdoro", "amount": 350_000_000}]})
    made = walk.call("rw01", "POST", f"/musrenbang/cycles/{year}/proposals", {
        "item": "SAL-E2E", "quantity": str(METRES), "location": "Jl. Kedungdoro Gg. V",
        "justification": "Genangan tiap hujan."}, status=201)
    return str(made["ref"])


def verify(walk: Walk, start: date, year: int, ref: str) -> None:
    """Kelurahan, kecamatan forum (with its minutes), the office; then the ranking."""
    act = f"/musrenbang/proposals/{ref}/actions"
    walk.call("kelurahan", "POST", act, {"action": "verify", "comment": "Lokasi sesuai."})
    walk.at(start + timedelta(days=6))
    walk.call("kecamatan", "POST", act, {"action": "forum", "comment": "Disepakati forum."})
    walk.call("kecamatan", "POST", f"/musrenbang/cycles/{year}/minutes", {
        "held_on": (start + timedelta(days=6)).isoformat(),
        "attendees": ["Camat Tegalsari", "Lurah Kedungdoro", "Ketua RW 01"]}, status=201)
    walk.at(start + timedelta(days=9))
    walk.call("kelurahan", "POST", act, {"action": "accept", "comment": "-"}, status=403)
    walk.call("opd", "POST", act, {"action": "accept", "comment": "Layak."})
    walk.at(start + timedelta(days=12))
    walk.call("bappeda", "POST", f"/musrenbang/cycles/{year}/ranking")
    proposal = walk.call(None, "GET", f"/musrenbang/proposals/{ref}")
    assert (proposal["state"], proposal["within_ceiling"]) == ("accepted", True), proposal


def budget(walk: Walk, year: int, ref: str) -> int:
    """Standard cost, the office's ceiling, the line from the proposal, approved."""
    walk.call("bappeda", "PUT", "/budgeting/standard-costs", {
        "year": year, "csv": f"code,name,unit,price\nSSH.E2E,Saluran beton,m,{PRICE}\n"})
    walk.call("bappeda", "PUT", "/budgeting/ceilings",
              {"year": year, "office": "dsdabm", "amount": 2_000_000_000})
    line = walk.call("opd", "POST", "/budgeting/lines", {
        "office": "dsdabm", "code": "1.03.10.2.01.0099.5.1.02.01.01.0024", "proposal": ref,
        "standard_cost": "SSH.E2E"}, status=201)
    assert line["amount"] == PRICE * METRES and line["flags"] == [], line
    walk.call("bappeda", "POST", f"/budgeting/lines/{line['id']}/decision", {"approve": True})
    return int(line["id"])


def package(walk: Walk, line: int, first: date) -> str:
    """A tender-sized package over three months, planned."""
    m1, m2, m3 = months(first, 3)
    made = walk.call("opd", "POST", "/projects/packages", {
        "line": line, "title": "Saluran beton Jl. Kedungdoro Gg. V", "value": PRICE * METRES,
        "category": "works", "starts": first.isoformat(),
        "ends": (first_of(first, 3) - timedelta(days=1)).isoformat(),
        "payment_plan": [{"termin": 1, "percent": 50, "month": m2},
                         {"termin": 2, "percent": 50, "month": m3}],
        "plan": [{"month": m1, "percent": 30}, {"month": m2, "percent": 70},
                 {"month": m3, "percent": 100}]}, status=201)
    assert made["method"] == "tender", made
    walk.call("opd", "POST", f"/projects/packages/{made['code']}/actions", {"action": "plan"})
    return str(made["code"])


def tender(walk: Walk, day: date, code: str) -> date:
    """UKPBJ opens and publishes the tender (a retried publish is the same), the provider
    bids, UKPBJ evaluates and awards after the deadline; answers the last sanggah day."""
    walk.at(day)
    made = walk.call("pokja", "POST", "/procurement/tenders", {"package": code})
    path = f"/procurement/tenders/{made['code']}"
    deadline = datetime.combine(day + timedelta(days=7), time(16), CITY).isoformat()
    for _ in range(2):
        walk.call("pokja", "POST", f"{path}/publish", {"bid_deadline": deadline})
    bid = walk.call("penyedia", "POST", f"{path}/bids", {"amount": BID})
    walk.at(day + timedelta(days=8))
    bid_id = bid["bids"][0]["id"]
    walk.call("pokja", "POST", f"{path}/evaluations", {"bid": bid_id, "passed": True,
                                                       "score": 88})
    awarded = walk.call("pokja", "POST", f"{path}/award", {"bid": bid_id})
    assert awarded["state"] == "awarded", awarded
    walk.call("ppk-dsdabm", "POST", f"/delivery/contracts/{code}/award-letter", status=409)
    return date.fromisoformat(awarded["complaints_until"])


def contract(walk: Walk, day: date, code: str, first: date) -> int:
    """Award letter, contract (termins from the payment plan), notice to proceed;
    answers the contract's id."""
    walk.at(day)
    path = f"/delivery/contracts/{code}"
    walk.call("ppk-dsdabm", "POST", f"{path}/award-letter")
    signed = walk.call("ppk-dsdabm", "POST", f"{path}/sign", {
        "starts": first.isoformat(), "ends": (first_of(first, 3) - timedelta(days=1))
        .isoformat()})
    assert [t["amount"] for t in signed["termins"]] == [BID // 2, BID // 2], signed
    walk.call("ppk-dsdabm", "POST", f"{path}/start")
    facts = walk.call("ppk-dsdabm", "GET", f"/controlling/packages/{code}")
    return int(facts["contract"]["id"])


def build(walk: Walk, code: str, contract_id: int, first: date) -> None:
    """Three months of progress (30, 70, 100 %) approved by the PPK; termin 1 invoiced,
    approved and paid after the second month, termin 2 after the third; the handover."""
    path = f"/delivery/contracts/{code}"
    for n, (month, percent) in enumerate(zip(months(first, 3), (30, 70, 100), strict=True)):
        walk.at(first_of(first, n) + timedelta(days=20))
        sent = walk.report("penyedia", contract_id, month, percent, BID * percent // 100)
        decide = f"/controlling/reports/{sent['id']}/decision"
        walk.call("pokja", "POST", decide, {"decision": "approve"}, status=403)
        walk.call("ppk-dsdabm", "POST", decide, {"decision": "approve"})
        if n == 0:
            walk.call("penyedia", "POST", f"{path}/invoices", {"termin": 1, "number": "X"},
                      status=409)  # 30 % is below the first termin's progress
            continue
        invoiced = walk.call("penyedia", "POST", f"{path}/invoices",
                             {"termin": n, "number": f"INV/CKM/{n}"})
        invoice = invoiced["invoices"][-1]["id"]
        walk.call("ppk-dsdabm", "POST", f"{path}/invoices/{invoice}/decision",
                  {"approve": True})
        walk.call("bpkad", "POST", f"{path}/invoices/{invoice}/payment",
                  {"reference": f"SP2D/{n:04d}"})
    done = walk.call("ppk-dsdabm", "POST", f"{path}/handover")
    assert done["state"] == "handed_over" and done["paid"] == BID, done


def test_a_proposal_becomes_finished_paid_work_published_as_ocds(walk: Walk) -> None:
    start = datetime.now(CITY).date()
    year = start.year + 1
    first = max(first_of(start, 3), date(year, 1, 1))
    ref = propose(walk, start, year)
    verify(walk, start, year, ref)
    code = package(walk, budget(walk, year, ref), first)
    last_sanggah = tender(walk, start + timedelta(days=12), code)
    contract_id = contract(walk, last_sanggah + timedelta(days=1), code, first)
    build(walk, code, contract_id, first)
    dashboard_says(walk, code, months(first, 3)[-1])
    pages_say(walk, ref, code)
    ocds_says(walk, code)


def dashboard_says(walk: Walk, code: str, month: str) -> None:
    """The controlling dashboard, JSON and CSV: the package at 100 % of 100 % planned
    in its last month, paid in full, no flag."""
    board = walk.call("bappeda", "GET", "/controlling/dashboard")
    row = next(r for r in board["packages"] if r["code"] == code)
    assert (row["month"], row["planned"], row["actual"], row["deviation"], row["paid"],
            row["contract_state"], row["flags"]) == (
        month, 100.0, 100.0, 0.0, BID, "handed_over", []), row
    table = csv.DictReader(io.StringIO(
        walk.text("/api/v1/controlling/dashboard?format=csv", "bappeda")))
    line = next(r for r in table if r["code"] == code)
    # The money columns are named in words (paid is not the provider's reported spending).
    assert (line["actual"], line["Dibayar (Rp)"], line["flags"]) == ("100.0", str(BID), ""), line


def words(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def pages_say(walk: Walk, ref: str, code: str) -> None:
    """The proposal's public page follows it to finished work with two paid termins;
    the public package page draws planned against actual progress month by month."""
    said = words(walk.text(f"/musrenbang/usulan/{ref}"))
    assert f"{code} " in said and "selesai" in said, said
    assert "dibayar Rp 285.000.000 (2 termin)" in said and "progres fisik 100 %" in said
    page = walk.text(f"/pembangunan/{code}")
    assert f"/pembangunan/{code}/kurva.svg" in page
    assert walk.text(f"/pembangunan/{code}/kurva.svg").lstrip().startswith(("<?xml", "<svg"))
    public = walk.call(None, "GET", f"/controlling/public/packages/{code}")
    assert [(c["planned"], c["actual"]) for c in public["curve"]] == [
        (30.0, 30.0), (70.0, 70.0), (100.0, 100.0)]
    assert (public["contract"]["termins_paid"], public["contract"]["paid"]) == (2, BID)


def ocds_says(walk: Walk, code: str) -> None:
    """The package's OCDS record and each release validate against OCDS 1.1.5; the
    releases merged by ocdsmerge equal the served compiled release."""
    ocid = walk.call("opd", "GET", f"/projects/packages/{code}")["ocid"]
    package = walk.call(None, "GET", f"/ocds/records/{ocid}")
    assert errors_of("record-package-schema.json", package) == []
    record = package["records"][0]
    tags = [tag for release in record["releases"] for tag in release["tag"]]
    assert {"planning", "tender", "award", "contract", "implementation"} <= set(tags), tags
    for release in record["releases"]:
        assert errors_of("release-schema.json", release) == [], release["id"]
    merger = ocdsmerge.Merger(schema=schema("dereferenced-release-schema.json"))
    merged = merger.create_compiled_release(record["releases"])
    compiled = record["compiledRelease"]
    assert bare(merged) == bare(compiled)
    contract = compiled["contracts"][0]
    assert compiled["awards"][0]["value"]["amount"] == BID
    assert sum(t["value"]["amount"] for t in contract["implementation"]["transactions"]) == BID


def bare(release: dict[str, Any]) -> dict[str, Any]:
    """A release without what only a release has (its id, date and tags)."""
    return {k: v for k, v in release.items() if k not in ("id", "date", "tag")}
