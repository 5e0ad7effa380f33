"""BPJS's demo data (the "demo" hook `serve --demo` runs after config/demo.yaml): the demo
puskesmas `pkm-demo` set up to report ("fkrtl"-style, so the whole task sequence shows),
its polis mapped to BPJS codes (Poli Umum UMU, Poli Gigi GIG, KIA KIA; demo_data), the
registration desk and the pharmacy, and the hosted account `mobilejkn` with the demo
password. Idempotent: a facility already set up is left as it is."""

from __future__ import annotations

import os
from typing import Any

from .config import facility_setup
from .demo_data import DEMO_FACILITY, DEMO_LEVEL
from .demo_setup import write_demo_setup
from .demo_visits import load_demo_visits


def load_demo(app: Any) -> None:
    """Set up `pkm-demo` for BPJS unless it is set up already (or not loaded), then
    yesterday's demo visits for the outbox to report (demo_visits)."""
    rt = app.extensions["antrian"]
    with rt.uow() as uow:
        facility = uow.directory.facility(DEMO_FACILITY)
        if facility is None:
            return
        if facility_setup(uow, facility.id) is None:
            password = os.environ.get("ANTRIAN_DEMO_PASSWORD", "demo")
            write_demo_setup(uow, facility.id, DEMO_LEVEL, password)
            uow.commit()
    load_demo_visits(app)
