"""Phone bookings per second on the embedded server (SQLite), at 1, 8 and 32 clients.

    python bench/bookings.py [--url URL] [--clients 1 8 32] [--per-client 40]

Every booking has its own NIK, spread over the demo's six services and eight days (quota
50 each), so all are accepted; the figures include validation, the quota check under the
number's row lock, and the response with position and estimate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from common import JsonClient, demo_server, drive

JAKARTA = ZoneInfo("Asia/Jakarta")
SERVICES = ["pendaftaran", "umum", "gigi", "kia", "lab", "apotek"]
counter = itertools.count()


def book(client: JsonClient, index: int, i: int) -> int:
    n = next(counter)
    # Days as the server counts them: in Jakarta (UTC's date lags after 17:00 UTC).
    day = dt.datetime.now(JAKARTA).date() + dt.timedelta(days=(n // len(SERVICES)) % 8)
    reply = client.post("/api/v1/bookings", {
        "facility": "pkm-demo", "service": SERVICES[n % len(SERVICES)],
        "date": day.isoformat(),
        "patient": {"nik": f"3578010101{n:06d}", "name": "Bench Patient",
                    "phone": "081234567890"}})
    return reply.status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--per-client", type=int, default=40)
    args = parser.parse_args()
    for clients in args.clients:
        per_client = max(1, min(args.per_client, 2000 // clients))
        with demo_server(args.url, ANTRIAN_BOOKING_LIMIT_PER_ADDRESS="1000000 per minute",
                         ANTRIAN_BOOKING_LIMIT_PER_NIK="1000 per minute") as base:
            print(drive(base, clients, per_client, book).line("bookings"), flush=True)


if __name__ == "__main__":
    main()
