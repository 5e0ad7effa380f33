"""Walk-in tickets per second and latency at 1, 8 and 32 keep-alive clients.

    python bench/tickets.py                       # embedded: SQLite, one process
    python bench/tickets.py --url http://...      # a running server (e.g. the prod stack)

Also measures `/ping` (no database) on the same server in the same run, so the figures
say how much of a ticket's cost is the queue itself and how much the HTTP stack.
"""

from __future__ import annotations

import argparse

from common import JsonClient, demo_server, drive

SERVICES = ["pendaftaran", "umum", "gigi", "kia", "lab", "apotek"]


def ticket(client: JsonClient, index: int, i: int) -> int:
    return client.post("/api/v1/kiosk/tickets", {"service": SERVICES[index % 6]}).status


def ping(client: JsonClient, index: int, i: int) -> int:
    return client.get("/ping").status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--requests", type=int, default=1600, help="per client count")
    args = parser.parse_args()
    with demo_server(args.url) as base:
        for clients in args.clients:
            per_client = max(20, args.requests // clients)
            drive(base, clients, 5, ticket, token="demo-kiosk")  # warm up
            tickets = drive(base, clients, per_client, ticket, token="demo-kiosk")
            trivial = drive(base, clients, per_client, ping)
            print(tickets.line("tickets"), flush=True)
            print(trivial.line("/ping  "), flush=True)
            print(f"ratio tickets/ping at {clients} clients: {tickets.rate / trivial.rate:.2f}",
                  flush=True)


if __name__ == "__main__":
    main()
