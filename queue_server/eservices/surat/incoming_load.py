"""e-Surat's incoming register: tables, routes, pages, case kind, demo."""

from __future__ import annotations

from typing import Any

from flask import Flask

# The named errors register on import, before the API document (and its error table) is built.
from . import incoming_errors as incoming_errors


def _no_public_view(uow: Any, case: Any) -> None:
    """A letter is never shown on the tracking page `/c/{code}`: it has no citizen owner."""
    return None


def load_incoming(app: Flask) -> None:
    """Register the incoming letters' part of e-Surat with `app`: the case kind
    (`surat`/`incoming` on workflow_incoming.yaml), the API, the pages, the demo hook."""
    from queue_server.eservices import register
    from queue_server.services.case_kinds import CaseKind

    from . import MODULE, models  # noqa: F401  (its tables in the shared metadata)
    from .incoming import KIND, WORKFLOW

    register(app, "case_kinds", CaseKind(
        MODULE, WORKFLOW, None, _no_public_view, "Surat masuk", "Incoming letter",
        staff_path="/surat/{ref}", kind=KIND))
    from . import api_dispositions, api_incoming  # noqa: F401  (routes on api_incoming.blp)
    from .demo_in import load_demo_incoming

    app.extensions["antrian.api"].register_blueprint(api_incoming.blp)
    register(app, "demo", load_demo_incoming)
    from .pages_incoming import register_pages_incoming

    register_pages_incoming(app)
