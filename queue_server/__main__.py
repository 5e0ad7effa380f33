"""Command line: `python -m queue_server serve|upgrade|load-config`."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
