"""`python -m tests.support.demo_seed serve --demo ...`: the real `serve --demo` start-up
(`queue_server`'s own command line, unchanged: schema upgrade, config/demo.yaml, every
module's demo data) that leaves instead of serving. The database it leaves is a
template (tests/support/demo_template.py) that test servers start on a copy of.

Launched with the BPJS outbox loop off (`ANTRIAN_BPJS_SEND_SECONDS=0`): the demo's
visits wait in the outbox as a fresh `serve --demo` leaves them before it serves, not
marked as failed sends to a server that never listened. Never used outside tests."""

from __future__ import annotations

from gevent import monkey

monkey.patch_all()  # as queue_server/__main__.py does for `serve`

import os  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

from queue_server import cli  # noqa: E402


def _leave(app: Any, host: str, port: int) -> None:
    """In place of the serving loop: close the database's pool, serve nothing."""
    app.extensions["antrian"].engine.dispose()


if __name__ == "__main__":
    cli._serve_gevent = _leave  # type: ignore[assignment]
    code = cli.main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # the background loops (day close, case sweep) end with the process
