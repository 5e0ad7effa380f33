"""`python -m kiosk --server URL --device-token-file FILE --printer URI ...`."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from . import options as settings
from .agent import create_agent
from .background import start_background

log = logging.getLogger("kiosk")


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line (and environment), start the agent; returns the exit status.

    Exits with status 2 and a message on a bad printer URI, a missing device token, or a
    secret file that other users can read."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    options, args = settings.parse(argv)
    if args.device_token or args.staff_pin:
        log.warning("--device-token / --staff-pin are visible to every user of this box "
                    "(ps); prefer --device-token-file / --staff-pin-file (mode 0600) or "
                    "%s / %s", settings.TOKEN_ENV, settings.PIN_ENV)
    if not options.staff_pin:
        log.warning("no staff PIN: the staff menu (⚙) stays locked")
    app = create_agent(options)
    stop = start_background(app)
    base = app.extensions["kiosk"].qr.base()
    print(f"kiosk page on http://{args.host}:{args.port}/ ; printer {args.printer}; "
          f"QR address {base} (until the server says otherwise); ticket previews in "
          f"{args.spool.resolve()}/last-ticket.png", flush=True)
    try:
        app.run(host=args.host, port=args.port, threaded=True, use_reloader=False)
    finally:
        stop.set()
    return 0
