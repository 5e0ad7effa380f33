"""A local fake of BPJS's Antrean Online web service (antreanrs), for tests and the
demo: it checks signatures, keeps antrean and task times in memory, refuses what BPJS
refuses (out-of-order task ids, times not increasing, duplicates answered 208), answers
encrypted as the real one does, and fails or holds calls on demand.

`create_fake(...)` is a Flask app serving it at its root; `fake_blueprint(...)` the same
routes to mount elsewhere (the demo mounts it under `/_fake-bpjs`, see fake_load.py);
`python -m queue_server.eservices.bpjs.fake --port P --cons-id … --secret … --user-key …`
runs it alone."""

from __future__ import annotations

import time
from collections.abc import Callable

from flask import Blueprint, Flask

from .controls import control_routes
from .routes import Fake, Keys, bpjs_routes
from .state import FakeState

STATE_KEY = "bpjs_fake_state"


def fake_blueprint(cons_id: str, secret: str, user_key: str, *, name: str = "bpjs_fake",
                   clock: Callable[[], float] = time.time, strict_user_key: bool = True,
                   state: FakeState | None = None) -> Blueprint:
    """The fake's routes on a new blueprint; its state is `blueprint.fake_state`.
    `clock` gives Unix seconds (the signature's timestamp is checked against it)."""
    state = state if state is not None else FakeState()
    blp = Blueprint(name, __name__)
    fake = Fake(Keys(cons_id, secret, user_key, strict_user_key), state, clock)
    bpjs_routes(blp, fake)
    control_routes(blp, state)
    blp.fake_state = state  # type: ignore[attr-defined]
    return blp


def create_fake(cons_id: str, secret: str, user_key: str,
                clock: Callable[[], float] = time.time) -> Flask:
    """A Flask app that is a fake BPJS at its root (`/antrean/add` …); its state is
    `app.extensions["bpjs_fake_state"]`."""
    app = Flask(__name__)
    blp = fake_blueprint(cons_id, secret, user_key, clock=clock)
    app.register_blueprint(blp)
    app.extensions[STATE_KEY] = blp.fake_state  # type: ignore[attr-defined]
    return app
