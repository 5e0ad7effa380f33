"""Walk-in tickets per second and latency at 1, 8 and 32 keep-alive clients.

    python bench/tickets.py                       # embedded: SQLite, one process
    python bench/tickets.py --url http://...      # a running server (e.g. `make prod`)

The clients are Debian's `wrk` (script `bench/wrk/tickets.lua`), which costs the shared
two cores far less than Python clients would. Each run also measures `/ping` (no database)
on the same server, so the figures say how much of a ticket's cost is the queue itself
and how much the HTTP stack. `--rate N` also offers N tickets/s evenly paced (not as fast
as the server answers) and reports the latency at that load. Each run also measures
`/healthz` (one database round trip): issue 20 holds walk-ins at 8 clients to at least
half its rate (printed as PASS or FAIL). `--rounds` repeats
everything on a fresh server: this machine's speed varies from minute to minute, so one
round can mislead. The embedded demo runs with its BPJS reporting off unless `--bpjs`:
its outbox would report every walk-in to the fake BPJS mounted in the same process.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
from pathlib import Path

from common import demo_server

HERE = Path(__file__).resolve().parent
FLOOR = 0.5  # walk-ins per second over /healthz per second, 8 keep-alive clients (issue 20)


def wrk(base: str, clients: int, seconds: float, script: str | None = None,
        path: str = "", rate: int = 0) -> dict:
    threads = 1 if clients <= 8 else 2
    cmd = ["wrk", f"-t{threads}", f"-c{clients}", f"-d{round(seconds)}s", "--latency"]
    if script:
        cmd += ["-s", str(HERE / "wrk" / script)]
    env = {**os.environ, "TICKETS_RATE": str(rate // threads)}
    out = subprocess.run([*cmd, base + path], capture_output=True, text=True,
                         check=True, env=env).stdout
    line = next((x for x in out.splitlines() if x.startswith("RESULT ")), None)
    if line:
        return json.loads(line[len("RESULT "):])
    # No script: read wrk's own summary (requests, duration, latency percentiles).
    rate = float(next(x for x in out.splitlines() if x.startswith("Requests/sec")).split()[1])
    pct = {x.split()[0]: x.split()[1] for x in out.splitlines()
           if x.strip().startswith(("50%", "99%"))}
    return {"requests": int(rate * seconds), "seconds": seconds, "p50_ms": _ms(pct["50%"]),
            "p99_ms": _ms(pct["99%"]), "statuses": {}}


def _ms(text: str) -> float:
    for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * factor
    raise ValueError(text)


def line(what: str, clients: int, r: dict) -> str:
    rate = r["requests"] / r["seconds"]
    return (f"{what}: {clients:>3} clients, {r['requests']} requests in {r['seconds']:.1f} s "
            f"= {rate:,.0f}/s; latency p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms"
            + (f"; statuses {r['statuses']}" if r["statuses"] else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--bpjs", action="store_true",
                        help="keep the demo's BPJS reporting on (embedded server): its outbox "
                             "then reports every walk-in to the fake BPJS mounted in the same "
                             "process, whose encryption is BPJS's own cost, not the queue's")
    parser.add_argument("--rate", type=int, default=0,
                        help="also offer this many tickets/s, evenly paced, and report "
                             "the latency at that load")
    args = parser.parse_args()
    env = {} if args.bpjs or args.url else {"ANTRIAN_BPJS_SEND_SECONDS": "0"}
    if env:
        print("embedded demo with its BPJS reporting off (--bpjs keeps it on)", flush=True)
    for round_ in range(1, args.rounds + 1):
        with demo_server(args.url, **env) as base:
            for clients in args.clients:
                wrk(base, clients, 2, "tickets.lua")  # warm up
                tickets = wrk(base, clients, args.seconds, "tickets.lua")
                ping = wrk(base, clients, max(1, args.seconds // 2), path="/ping")
                health = wrk(base, clients, max(1, args.seconds // 2), path="/healthz")
                bad = {s: n for s, n in tickets["statuses"].items() if s != "201"}
                print(f"round {round_} " + line("tickets ", clients, tickets)
                      + (f"  NOT 201: {bad}" if bad else ""), flush=True)
                print(f"round {round_} " + line("/ping   ", clients, ping), flush=True)
                print(f"round {round_} " + line("/healthz", clients, health), flush=True)
                rate = tickets["requests"] / tickets["seconds"]
                ratio = rate / (health["requests"] / health["seconds"])
                print(f"round {round_} ratio tickets/ping at {clients} clients: "
                      f"{rate / (ping['requests'] / ping['seconds']):.2f}; tickets/healthz: "
                      f"{ratio:.2f}" + (f" ({'PASS' if ratio >= FLOOR else 'FAIL'}: issue "
                                        f"20's floor {FLOOR} at 8 clients)"
                                        if clients == 8 else ""), flush=True)
                if args.rate:
                    paced = wrk(base, clients, args.seconds, "tickets.lua", rate=args.rate)
                    print(f"round {round_} " + line(f"tickets offered {args.rate}/s", clients,
                                                    paced), flush=True)


if __name__ == "__main__":
    main()
