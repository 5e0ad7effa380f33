"""e-Surat's outgoing letters: routes, pages, case kind, demo."""

from __future__ import annotations

from typing import Any

from flask import Flask

# The named errors register on import, before the API document (and its error table) is built.
from . import outgoing_errors as outgoing_errors


def _no_public_view(uow: Any, case: Any) -> None:
    """A letter is never shown on the tracking page `/c/{code}`: it has no citizen owner."""
    return None


def load_outgoing(app: Flask) -> None:
    """Register the outgoing letters' part of e-Surat with `app`: the case kind
    (kind `outgoing`, workflow_outgoing.yaml), the API, the pages and the demo hook."""
    from queue_server.eservices import register
    from queue_server.services.case_kinds import CaseKind

    from . import MODULE
    from .api_outgoing import blp
    from .demo_out import load_demo_out
    from .outgoing import KIND, WORKFLOW
    from .pages_outgoing import register_pages

    register(app, "case_kinds", CaseKind(
        MODULE, WORKFLOW, None, _no_public_view, "Surat keluar", "Outgoing letter",
        staff_path="/surat/{ref}", kind=KIND))
    app.extensions["antrian.api"].register_blueprint(blp)
    register_pages(app)
    register(app, "demo", load_demo_out)
