"""The planning chain's musrenbang part (see queue_server/eservices/planning): the yearly
cycle with dated phases, the catalogue (kamus usulan), RW proposals within ceilings
verified by kelurahan, kecamatan forum and the responsible office, the ranking within each
kelurahan's ceiling, the kecamatan forum's minutes, and the public pages."""

from __future__ import annotations

from flask import Flask


def load(app: Flask) -> None:
    """Register this part's tables, case kind (module `planning`, kind `proposal`), API
    blueprint, pages, demo data and the automatic ranking at the results phase (the
    case sweep's "sweeps" hook)."""
    from queue_server.eservices import register
    from queue_server.services.case_kinds import CaseKind
    from queue_server.services.documents import DocumentAccess

    from . import api, api_agency, api_staff, errors, models  # noqa: F401  (routes, errors)
    from .demo import load_demo
    from .flow import KIND, MODULE, WORKFLOW
    from .lapse import sweep_lapsed
    from .minutes import may_read_document
    from .pages import register_pages
    from .ranking import sweep_ranking
    from .views import case_view

    register(app, "case_kinds", CaseKind(
        MODULE, WORKFLOW, None, case_view, "Usulan Musrenbang", "Musrenbang proposal",
        staff_path="/musrenbang/usulan/{ref}", kind=KIND))
    app.extensions["antrian.api"].register_blueprint(api.blp)
    register_pages(app)
    register(app, "demo", load_demo)
    register(app, "sweeps", sweep_ranking)
    register(app, "sweeps", sweep_lapsed)  # pending proposals past their phase (fix 18I)
    register(app, "document_access", DocumentAccess(MODULE, may_read_document))
