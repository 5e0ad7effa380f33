"""SSW's tables, API routes, case kind, demo data and sweep hook."""

from __future__ import annotations

from flask import Flask

from queue_server.settings_read import rate

from . import errors as errors  # the named errors register before the API document is built


def load_api(app: Flask) -> None:
    """Register SSW's API part with `app`: its tables, the case kind (workflow, intake
    office dpmptsp, the owner's view on /c/{code}), the blueprint, the demo hook and the
    renewal reminders run by the case sweep ("sweeps" hook)."""
    from queue_server.eservices import register
    from queue_server.services.case_kinds import CaseKind

    from . import DESK_OFFICE, MODULE, api, api_staff, models  # noqa: F401  (its tables in the metadata)  # noqa: F401  (api_staff adds its routes to api.blp)
    from .decisions import permit_page
    from .demo import load_demo
    from .flow import WORKFLOW
    from .public import public_view
    from .reminders import sweep_reminders

    register(app, "case_kinds", CaseKind(
        MODULE, WORKFLOW, DESK_OFFICE, public_view, "Permohonan izin SSW",
        "SSW permit application", staff_path="/ssw/kasus/{ref}"))
    app.config.setdefault("SSW_LIMIT_PER_ADDRESS", rate(
        "ANTRIAN_SSW_LIMIT_PER_ADDRESS", "30 per hour;100 per day"))
    app.extensions["antrian.api"].register_blueprint(api.blp)
    register(app, "demo", load_demo)
    register(app, "sweeps", sweep_reminders)
    register(app, "document_revokers", permit_page)
