"""How long the demo takes to load, as `serve --demo` loads it: the configuration (the
demo facilities, offices and users), then each e-service module's demo, on a fresh
embedded (SQLite) database; then everything again, which must add nothing.

    python bench/demo_load.py [--rounds 3]

Prints wall and process CPU seconds per part and in all, each round on a new database.
(Tests check that the demo is right and loads twice the same; its speed is measured here.)
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import ROOT  # noqa: F401  (puts the checkout on sys.path)

from queue_server import create_app
from queue_server.cli import DEMO_CONFIG
from queue_server.eservices import hooks
from queue_server.persistence.db import make_engine
from queue_server.persistence.migrate import upgrade
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.configuration import load_config, read_config


def timed(step: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, process CPU seconds) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    step()
    return time.perf_counter() - wall, time.process_time() - cpu


def one_round(folder: Path) -> dict[str, tuple[float, float]]:
    """Each part's (wall, CPU) seconds on a new database in `folder`, the second load's
    too ("again")."""
    url = f"sqlite:///{folder / 'demo.db'}"
    engine = make_engine(url)
    upgrade(engine)
    out = {"configuration": timed(
        lambda: load_config(SqlUnitOfWork(engine), read_config(DEMO_CONFIG)))}
    engine.dispose()
    app = create_app({"DEMO": True, "DATABASE_URL": url, "SECRET_KEY": "bench"})
    app.instance_path = str(folder)
    loaders = hooks(app, "demo")
    for loader in loaders:
        out[loader.__module__.removeprefix("queue_server.eservices.")] = timed(
            lambda f=loader: f(app))
    out["again (all modules)"] = timed(lambda: [f(app) for f in loaders])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("ANTRIAN_LOG_LEVEL", "WARNING")
    runs = []
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as folder:
            runs.append(one_round(Path(folder)))
    print(f"demo load, median of {args.rounds} rounds (wall s / CPU s):")
    for part in runs[0]:
        wall = statistics.median(r[part][0] for r in runs)
        cpu = statistics.median(r[part][1] for r in runs)
        print(f"  {part:<40} {wall:6.2f} / {cpu:6.2f}")
    first = [sum(v[0] for k, v in r.items() if not k.startswith("again")) for r in runs]
    print(f"  {'first load in all':<40} {statistics.median(first):6.2f} s wall")


if __name__ == "__main__":
    main()
