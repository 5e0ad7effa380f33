"""Registers the config part of the BPJS module (owner: helper D, issue 19): the app
config BPJS's parts read, the setup API (`/api/v1/bpjs/facilities/{f}`,
`/api/v1/bpjs/accounts/{u}`) and the demo's setup.

App config (README "BPJS Antrean Online"), each from the environment `ANTRIAN_<NAME>`:
`BPJS_BASE_URL` (BPJS's antrean web service, e.g.
https://apijkn.bpjs-kesehatan.go.id/antreanrs; empty = nothing is sent), `BPJS_CONS_ID`,
`BPJS_SECRET`, `BPJS_USER_KEY` (the facility's credentials from BPJS: never logged nor
answered), `BPJS_SEND_SECONDS` (seconds between outbox rounds, 5, a fraction allowed;
0 = off, the default under TESTING), `BPJS_RETRY_FIRST_SECONDS` (a call BPJS did not
answer is sent again after this long, 10, then twice as long each time up to 30 min),
`BPJS_TOKEN_MINUTES` (life of a hosted service token, 60), `BPJS_FAKE` (mount the fake
BPJS under /_fake-bpjs: the demo)."""

from __future__ import annotations

import os
from collections.abc import Mapping

from flask import Flask

from queue_server.settings_read import number, whole

from .fake_load import FAKE_PREFIX

# The demo's credentials for its own fake BPJS (nothing real is reached).
DEMO_CREDENTIALS = {"BPJS_CONS_ID": "demo-cons", "BPJS_SECRET": "demo-secret",
                    "BPJS_USER_KEY": "demo-user-key"}
SECRETS = ("BPJS_CONS_ID", "BPJS_SECRET", "BPJS_USER_KEY")
_TRUE = ("1", "true", "yes", "on")


def own_url(address: object) -> str | None:
    """The URL a server listening on `address` ((host, port), `serve --demo` gives it as
    DEMO_ADDRESS) calls itself at: a wildcard host is reached on loopback."""
    if not isinstance(address, tuple | list) or len(address) != 2:
        return None
    host, port = str(address[0]), int(address[1])
    host = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
    return f"http://{f'[{host}]' if ':' in host else host}:{port}"


def bpjs_defaults(config: Mapping[str, object], environ: Mapping[str, str]) -> dict[str, object]:
    """The BPJS app config `config` lacks, from `environ`: under TESTING the outbox loop is
    off unless ANTRIAN_BPJS_SEND_SECONDS says otherwise; a demo (`DEMO` with
    `DEMO_ADDRESS`, where `serve --demo` listens) sends to its own fake BPJS, mounted on
    the demo server under /_fake-bpjs, with made-up credentials. Raises
    queue_server.settings_read.BadSetting for a number the setting cannot take (a first
    retry of 0 s, a token's life of 0 minutes, a word where seconds go)."""
    testing = bool(config.get("TESTING"))
    found: dict[str, object] = {
        "BPJS_BASE_URL": environ.get("ANTRIAN_BPJS_BASE_URL", "").strip().rstrip("/"),
        "BPJS_SEND_SECONDS": number("ANTRIAN_BPJS_SEND_SECONDS", 0 if testing else 5,
                                    environ=environ),
        "BPJS_RETRY_FIRST_SECONDS": number("ANTRIAN_BPJS_RETRY_FIRST_SECONDS", 10, above=True,
                                           environ=environ),
        "BPJS_TOKEN_MINUTES": whole("ANTRIAN_BPJS_TOKEN_MINUTES", 60, least=1, environ=environ),
        "BPJS_FAKE": environ.get("ANTRIAN_BPJS_FAKE", "").strip().lower() in _TRUE,
    }
    for name in SECRETS:
        found[name] = environ.get(f"ANTRIAN_{name}", "")
    own = own_url(config.get("DEMO_ADDRESS")) if config.get("DEMO") else None
    if own is not None and not found["BPJS_BASE_URL"]:
        found["BPJS_FAKE"] = True
        found["BPJS_BASE_URL"] = f"{own}{FAKE_PREFIX}"
        found.update(DEMO_CREDENTIALS)
    return found


def load_config(app: Flask) -> None:
    """Set the BPJS app config defaults, register the setup API and the demo's setup."""
    for name, value in bpjs_defaults(app.config, os.environ).items():
        app.config.setdefault(name, value)
    from queue_server.eservices import register

    from .config_api import blp
    from .demo import load_demo

    app.extensions["antrian.api"].register_blueprint(blp)
    register(app, "demo", load_demo)
