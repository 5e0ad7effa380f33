"""The planning chain's screens in Chromium over the demo's rows (e-Musrenbang through
e-Controlling, loaded part after part as `serve --demo` does), at 1366×900: the public
Musrenbang page with its ranking, a proposal's public page followed to finished, paid
work, the budget, package, tender, contract and controlling pages of their staff, the
public package page, and the RW chair's proposal form. Each page keeps its strict
Content-Security-Policy (enforced) and passes axe-core WCAG 2.1 A/AA. The screenshots go
into the test artifacts folder every run, and into docs/ (the README's) only when asked
(`ANTRIAN_SCREENSHOTS=1`; CI runs never rewrite docs/)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy import select

from queue_server.eservices.planning.budgeting import demo as budgeting_demo
from queue_server.eservices.planning.budgeting.models import BudgetLine
from queue_server.eservices.planning.controlling import demo as controlling_demo
from queue_server.eservices.planning.delivery import demo as delivery_demo
from queue_server.eservices.planning.musrenbang import demo as musrenbang_demo
from queue_server.eservices.planning.musrenbang.models import MusrenbangProposal
from queue_server.eservices.planning.procurement import demo as procurement_demo
from queue_server.eservices.planning.project import demo as project_demo
from queue_server.eservices.planning.project.models import ProjectPackage
from queue_server.persistence.uow import SqlUnitOfWork
from tests.browser.test_accessibility import TODAY
from tests.browser.test_wadul import clean, person  # noqa: F401  (fixture)
from tests.integration.test_musrenbang_support import set_up

pytestmark = pytest.mark.sqlite_only("screens of the demo's rows; one database is enough")
DOCS = Path(__file__).resolve().parents[2] / "docs"
SHOTS = os.environ.get("ANTRIAN_SCREENSHOTS") == "1"
PARTS = (musrenbang_demo, budgeting_demo, project_demo, procurement_demo, delivery_demo,
         controlling_demo)


def finished(engine: Any) -> tuple[str, str]:
    """The demo's handed-over package and the proposal it came from: (ref, code)."""
    with SqlUnitOfWork(engine) as uow:
        found = uow.session.execute(
            select(MusrenbangProposal.ref, ProjectPackage.code)
            .join(BudgetLine, BudgetLine.proposal_id == MusrenbangProposal.id)
            .join(ProjectPackage, ProjectPackage.budget_line_id == BudgetLine.id)
            .where(ProjectPackage.state == "completed")).first()
    assert found is not None, "the demo hands over no package"
    return str(found[0]), str(found[1])


def signed_in(context: BrowserContext, url: str, username: str) -> Page:
    """`url` after signing in there as `username` (its sign-in form, axe-clean)."""
    page = context.new_page()
    page.goto(url)
    clean(page)
    page.fill("#username", username)
    page.fill("#password", "demo")
    page.click("main button[type=submit]")
    expect(page.locator("#username")).to_have_count(0)
    page.wait_for_load_state()
    return page


def shot(page: Page, name: str, folder: Path) -> None:
    """The page axe-clean, then its full-page screenshot `planning-{name}.png`."""
    clean(page)
    target = folder / f"planning-{name}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 20_000, target
    if SHOTS:
        shutil.copy(target, DOCS / target.name)


def test_the_chain_s_screens_for_the_readme(
        person: Callable[[], BrowserContext], app: Any, engine: Any,  # noqa: F811
        live_server: str, client: Any, artifacts: Path) -> None:
    for part in PARTS:
        part.load_demo(app)
    ref, code = finished(engine)
    public = person().new_page()
    public.goto(f"{live_server}/musrenbang")
    expect(public.locator("table.cases").first).to_be_visible()
    shot(public, "musrenbang", artifacts)
    public.goto(f"{live_server}/musrenbang/usulan/{ref}")
    expect(public.locator("h1")).to_contain_text(ref)
    expect(public.locator("main")).to_contain_text(code)
    shot(public, "usulan", artifacts)
    public.goto(f"{live_server}/pembangunan/{code}")
    expect(public.locator("img.chart")).to_have_js_property("complete", True)
    shot(public, "pembangunan", artifacts)
    for path, user, name in (("/anggaran", "bappeda", "anggaran"), ("/paket", "opd", "paket"),
                             ("/pengadaan", "pokja", "pengadaan"),
                             ("/kontrak", "ppk-dsdabm", "kontrak"),
                             ("/controlling", "bappeda", "controlling")):
        page = signed_in(person(), live_server + path, user)
        if name == "controlling":
            charts = page.locator("img.chart")
            for i in range(charts.count()):
                expect(charts.nth(i)).to_have_js_property("complete", True)
        shot(page, name, artifacts)
    set_up(client, TODAY, rw_ceiling=60_000_000)  # next year's cycle, submission open
    page = signed_in(person(), f"{live_server}/musrenbang/rw", "rw01")
    page.select_option("#item", "PJU")
    page.fill("#quantity", "3")
    page.fill("#location", "Jl. Kedungdoro Gg. III")
    expect(page.locator("#amount-said")).to_contain_text("Rp 19.500.000")
    shot(page, "rw", artifacts)
