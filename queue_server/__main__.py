"""Command line: `python -m queue_server serve|upgrade|load-config`."""

from __future__ import annotations

import sys

if sys.argv[1:2] == ["serve"]:
    # Many waiting-room sockets are cheap as greenlets; patch before anything imports socket.
    from gevent import monkey

    monkey.patch_all()

from .cli import main

sys.exit(main())
