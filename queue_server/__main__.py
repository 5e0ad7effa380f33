"""Command line: `python -m queue_server serve|upgrade|load-config`."""

from __future__ import annotations

import sys

if sys.argv[1:2] == ["serve"]:
    # Many waiting-room sockets are cheap as greenlets. The package's __init__ has patched
    # already when run as `python -m queue_server serve`; this covers other launchers.
    from gevent import monkey

    if not monkey.is_module_patched("socket"):
        monkey.patch_all()

from .cli import main
from .settings_read import BadSetting

try:
    sys.exit(main())
except BadSetting as exc:  # one sentence naming the variable, not a traceback
    print(f"error: {exc}", file=sys.stderr)
    sys.exit(2)
