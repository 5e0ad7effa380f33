"""psycopg's waits on gevent's hub (queue_server/persistence/hub_wait.py), in a process that
gevent monkey-patched, as a gunicorn gevent worker is: a statement that waits on
PostgreSQL lets the process's other greenlets run, a pipeline's replies all come back (also
when its statements and replies fill the socket both ways), and
a backend that goes away mid-statement gives psycopg's OperationalError, never a hang."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r'''
from gevent import monkey
monkey.patch_all()
import sys
import gevent
import psycopg
from queue_server.persistence import hub_wait

url = sys.argv[1]
assert hub_wait.install() and hub_wait.install()  # twice: still one wrapper
assert psycopg.waiting.wait.__name__ == "wait_on_hub"
holder = psycopg.connect(url, autocommit=True)
waiter = psycopg.connect(url, autocommit=True)
probe = psycopg.connect(url, autocommit=True)


def until(predicate, what):
    with gevent.Timeout(20, AssertionError(f"timed out waiting for {what}")):
        while not predicate():
            gevent.sleep(0.01)


# A statement blocked on a lock parks its greenlet: this one goes on and releases it.
holder.execute("SELECT pg_advisory_lock(20)")
blocked = gevent.spawn(lambda: waiter.execute("SELECT pg_advisory_lock(20), 'got it'").fetchone())
until(lambda: probe.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                            "AND NOT granted").fetchone()[0] == 1, "the lock wait")
holder.execute("SELECT pg_advisory_unlock(20)")
assert blocked.get(timeout=20)[1] == "got it"

# A pipeline's statements, sent together, each with its reply.
with waiter.pipeline():
    cursors = [waiter.execute("SELECT %s::int * 2", [i]) for i in range(50)]
assert [c.fetchone()[0] for c in cursors] == [i * 2 for i in range(50)]

# A pipeline that fills the socket both ways (megabytes sent while megabytes of replies
# come back): every reply, and the other greenlets still run meanwhile.
ticks = []
ticker = gevent.spawn(lambda: [ticks.append(gevent.sleep(0.001)) for _ in range(10_000)])
big = "x" * 200_000
with waiter.pipeline():
    cursors = [waiter.execute("SELECT length(%s::text), repeat('y', 200000)", [big + str(i)])
               for i in range(100)]
replies = [c.fetchone() for c in cursors]
assert [r[0] for r in replies] == [200_000 + len(str(i)) for i in range(100)]
assert all(len(r[1]) == 200_000 for r in replies)
assert ticks, "no other greenlet ran while the pipeline waited"
ticker.kill()

# The backend ends while its statement runs: an error, not a hang.
pid = waiter.info.backend_pid
sleeping = gevent.spawn(lambda: waiter.execute("SELECT pg_sleep(60)"))
until(lambda: probe.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s AND "
                            "query LIKE 'SELECT pg_sleep%%'", [pid]).fetchone()[0] == 1,
      "the statement to run")
probe.execute("SELECT pg_terminate_backend(%s)", [pid])
try:
    sleeping.get(timeout=20)
except psycopg.OperationalError:
    print("OK")
'''


def run(url: str, **env: str) -> subprocess.CompletedProcess[str]:
    libpq = url.replace("postgresql+psycopg://", "postgresql://")
    return subprocess.run([sys.executable, "-c", SCRIPT, libpq], cwd=ROOT, text=True,
                          capture_output=True, timeout=120, env={**env, "PATH": "/usr/bin"})


def test_waits_on_the_hub_let_other_greenlets_run_and_end_with_the_backend(
    pg_url: str,
) -> None:
    done = run(pg_url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "OK"


def test_an_operator_choice_of_wait_function_is_kept(pg_url: str) -> None:
    done = run(pg_url, PSYCOPG_WAIT_FUNC="wait_poll")
    assert done.returncode != 0 and "AssertionError" in done.stderr
