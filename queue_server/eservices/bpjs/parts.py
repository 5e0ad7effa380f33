"""The module's parts, registered in order: configuration (service roles, poli codes,
accounts; the demo), the hosted web service, the fake BPJS (demo and tests), the outbox
(its loop and the reconciliation view)."""

from __future__ import annotations

from flask import Flask


def load_parts(app: Flask) -> None:
    """Each part's `load_*` with `app`."""
    from .config_load import load_config
    from .fake_load import load_fake
    from .outbox_load import load_outbox
    from .ws_load import load_ws

    load_config(app)
    load_ws(app)
    load_fake(app)
    load_outbox(app)
