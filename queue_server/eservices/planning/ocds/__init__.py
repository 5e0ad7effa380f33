"""The planning chain's Open Contracting part: every change of a contracting process (a
work package) published as an OCDS 1.1.5 release (`publish.publish`, called by the other
parts), and the public feed `/api/v1/ocds/releases` and records `/api/v1/ocds/records/
{ocid}`. Settings (app config, environment): `OCDS_PREFIX` (`ANTRIAN_OCDS_PREFIX`, default
`ocds-sby000`), `OCDS_PUBLISHER`, `OCDS_LICENSE`, `OCDS_PUBLICATION_POLICY`,
`OCDS_PROCUREMENT_OFFICE`, `OCDS_TREASURY_OFFICE`; see docs/ocds.md."""

from __future__ import annotations

import os

from flask import Flask

from . import errors as errors  # the named errors register before the API document is built
from .ids import DEFAULT_PREFIX, PREFIX_ENV, PREFIX_KEY
from .settings import DEFAULTS


def load(app: Flask) -> None:
    """Register this part's table, settings (defaults unless set) and routes with `app`."""
    from . import api, models  # noqa: F401  (its table in the metadata)

    app.config.setdefault(PREFIX_KEY, os.environ.get(PREFIX_ENV) or DEFAULT_PREFIX)
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, os.environ.get(f"ANTRIAN_{key}") or value)
    app.config.setdefault("OCDS_PUBLICATION_POLICY",
                          os.environ.get("ANTRIAN_OCDS_PUBLICATION_POLICY") or None)
    app.extensions["antrian.api"].register_blueprint(api.blp)
