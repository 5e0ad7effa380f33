"""`python -m tests.support.shifted_serve serve ...`: the real server (`queue_server`'s
own command line, unchanged) whose clock reads real time moved by the seconds written in
the file named by `ANTRIAN_TEST_CLOCK_SHIFT` (read at every reading of the clock).

For end-to-end tests of dated processes (a Musrenbang cycle's phases, a tender's bid
deadline and complaint period, monthly progress) that a real process must walk through
in seconds: the test writes the shift, the server's use cases see the moved day. Only
`SystemClock` moves (everything that takes `rt.clock`); the database's own clock and
the operating system's do not. Never used outside tests."""

from __future__ import annotations

from gevent import monkey

monkey.patch_all()  # as queue_server/__main__.py does for launchers other than its own

import os  # noqa: E402
import sys  # noqa: E402
from datetime import UTC, datetime, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

from queue_server.services import ports  # noqa: E402

SHIFT = Path(os.environ["ANTRIAN_TEST_CLOCK_SHIFT"])


def shifted_now(self: ports.SystemClock) -> datetime:
    """Real time (UTC) plus the shift in the file, in seconds (empty: none)."""
    return datetime.now(UTC) + timedelta(seconds=float(SHIFT.read_text() or 0))


ports.SystemClock.now = shifted_now  # type: ignore[method-assign]

if __name__ == "__main__":
    from queue_server.cli import main

    sys.exit(main())
