"""e-Wadul with the Media Center: citizens' complaints, filed on the web, through the API
or Open311, or entered by the Media Center for other channels, routed to the offices
(OPD) by category and followed through the shared workflow to an answer and a rating."""

from __future__ import annotations

from pathlib import Path

import yaml
from flask import Flask

from queue_server.domain.workflow import Workflow
from queue_server.domain.workflow_data import parse_workflow

MODULE = "wadul"
# The intake office: its members verify, reject, merge and forward (the `desk` role).
DESK_OFFICE = "media-center"
WORKFLOW: Workflow = parse_workflow(
    MODULE, yaml.safe_load((Path(__file__).parent / "workflow.yaml").read_text("utf-8")))


def load(app: Flask) -> None:
    """Register e-Wadul's tables, routes, pages, case kind and demo data with `app`."""
    from queue_server.eservices import register
    from queue_server.services.case_kinds import CaseKind

    from . import models  # noqa: F401  (its tables in the shared metadata)
    from .public import public_view

    register(app, "case_kinds", CaseKind(
        MODULE, WORKFLOW, DESK_OFFICE, public_view, "Pengaduan e-Wadul", "e-Wadul complaint",
        actions_path="/api/v1/wadul/reports/{code}/actions"))
