"""The soak's driver: visits paced over the day, counters serving them, status counts.

Worker threads each own a schedule (a heap of due jobs) and one keep-alive connection
per server process; a counter's jobs always run on the same worker, so its presses never
overlap. A job is a visit's arrival (walk-in, or booking then check-in) or one patient
served at a counter (call-next, then recall / no-show / start, finish or transfer)."""

from __future__ import annotations

import functools
import heapq
import http.client
import itertools
import json
import queue
import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from soak_city import ENTRY, PHARMACY, POLIS, City, counters_of

Job = Callable[["Worker"], None]


class Http:
    """One keep-alive connection; `send` returns (status, JSON body or None)."""

    def __init__(self, base: str):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.conn: http.client.HTTPConnection | None = None

    def send(self, method: str, path: str, token: str | None = None, body: Any = None,
             headers: dict[str, str] | None = None) -> tuple[int, Any]:
        all_headers = {"Accept": "application/json", **(headers or {})}
        if token:
            all_headers["Authorization"] = f"Bearer {token}"
        data = json.dumps(body).encode() if body is not None else None
        if data is not None:
            all_headers["Content-Type"] = "application/json"
        for attempt in (1, 2):  # a kept connection the server closed: once more, anew
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                self.conn.request(method, path, body=data, headers=all_headers)
                reply = self.conn.getresponse()
                raw = reply.read()
                return reply.status, json.loads(raw) if raw else None
            except (ConnectionError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


class Worker(threading.Thread):
    """Runs its jobs when due; `stats` counts (route, status) and the visits' steps."""

    def __init__(self, driver: Driver, index: int, bases: list[str]):
        super().__init__(daemon=True, name=f"soak-worker-{index}")
        self.driver, self.inbox = driver, queue.Queue[tuple[float, Job]]()
        self.http = [Http(b) for b in bases]
        self.turn = itertools.count(index)
        self.heap: list[tuple[float, int, Job]] = []
        self.order = itertools.count()

    def send(self, route: str, method: str, path: str, token: str, body: Any = None,
             key: bool = False) -> tuple[int, Any]:
        http = self.http[next(self.turn) % len(self.http)]
        headers = {"Idempotency-Key": uuid.uuid4().hex} if key else None
        status, reply = http.send(method, path, token, body, headers)
        self.driver.count(route, status, reply)
        return status, reply

    def run(self) -> None:
        while True:
            wait = self.heap[0][0] - time.monotonic() if self.heap else 0.5
            try:
                due, job = self.inbox.get(timeout=max(0.0, min(wait, 0.5)))
                heapq.heappush(self.heap, (due, next(self.order), job))
            except queue.Empty:
                pass
            while self.heap and self.heap[0][0] <= time.monotonic():
                due, _, job = heapq.heappop(self.heap)
                try:
                    if self.driver.late(due):
                        continue  # the services have closed: counted, not sent
                    job(self)
                except Exception as exc:  # counted, the day goes on
                    self.driver.count("exception", 0, {"error": {"code": repr(exc)}})
                finally:
                    self.driver.done()


class Driver:
    """The day: `visits` arrivals spread over `seconds`; everything they lead to."""

    def __init__(self, city: City, bases: list[str], tokens: dict[str, str], workers: int,
                 pages: Any = None, booking_share: float = 0.4):
        self.city, self.tokens, self.pages = city, tokens, pages
        self.booking_share = booking_share
        self.statuses: Counter[tuple[str, int]] = Counter()
        self.odd: Counter[tuple[str, int, str]] = Counter()
        self.steps: Counter[str] = Counter()
        self.lock, self.pending = threading.Lock(), 0
        self.idle = threading.Condition(self.lock)
        self.workers = [Worker(self, i, bases) for i in range(workers)]
        self.niks = itertools.count(1)
        self.rng = random.Random(20)
        # No request after this (time.monotonic()): the services close soon after, and
        # what a late driver would still send then the closed day refuses. `lateness`:
        # how late the jobs ran (seconds), `dropped`: jobs left unsent at `until`.
        self.until = float("inf")
        self.lateness: list[float] = []
        self.dropped = 0

    def count(self, route: str, status: int, reply: Any) -> None:
        with self.lock:
            self.statuses[(route, status)] += 1
            if status >= 300 or status == 0:
                code = (reply or {}).get("error", {}).get("code", "?") if isinstance(
                    reply, dict) else "?"
                self.odd[(route, status, str(code))] += 1

    def late(self, due: float) -> bool:
        """Note a job's lateness; True when it comes after `until` (dropped)."""
        now = time.monotonic()
        with self.lock:
            if now >= self.until:
                self.dropped += 1
                return True
            self.lateness.append(now - due)
            return False

    def step(self, name: str) -> None:
        with self.lock:
            self.steps[name] += 1

    def done(self) -> None:
        with self.lock:
            self.pending -= 1
            if self.pending == 0:
                self.idle.notify_all()

    def at(self, key: str, delay: float, job: Job) -> None:
        """Run `job` in `delay` seconds on the worker that owns `key`."""
        with self.lock:
            self.pending += 1
        worker = self.workers[hash(key) % len(self.workers)]
        worker.inbox.put((time.monotonic() + delay, job))

    def start(self, visits: int, seconds: float) -> None:
        """Schedule every arrival, evenly over `seconds` with a little jitter."""
        for worker in self.workers:
            worker.start()
        for i in range(visits):
            facility = self.city.facilities[i % len(self.city.facilities)]
            due = seconds * (i + self.rng.random()) / visits
            booking = self.rng.random() < self.booking_share
            arrive = self.book if booking else self.walk_in
            self.at(f"kiosk:{facility}", due, functools.partial(arrive, facility=facility))

    def wait_idle(self, timeout: float) -> bool:
        with self.idle:
            return self.idle.wait_for(lambda: self.pending == 0, timeout)

    def follow(self, code: str) -> None:
        """Offer a new visit's code to the patient pages (dropped when they have plenty)."""
        if self.pages is not None and self.pages.qsize() < 2000:
            self.pages.put(code)

    def poli(self) -> str:
        return self.rng.choices(list(POLIS), weights=list(POLIS.values()))[0]

    def walk_in(self, w: Worker, facility: str) -> None:
        body = {"service": ENTRY}
        if self.rng.random() < 0.05:
            body["priority"] = "elderly"
        status, reply = w.send("walk-in", "POST", "/api/v1/kiosk/tickets",
                               self.city.kiosk_tokens[facility], body)
        if status == 201:
            self.step("walk-in")
            self.follow(reply["code"])
            self.serve_later(facility, ENTRY, [self.poli(), *self.after_poli()])

    def after_poli(self) -> list[str]:
        return [PHARMACY] if self.rng.random() < 0.4 else []

    def book(self, w: Worker, facility: str) -> None:
        n = next(self.niks)
        service = self.poli()
        nik = f"357801{1 + n // 9000 % 28:02d}0190{1 + n % 9000:04d}"
        status, reply = w.send("booking", "POST", "/api/v1/bookings", "", {
            "facility": facility, "service": service, "date": self.day, "patient": {
                "nik": nik, "name": "Pasien Soak", "phone": f"0812{n:08d}"}})
        if status != 201:
            return
        self.step("booking")
        self.follow(reply["code"])
        fate = self.rng.random()
        if fate < 0.02:
            self.at(f"kiosk:{facility}", self.rng.uniform(5, 30),
                    lambda w: self.cancel(w, reply["code"]))
        elif fate > 0.05:  # 3 % never come: the end-of-day close takes them
            self.at(f"kiosk:{facility}", self.rng.uniform(5, 60),
                    lambda w: self.check_in(w, facility, service, reply["code"]))

    def cancel(self, w: Worker, code: str) -> None:
        if w.send("cancel", "POST", f"/api/v1/bookings/{code}/cancel", "")[0] == 200:
            self.step("cancel")

    def check_in(self, w: Worker, facility: str, service: str, code: str) -> None:
        status, _ = w.send("check-in", "POST", f"/api/v1/bookings/{code}/check-in",
                           self.city.kiosk_tokens[facility])
        if status == 200:
            self.step("check-in")
            self.serve_later(facility, service, self.after_poli())

    def serve_later(self, facility: str, service: str, then: list[str]) -> None:
        counter = self.rng.choice(counters_of(service))
        self.at(f"{facility}/{counter}", self.rng.uniform(3, 40),
                lambda w: self.serve(w, facility, counter, then))

    def serve(self, w: Worker, facility: str, counter: str, then: list[str]) -> None:
        """One patient at a counter, as the console presses the buttons."""
        token, base = self.tokens[facility], f"/api/v1/counters/{counter}/"
        status, ticket = w.send("call-next", "POST", base + "call-next", token,
                                {"expected_current": None}, key=True)
        if status != 200:
            return
        self.step("call")
        seen, fate = ticket["number"], self.rng.random()
        if fate < 0.10:
            w.send("recall", "POST", base + "recall", token, {"expected_current": seen}, True)
            self.step("recall")
        if fate < 0.04:
            w.send("skip", "POST", base + "skip", token, {"expected_current": seen}, True)
            self.step("no-show")
            return
        w.send("start", "POST", base + "start", token, {"expected_current": seen}, True)
        if then:
            status, _ = w.send("transfer", "POST", base + "transfer", token,
                               {"expected_current": seen, "transfer_to": then[0]}, True)
            if status == 200:
                self.step("transfer")
                self.serve_later(facility, then[0], then[1:])
        else:
            w.send("finish", "POST", base + "finish", token, {"expected_current": seen}, True)
            self.step("finish")

    day = ""  # the service day's date (ISO), set by the soak before `start`
