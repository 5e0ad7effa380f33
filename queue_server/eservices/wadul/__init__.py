"""e-Wadul with the Media Center: citizens' complaints, filed on the web, through the API
or Open311, or entered by the Media Center for other channels, routed to the offices
(OPD) by category and followed through the shared workflow to an answer and a rating."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from queue_server.domain.workflow import Workflow
from queue_server.domain.workflow_data import parse_workflow
from queue_server.services.yaml_text import read_yaml

MODULE = "wadul"
# The intake office: its members verify, reject, merge and forward (the `desk` role).
DESK_OFFICE = "media-center"
WORKFLOW: Workflow = parse_workflow(
    MODULE, read_yaml(Path(__file__).parent / "workflow.yaml"))

# The named errors register on import, before the API document (and its error table) is built.
from . import citizen as citizen  # noqa: E402
from . import domain as domain  # noqa: E402
from . import open311_errors as open311_errors  # noqa: E402


def load(app: Flask) -> None:
    """Register e-Wadul's tables, routes, pages, case kind and demo data with `app`."""
    from queue_server.eservices import register
    from queue_server.services.case_kinds import CaseKind

    from . import models  # noqa: F401  (its tables in the shared metadata)
    from .actions import owner_facts
    from .public import public_view

    register(app, "case_kinds", CaseKind(
        MODULE, WORKFLOW, DESK_OFFICE, public_view, "Pengaduan e-Wadul", "e-Wadul complaint",
        actions_path="/api/v1/wadul/reports/{code}/actions", owner_facts=owner_facts,
        staff_path="/wadul/kasus/{ref}"))
    _load_api(app)
    from .open311 import register_open311

    register_open311(app)
    from .pages import register_pages  # the citizen and staff pages (/wadul...)

    register_pages(app)


def _load_api(app: Flask) -> None:
    """e-Wadul's API routes, in the one OpenAPI document; its demo data hook."""
    from queue_server.eservices import register
    from queue_server.settings_read import rate

    from . import api, api_staff  # noqa: F401  (api_staff adds its routes to api.blp)
    from .demo import load_demo

    # Every request counts, refused ones too (a typo, a missing field): a citizen may
    # need a few tries, and a whole kampung's phones share one address behind their
    # carrier's NAT. Flooding is bounded by this, a case's phone code, and the sweep
    # dropping cases never confirmed.
    app.config.setdefault("WADUL_LIMIT_PER_ADDRESS", rate(
        "ANTRIAN_WADUL_LIMIT_PER_ADDRESS", "60 per hour;300 per day"))
    # An Open311 client files for many citizens from one address: counted per API key.
    app.config.setdefault("OPEN311_LIMIT_PER_KEY", rate(
        "ANTRIAN_OPEN311_LIMIT_PER_KEY", "60 per minute;2000 per day"))
    app.extensions["antrian.api"].register_blueprint(api.blp)
    register(app, "demo", load_demo)
