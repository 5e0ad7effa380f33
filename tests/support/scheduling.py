"""How `pytest -n 2` shares the suite between its two workers.

xdist's default (`--dist load`) sends each worker long runs of consecutive tests, and the
collection starts with the heaviest layers: one worker got every browser and e2e test
(~19 minutes of work) while the other finished the rest in 11 and then waited. Running the
browser tests on both workers at once is no better: two Chromiums and their servers on two
cores nearly double each browser test's time.

So: the browser tests are together one unit of work, run by one worker from the start,
while the other takes the e2e, integration and unit modules one at a time, and the first
joins it once the browser tests are done. A module stays on one worker (its module fixtures are
set up once, its tests run in their order); modules run in collection order.
"""

from __future__ import annotations

from typing import Any

from xdist.scheduler import LoadScopeScheduling


class LayeredScheduling(LoadScopeScheduling):
    """The browser layer as one unit, every other module a unit of its own."""

    def __init__(self, config: Any, log: Any = None) -> None:
        super().__init__(config, log)
        # Units in collection order (the browser layer first: it is collected first).
        config.option.loadscopereorder = False

    def _split_scope(self, nodeid: str) -> str:
        """The browser layer's name for its tests, the module's path for the others."""
        path = nodeid.split("::", 1)[0]
        return "tests/browser" if path.startswith("tests/browser/") else path
