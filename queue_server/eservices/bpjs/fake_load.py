"""Registers the fake part of the BPJS module (owner: helper B, issue 19): when app
config `BPJS_FAKE` is set (the demo), a fake BPJS (fake/) is mounted on the app's own
server under FAKE_PREFIX, accepting the app's own `BPJS_CONS_ID`, `BPJS_SECRET` and
`BPJS_USER_KEY`, so the outbox has somewhere to send without reaching BPJS."""

from __future__ import annotations

import logging

from flask import Flask

FAKE_PREFIX = "/_fake-bpjs"
log = logging.getLogger("antrian.bpjs")


def load_fake(app: Flask) -> None:
    """Mount the fake BPJS under FAKE_PREFIX when `BPJS_FAKE` is set and the credentials
    are there (a warning and nothing mounted otherwise). The app's server drops the
    `user_key` header (it has an underscore), so the mounted fake does not require it;
    the signature and cons id are still checked."""
    if not app.config.get("BPJS_FAKE"):
        return
    cons_id, secret, user_key = (str(app.config.get(name) or "") for name in
                                 ("BPJS_CONS_ID", "BPJS_SECRET", "BPJS_USER_KEY"))
    if not (cons_id and secret and user_key):
        log.warning("BPJS_FAKE is set but BPJS_CONS_ID, BPJS_SECRET or BPJS_USER_KEY is "
                    "missing: the fake BPJS is not mounted")
        return
    from .fake import fake_blueprint

    app.register_blueprint(fake_blueprint(cons_id, secret, user_key, strict_user_key=False),
                           url_prefix=FAKE_PREFIX)
