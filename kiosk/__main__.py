"""`python -m kiosk --server URL --device-token-file FILE --printer URI`."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
