"""`python -m queue_server.eservices.bpjs.fake --host H --port P --cons-id … --secret …
--user-key …`: a fake BPJS alone on a threaded Werkzeug server (tests, the demo)."""

from __future__ import annotations

import argparse

from . import create_fake
from .serving import fake_server


def main(argv: list[str] | None = None) -> None:
    """Parse the options and serve until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m queue_server.eservices.bpjs.fake",
                                     description="A local fake BPJS Antrean Online.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8089)
    parser.add_argument("--cons-id", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--user-key", required=True)
    options = parser.parse_args(argv)
    app = create_fake(options.cons_id, options.secret, options.user_key)
    server = fake_server(app, options.host, options.port)
    print(f"fake BPJS on http://{options.host}:{server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
